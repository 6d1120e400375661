/**
 * `luoshi simulate --counties 3` as users run it: after `luoshi import --commit` into a new install (its one
 * government named by nothing but the notice), the government takes the notice's name, three towns are added
 * below the district, the city's tasks are handed down and taken up, and the summary says so in Chinese.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listGovernments } from '../../src/modules/government/government.repository.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { openStore } from '../../src/store/connection.js';
import { runCli } from '../helpers/cli.js';
import { samplePath } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-simulate-'));
const db = join(dir, 'luoshi.db');
const env = { LUOSHI_GOVERNMENT: '', LUOSHI_ADMIN_PASSWORD: 'Adm1n-Cli-Passw0rd!' };

describe('luoshi simulate --counties', () => {
  it('adds the governments below, hands tasks down to them and prints what each took up', { timeout: 400_000 }, async () => {
    const imported = runCli(['import', samplePath('notice.txt'), '--units', samplePath('units.json'), '--commit', '--db', db], { env, timeoutMs: 240_000 });
    expect(imported.status, imported.stderr).toBe(0);
    const bad = runCli(['simulate', '--until', '2026-03-20', '--counties', 'three', '--db', db], { env, timeoutMs: 120_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('下级政府数量应为非负整数');

    const r = runCli(['simulate', '--until', '2026-03-20', '--counties', '3', '--db', db], { env, timeoutMs: 360_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/下级政府 3 个：2026-\d\d-\d\d 交办任务 \d+ 项/);
    expect(r.stdout).toContain('青石镇人民政府（督查室账号 qingshi_office）');

    const store = openStore(db);
    try {
      const all = await listGovernments(store.db);
      const city = all[0];
      expect(city?.name).toBe('青川市临河区人民政府');
      const below = all.filter((g) => g.parentId === city?.id);
      expect(below.map((g) => g.name)).toEqual(['青石镇人民政府', '白沙镇人民政府', '松岭镇人民政府']);
      for (const g of below) {
        const tasks = (await listTasks(store.db, g.id)).filter((t) => t.source);
        expect(tasks.length).toBeGreaterThan(0);
        expect(tasks.every((t) => t.hostUnits.length > 0)).toBe(true);
      }
    } finally {
      await store.close();
    }
  });
});
