/**
 * Issue 6's bulletin, done when: the seed imported, a quarter of supervision
 * simulated, `luoshi bulletin --period 2026-03 --out b.docx` writes a .docx
 * and, LibreOffice being installed, its PDF, whose text holds 通报, the period
 * and the lagging tasks with their host units. SQLite only; one LibreOffice
 * conversion (the command's own).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { lagging } from '../../src/modules/dashboard/dashboard-summary.js';
import { bulletinService } from '../../src/modules/bulletin/bulletin.service.js';
import { planStatus } from '../../src/modules/status/status.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { openDatabase } from '../../src/startup/open.js';
import { runCli } from '../helpers/cli.js';
import { pdfText } from '../helpers/office.js';
import { hasSeed, seedPath } from '../helpers/paths.js';

/** The PDF's text without its page furniture (the draft mark, page numbers) and line breaks, so that a name wrapped across lines or pages reads whole. */
const flat = (layout: string): string =>
  layout
    .split('\n')
    .filter((line) => !/^\s*—\s*\d+\s*—\s*$/.test(line) && !/草稿\s+仅供审阅/.test(line))
    .join('')
    .replace(/\s+/g, '');

describe('luoshi bulletin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bulletin-cli-'));
  const db = join(dir, 'luoshi.db');
  const env = { LUOSHI_ADMIN_PASSWORD: 'Adm1n-Sim-Passw0rd!' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a bad period, an output that is not .docx and a plan that does not exist, in one Chinese line', () => {
    const cases = [
      [['--period', '2026-13', '--out', join(dir, 'x.docx')], '通报期间无效'],
      [['--period', '2026-03', '--out', join(dir, 'x.pdf')], '.docx'],
      [['--period', '2026-03', '--out', join(dir, 'x.docx'), '--plan', 'first'], '方案编号'],
    ] as const;
    for (const [args, message] of cases) {
      const r = runCli(['bulletin', ...args, '--db', db], { env });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it.runIf(hasSeed)(
    'writes the draft of March for the seed with a simulated quarter, and its PDF naming the lagging tasks and their units',
    async () => {
      const imported = runCli(['import', seedPath, '--commit', '--db', db], { env });
      expect(imported.status, imported.stderr).toBe(0);
      const simulated = runCli(['simulate', '--until', '2026-03-31', '--seed', '7', '--db', db], { env, timeoutMs: 400_000 });
      expect(simulated.status, simulated.stderr).toBe(0);

      const missing = runCli(['bulletin', '--period', '2026-03', '--out', join(dir, 'x.docx'), '--plan', '99', '--db', db], { env });
      expect(missing.status, missing.stderr).toBe(2);
      expect(missing.stderr).toContain('分解方案不存在');

      const out = join(dir, 'b.docx');
      const made = runCli(['bulletin', '--period', '2026-03', '--out', out, '--db', db], { env, timeoutMs: 180_000 });
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toContain('已生成通报草稿');
      expect(made.stdout).toContain(`PDF：${join(dir, 'b.pdf')}`);
      expect(existsSync(out)).toBe(true);
      expect(existsSync(join(dir, 'b.pdf'))).toBe(true);

      // The draft the command made says what the status service says of 31 March.
      const { store, governmentId } = await openDatabase(db);
      let content;
      let expected;
      try {
        const actor = systemActor(governmentId);
        const [listed] = await bulletinService.list(store.db, actor, {});
        if (!listed) throw new Error('the command left no bulletin');
        content = (await bulletinService.get(store.db, actor, listed.id)).content;
        const status = await planStatus(store.db, governmentId, listed.planId, '2026-03-31');
        const tasks = new Map((await listTasks(store.db, governmentId, { planId: listed.planId })).map((t) => [t.id, t]));
        expected = lagging(status.tasks).map((l) => tasks.get(l.taskId)?.number);
      } finally {
        await store.close();
      }
      expect(content?.asOf).toBe('2026-03-31');
      expect(content?.lagging.length).toBeGreaterThan(0);
      expect(content?.lagging.map((t) => t.number)).toEqual(expected);

      const { text } = await pdfText(new Uint8Array(readFileSync(join(dir, 'b.pdf'))));
      const body = flat(text);
      expect(body).toContain('通报');
      expect(body).toContain('2026年3月');
      for (const task of content?.lagging ?? []) {
        expect(body, `lagging task ${task.number}`).toContain(task.title.replace(/\s+/g, ''));
        for (const unit of task.hostUnits) expect(body, `host unit of task ${task.number}`).toContain(unit);
      }
    },
    600_000,
  );
});
