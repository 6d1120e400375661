/**
 * A bad environment variable stops every command at its start: one Chinese
 * line on stderr naming the variable, exit code 2, and nothing done (not even
 * the database file created), rather than a failure at first use.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { samplePath } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-config-'));
const db = join(dir, 'luoshi.db');
const backupFile = join(dir, 'existing.jsonl.gz');
writeFileSync(backupFile, 'not read');

const BAD_POOL = { LUOSHI_DB_POOL: 'abc' };
const POOL_MESSAGE = 'luoshi: 环境变量 LUOSHI_DB_POOL 应为 1 到 100 之间的整数，现为“abc”\n';

/** Every command, with the arguments it needs to get past its flags; all would open (or create) the database. */
const COMMANDS: string[][] = [
  ['serve', '--port', '0', '--db', db],
  ['demo', '--port', '0', '--db', db],
  ['import', samplePath('notice.txt')],
  ['import', samplePath('notice.txt'), '--commit', '--db', db],
  ['tick', '--db', db],
  ['simulate', '--until', '2026-06-30', '--db', db],
  ['user', 'add', '--username', 'zhang', '--role', 'observer', '--password-env', 'NEW_PASSWORD', '--db', db],
  ['user', 'unlock', '--username', 'zhang', '--db', db],
  ['audit', 'verify', '--db', db],
  ['backup', join(dir, 'backup.jsonl.gz'), '--db', db],
  ['restore', backupFile, '--db', db],
  ['bulletin', '--period', '2026-03', '--out', join(dir, 'bulletin.docx'), '--db', db],
  ['export', 'ledger', '--out', join(dir, 'ledger.xlsx'), '--db', db],
];

/** Runs the work two at a time (more only slows a small machine), in order. */
async function inTwos<T>(work: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < work.length; i = next++) results[i] = await work[i]!();
  };
  await Promise.all([lane(), lane()]);
  return results;
}

describe('a bad environment variable', () => {
  it('stops every command at start with exit code 2 and one line naming it', async () => {
    const results = await inTwos(
      COMMANDS.map((args) => () => runCliAsync(args, { env: { ...BAD_POOL, NEW_PASSWORD: 'Lh-21-Strong!Pass9' }, timeoutMs: 60_000 })),
    );
    results.forEach((r, i) => {
      const command = `luoshi ${(COMMANDS[i] ?? []).slice(0, 2).join(' ')}`;
      expect({ command, status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({ command, status: 2, stderr: POOL_MESSAGE, stdout: '' });
    });
    expect(existsSync(db)).toBe(false);
  }, 240_000);

  it('names each bad variable, and the --db flag does not excuse a bad LUOSHI_DB', () => {
    const r = runCli(['audit', 'verify', '--db', db], { env: { LUOSHI_DB: 'mysql://root:secret@db.example/luoshi', LUOSHI_SECURE_COOKIES: 'maybe' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'luoshi: 环境变量 LUOSHI_DB 应为文件路径、sqlite: 地址或 postgres:// 地址，现为“mysql://root:***@db.example/luoshi”；环境变量 LUOSHI_SECURE_COOKIES 应为 1 或 0（也可写 true/false、yes/no、on/off），现为“maybe”\n',
    );
  });

  it('leaves help alone', () => {
    const r = runCli(['--help'], { env: BAD_POOL });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: luoshi');
  });
});
