/** `luoshi export ledger` as users run it: after `luoshi import SEED --commit`, a workbook of every task; bad input in one Chinese line. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LEDGER_HEADERS } from '../../src/documents/ledger-xlsx.js';
import { importNotice } from '../../src/importer/index.js';
import { runCli } from '../helpers/cli.js';
import { hasSeed, samplePath, seedPath } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-export-'));
const db = join(dir, 'luoshi.db');
const notice = hasSeed ? seedPath : samplePath('notice.txt');
const env = { LUOSHI_GOVERNMENT: '测试区人民政府', LUOSHI_ADMIN_PASSWORD: 'Adm1n-Cli-Passw0rd!' };

function expectOneLineFailure(args: string[]): string {
  const r = runCli(args, { env, timeoutMs: 240_000 });
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
  return lines[0] ?? '';
}

describe('luoshi export ledger', () => {
  it(
    'writes a workbook holding every task of the committed plan with its host units, and refuses a plan that does not exist',
    { timeout: 300_000 },
    async () => {
      const imported = runCli(['import', notice, '--commit', '--db', db], { env, timeoutMs: 240_000 });
      expect(imported.status, imported.stderr).toBe(0);
      const out = join(dir, 'l.xlsx');
      const r = runCli(['export', 'ledger', '--out', out, '--db', db], { env, timeoutMs: 240_000 });
      expect(r.status, r.stderr).toBe(0);
      const plan = await importNotice(new Uint8Array(readFileSync(notice)));
      expect(r.stdout).toMatch(new RegExp(`^已导出任务台账：${plan.tasks.length} 项任务，\\d+ 行 → .*l\\.xlsx\\n$`));

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(readFileSync(out)).buffer);
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error('no sheet');
      const at = (header: string): number => LEDGER_HEADERS.indexOf(header) + 1;
      const seen = new Map<string, string>();
      for (let row = 3; row <= sheet.rowCount; row++) {
        const cells = sheet.getRow(row);
        seen.set(cells.getCell(at('工作任务')).text, cells.getCell(at('牵头单位')).text);
      }
      expect(seen.size).toBe(plan.tasks.length);
      for (const t of plan.tasks) expect(seen.get(t.text), `task ${t.section}/${t.number}`).toBe(t.hostUnits.join('、'));

      // A plan that does not exist: one line, exit code 2.
      expect(expectOneLineFailure(['export', 'ledger', '--out', join(dir, 'x.xlsx'), '--plan', '999999', '--db', db])).toMatch(/分解方案/);
    },
  );

  it('refuses an output that is not .xlsx and a bad plan number, in one line with exit code 2', { timeout: 180_000 }, () => {
    expect(expectOneLineFailure(['export', 'ledger', '--out', join(dir, 'l.csv'), '--db', db])).toMatch(/\.xlsx/);
    expect(expectOneLineFailure(['export', 'ledger', '--out', join(dir, 'x.xlsx'), '--plan', 'abc', '--db', db])).toMatch(/方案编号/);
  });
});
