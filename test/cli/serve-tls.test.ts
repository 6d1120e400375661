/**
 * `luoshi serve` with LUOSHI_TLS_CERT and LUOSHI_TLS_KEY: a file it cannot
 * read or a pair that is no certificate and key stops it at once, with one
 * line and exit code 2, before the database is opened.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-tls-cli-'));
const db = join(dir, 'luoshi.db');

it('stops at a missing certificate file, naming it, and opens no database', () => {
  const cert = join(dir, 'missing-cert.pem');
  const r = runCli(['serve', '--port', '0', '--db', db], { env: { LUOSHI_TLS_CERT: cert, LUOSHI_TLS_KEY: join(dir, 'missing-key.pem') } });
  expect({ status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({
    status: 2,
    stderr: `luoshi: 无法读取 TLS 证书文件 ${cert}：文件不存在\n`,
    stdout: '',
  });
  expect(existsSync(db)).toBe(false);
}, 120_000);

it('stops at files that are no certificate and key', () => {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  writeFileSync(cert, 'not a certificate');
  writeFileSync(key, 'not a key');
  const r = runCli(['serve', '--port', '0', '--db', db], { env: { LUOSHI_TLS_CERT: cert, LUOSHI_TLS_KEY: key } });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`^luoshi: TLS 证书或私钥无效（${cert}、${key}）：[^\\n]+\\n$`));
  expect(existsSync(db)).toBe(false);
}, 120_000);
