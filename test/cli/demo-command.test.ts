/**
 * `luoshi demo` never loses the passwords it generates: run on PostgreSQL from
 * a folder without ./data, it makes the folder first and keeps every demo
 * account's password there (readable by the owner only), and each password
 * signs its account in.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../src/modules/session/session.service.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { dropPostgresDatabase, freshPostgresDatabase, hasPostgres } from '../helpers/databases.js';
import { cliArgs } from '../helpers/cli.js';

/** Runs `luoshi demo` in `cwd` until it says it is serving, then stops it; its output. */
function runDemoUntilServing(args: string[], cwd: string, timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(['demo', ...args]), {
      cwd,
      env: { ...process.env, NO_COLOR: '1', LUOSHI_ADMIN_PASSWORD: '', LUOSHI_ADMIN_USERNAME: '' },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`luoshi demo did not start serving in time:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('演示已启动')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (stdout.includes('演示已启动')) resolve({ stdout, stderr });
      else reject(new Error(`luoshi demo ended (${code ?? signal}) before serving:\n${stdout}\n${stderr}`));
    });
  });
}

describe.runIf(hasPostgres())('luoshi demo on PostgreSQL, from a folder without ./data', () => {
  let url: string;
  let cwd: string;
  let store: Store | undefined;
  beforeAll(async () => {
    url = (await freshPostgresDatabase()) ?? '';
    cwd = mkdtempSync(join(tmpdir(), 'luoshi-demo-'));
  });
  afterAll(async () => {
    await store?.close();
    rmSync(cwd, { recursive: true, force: true });
    await dropPostgresDatabase(url);
  });

  it('keeps every generated password in data/demo-accounts.json, and each signs its account in', async () => {
    expect(existsSync(join(cwd, 'data'))).toBe(false);
    const { stdout } = await runDemoUntilServing(['--db', url, '--port', '0', '--no-simulate'], cwd, 180_000);
    const file = join(cwd, 'data', 'demo-accounts.json');
    expect(stdout).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(saved).sort()).toEqual(['admin', 'auditor', 'head', 'leader', 'liaison', 'observer', 'secadmin', 'sysadmin']);
    store = openStore(url);
    for (const [username, password] of Object.entries(saved)) {
      const r = await signIn(store.db, { username, password, ip: null, userAgent: null });
      expect(r.ok, username).toBe(true);
      expect(stdout, `the banner shows ${username}'s password`).toContain(password);
    }
  }, 240_000);
});
