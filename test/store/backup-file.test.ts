/**
 * Bad backup files and bad targets are refused with one line and exit code 2,
 * before anything is written; the progress bar draws only on a terminal.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressBar, renderBar } from '../../src/cli/progress.js';
import { BackupError } from '../../src/store/backup-format.js';
import { writeBackup } from '../../src/store/backup.js';
import { openStore } from '../../src/store/connection.js';
import { openDatabase } from '../../src/startup/open.js';
import { checkBackup, restoreBackup } from '../../src/store/restore.js';
import { TABLES } from '../../src/store/tables.js';
import { runCli } from '../helpers/cli.js';
import { QUIET, dumpDatabase, rowCount } from './backup-fixture.js';

let dir: string;
/** The lines of a valid backup of a database just opened by Luoshi (government, administrator, audit row). */
let lines: string[];
/** A database holding data, the target of the refused restores. */
let target: string;

const path = (name: string): string => join(dir, name);

function writeLines(name: string, content: string[]): string {
  const file = path(name);
  writeFileSync(file, gzipSync(`${content.join('\n')}\n`));
  return file;
}

/** The valid lines with line `index` (0-based) passed through `change`. */
function edited(name: string, index: number, change: (value: unknown) => unknown): string {
  const copy = [...lines];
  copy[index] = JSON.stringify(change(JSON.parse(copy[index] ?? 'null')));
  return writeLines(name, copy);
}

const lineOf = (table: string): number => lines.findIndex((l) => l.startsWith(`{"table":"${table}"`));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-backup-file-'));
  target = path('target.db');
  const opened = await openDatabase(target, QUIET);
  try {
    await writeBackup(opened.store, path('valid.jsonl.gz'));
  } finally {
    await opened.store.close();
  }
  lines = gunzipSync(readFileSync(path('valid.jsonl.gz')))
    .toString('utf8')
    .trimEnd()
    .split('\n');
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('checking a backup file', () => {
  it('accepts the file a backup wrote', async () => {
    const checked = await checkBackup(path('valid.jsonl.gz'));
    expect(checked.rows).toBe(3);
    expect(checked.header).toMatchObject({ format: 'luoshi-backup', version: 1, dialect: 'sqlite' });
  });

  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => path('none.gz'), /^找不到备份文件/],
    ['a file that is not gzip', () => (writeFileSync(path('plain'), lines.join('\n')), path('plain')), /不是 gzip 压缩文件/],
    ['a gzip file cut short', () => (writeFileSync(path('cut.gz'), readFileSync(path('valid.jsonl.gz')).subarray(0, 200)), path('cut.gz')), /已损坏或不完整/],
    ['a file without its end line', () => writeLines('noend.gz', lines.slice(0, -1)), /缺少结束行/],
    ['a file that is not UTF-8', () => (writeFileSync(path('gbk.gz'), gzipSync(Buffer.from([0xff, 0xfe, 0x41, 0x0a]))), path('gbk.gz')), /无效的 UTF-8/],
    ['a line that is not JSON', () => writeLines('json.gz', [...lines.slice(0, 2), '[1, "x"', ...lines.slice(2)]), /第 3 行）：不是有效的 JSON/],
    ['another format', () => edited('format.gz', 0, (h) => ({ ...(h as object), format: 'other' })), /缺少文件头/],
    ['a newer format version', () => edited('version.gz', 0, (h) => ({ ...(h as object), version: 2 })), /不支持的备份格式版本：2/],
    ['an unknown header field', () => edited('field.gz', 0, (h) => ({ ...(h as object), extra: 1 })), /未知的字段：extra/],
    ['an unknown table', () => edited('table.gz', lineOf('units'), () => ({ table: 'secrets', columns: ['id'] })), /未知的表：secrets/],
    ['tables out of order', () => edited('order.gz', lineOf('units'), () => ({ table: 'leaders', columns: ['id'] })), /表的顺序不对：应为 units，却是 leaders/],
    [
      'an unknown column',
      () => edited('col.gz', lineOf('governments'), () => ({ table: 'governments', columns: ['id', 'name', 'created_at', 'evil'] })),
      /表 governments 没有列 evil/,
    ],
    [
      'a missing column',
      () => edited('miss.gz', lineOf('governments'), () => ({ table: 'governments', columns: ['id', 'name'] })),
      /表 governments 缺少列 created_at/,
    ],
    ['a row of the wrong width', () => edited('width.gz', lineOf('governments') + 1, (row) => [...(row as unknown[]), 'x']), /应有 4 列，实有 5 列/],
    [
      'a row with an object in it',
      () => edited('value.gz', lineOf('governments') + 1, () => [1, { name: 'x' }, '2027-01-01T00:00:00.000Z', null]),
      /不支持的值/,
    ],
    ['an end line with the wrong count', () => edited('count.gz', lines.length - 1, () => ({ end: true, rows: 99 })), /结束行记载 99 行，实有 3 行/],
    ['lines after the end', () => writeLines('after.gz', [...lines, lines[1] ?? '']), /结束行之后还有内容/],
  ];
  for (const [name, make, message] of cases) {
    it(`refuses ${name}`, async () => {
      const error = await checkBackup(make()).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    });
  }

  it('refuses a backup of another version of the schema, leaving the target without data', async () => {
    const file = edited('migrations.gz', 0, (h) => ({ ...(h as object), migrations: ['2026-11-28-001-initial', '2099-01-01-001-future'] }));
    const store = openStore(path('fresh.db'));
    try {
      await expect(restoreBackup(store, await checkBackup(file))).rejects.toThrow(/较新版本的 Luoshi（本程序没有迁移 2099-01-01-001-future）/);
      expect(rowCount(await dumpDatabase(store.db))).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('luoshi restore with a bad file', () => {
  it('exits with code 2 and one line, leaving the target untouched even with --force', async () => {
    const store = openStore(target);
    const held = await dumpDatabase(store.db).finally(() => store.close());
    const cut = writeLines('cli-noend.gz', lines.slice(0, -1));
    const column = edited('cli-col.gz', lineOf('users'), (v) => ({ ...(v as object), columns: ['id'] }));
    for (const file of [path('plain'), cut, column]) {
      const r = runCli(['restore', file, '--db', target, '--force']);
      expect(r.status, file).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^luoshi: [^\n]+\n$/);
    }
    const after = openStore(target);
    expect(await dumpDatabase(after.db).finally(() => after.close())).toEqual(held);
  }, 120_000);

  it('does not create the target database', () => {
    const r = runCli(['restore', path('plain'), '--db', path('never.db')]);
    expect(r.status).toBe(2);
    expect(existsSync(path('never.db'))).toBe(false);
  });
});

describe('luoshi backup refusals', () => {
  it('does not overwrite a file, nor back up a database that does not exist', () => {
    const existing = runCli(['backup', path('valid.jsonl.gz'), '--db', target]);
    expect(existing.status).toBe(2);
    expect(existing.stderr).toContain('文件已存在');
    const missing = runCli(['backup', path('new.gz'), '--db', path('missing.db')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('数据库文件不存在');
    expect(existsSync(path('missing.db'))).toBe(false);
    expect(existsSync(path('new.gz'))).toBe(false);
  });

  it('writes a backup from the command line, with no progress bar when stderr is not a terminal', async () => {
    const r = runCli(['backup', path('cli.jsonl.gz'), '--db', target]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^已备份 3 行（${TABLES.length} 张表，SQLite .+）到 .+cli\\.jsonl\\.gz\\n$`));
    expect((await checkBackup(path('cli.jsonl.gz'))).rows).toBe(3);
  });
});

describe('progress bar', () => {
  it('renders rows done of the total', () => {
    expect(renderBar('备份', 0, 200, 10)).toBe('备份 [..........] 0/200 行 0%');
    expect(renderBar('备份', 50, 200, 10)).toBe('备份 [###.......] 50/200 行 25%');
    expect(renderBar('恢复', 200, 200, 10)).toBe('恢复 [##########] 200/200 行 100%');
    expect(renderBar('备份', 0, 0, 4)).toBe('备份 [####] 0/0 行 100%');
  });

  it('redraws in place on a terminal, at most every 100 ms and always at the end', () => {
    const written: string[] = [];
    let now = 0;
    const bar = progressBar('恢复', { isTTY: true, write: (t: string) => written.push(t) }, () => now);
    bar.update(10, 100);
    now = 50;
    bar.update(20, 100);
    now = 150;
    bar.update(30, 100);
    bar.update(100, 100);
    bar.finish();
    expect(written.map((w) => w.replace(/\[.*\] /, ''))).toEqual(['\r恢复 10/100 行 10%', '\r恢复 30/100 行 30%', '\r恢复 100/100 行 100%', '\n']);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const written: string[] = [];
    const bar = progressBar('备份', { isTTY: false, write: (t: string) => written.push(t) });
    bar.update(1, 2);
    bar.finish();
    expect(written).toEqual([]);
  });
});
