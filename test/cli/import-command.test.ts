/** The `luoshi import` command as users run it: output shapes and one-line failures. */
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { hasSeed, samplePath, seedPath } from '../helpers/paths.js';
import { buildZip } from '../importer/zip-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-cli-'));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

function expectOneLineFailure(args: string[]): string {
  const r = runCli(args);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+|Error:|node:internal/);
  return lines[0] ?? '';
}

describe('luoshi import', () => {
  it('prints the plan as JSON in the documented shape', () => {
    const r = runCli(['import', samplePath('notice.txt'), '--json']);
    expect(r.status, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['docNumber', 'issuer', 'date', 'year', 'title', 'headlineTargets', 'sections', 'tasks', 'warnings']) {
      expect(plan).toHaveProperty(key);
    }
    const task = (plan.tasks as Record<string, unknown>[])[0];
    for (const key of ['number', 'section', 'text', 'leaders', 'hostUnits', 'coUnits', 'targets', 'projects', 'deadline']) {
      expect(task).toHaveProperty(key);
    }
    const target = (task?.targets as Record<string, unknown>[])[0];
    for (const key of ['text', 'metric', 'kind', 'value', 'unit']) expect(target).toHaveProperty(key);
  });

  it('prints a readable summary without --json', () => {
    const r = runCli(['import', samplePath('notice.txt'), '--units', samplePath('units.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/项任务/);
    expect(r.stdout).toMatch(/主办：/);
    expect(r.stdout).toMatch(/需要人工确认/);
  });

  it.runIf(hasSeed)('imports the seed with 39 tasks', () => {
    const r = runCli(['import', seedPath, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { tasks: unknown[] }).tasks).toHaveLength(39);
  });

  it('shows help', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/import/);
  });

  describe('refuses bad input with exit code 2 and one line', () => {
    it('a missing file', () => expect(expectOneLineFailure(['import', join(dir, 'nope.txt')])).toMatch(/找不到/));
    it('a directory', () => expect(expectOneLineFailure(['import', dir])).toMatch(/目录/));
    it('an empty file', () => expect(expectOneLineFailure(['import', file('empty.txt', '')])).toMatch(/空/));
    it('a file of blanks', () => expect(expectOneLineFailure(['import', file('blank.txt', '  \n\n \t\n')])).toMatch(/没有文字/));
    it('a binary file', () => {
      const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
      expect(expectOneLineFailure(['import', file('random.bin', bytes)])).toMatch(/二进制|不是可读/);
    });
    it('an oversized file', () => {
      const path = file('huge.txt', '');
      truncateSync(path, 21 * 1024 * 1024);
      expect(expectOneLineFailure(['import', path])).toMatch(/过大/);
    });
    it('a truncated docx', () => {
      const whole = buildZip([
        { name: '[Content_Types].xml', content: '<Types/>' },
        { name: 'word/document.xml', content: '<w:document>'.padEnd(5000, ' ') },
      ]);
      expect(expectOneLineFailure(['import', file('cut.docx', whole.subarray(0, 200))])).toMatch(/损坏|无法/);
    });
    it('a docx whose XML is garbage', () => {
      const bad = buildZip([
        { name: '[Content_Types].xml', content: 'not xml' },
        { name: 'word/document.xml', content: '<<<>>>' },
      ]);
      expect(expectOneLineFailure(['import', file('garbage.docx', bad)])).toMatch(/无法|损坏/);
    });
    it('a zip bomb', () => {
      expect(
        expectOneLineFailure(['import', file('bomb.xlsx', buildZip([{ name: 'xl/workbook.xml', content: 'x'.repeat(1000), declaredSize: 5 * 1024 ** 3 }]))]),
      ).toMatch(/炸弹|过大/);
    });
    it('a PDF', () => expect(expectOneLineFailure(['import', file('n.pdf', '%PDF-1.7\n%âãÏÓ\n')])).toMatch(/PDF/));
    it('a bad unit directory', () => {
      expect(expectOneLineFailure(['import', samplePath('notice.txt'), '--units', file('u.json', '{"units": 3}')])).toMatch(/单位名录/);
    });
    it('an unknown option', () => {
      const r = runCli(['import', samplePath('notice.txt'), '--jsn']);
      expect(r.status).toBe(2);
    });
  });
});
