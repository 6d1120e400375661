/**
 * Vitest global setup: a throwaway PostgreSQL server for the test run.
 *
 * - LUOSHI_TEST_PG=postgres://… uses that server and starts nothing;
 *   LUOSHI_TEST_PG=off starts nothing and skips the PostgreSQL tests.
 * - Otherwise Debian's server binaries (/usr/lib/postgresql/<version>/bin,
 *   highest version) run a fresh cluster in a temporary directory on a free
 *   loopback port, with durability switched off (tests only). As root the
 *   cluster runs as the `postgres` user, since PostgreSQL refuses root.
 * - Without binaries the PostgreSQL half of the tests is skipped (pgUrl null),
 *   except on CI (env CI set), where that is an error.
 *
 * Tests read the URL with `inject('pgUrl')`; child processes find it in
 * LUOSHI_TEST_PG. The server is stopped and its directory removed at the end
 * of the run; an exit hook and a small watchdog cover the cases where the
 * teardown never runs (crash, SIGKILL of the test runner).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL (its `postgres` database), or null when no PostgreSQL is available. */
    pgUrl: string | null;
    /** True when this setup started the server (fast, non-durable settings); false for LUOSHI_TEST_PG. */
    pgStartedByHarness: boolean;
  }
}

const PG_ROOT = '/usr/lib/postgresql';
const INITDB_TIMEOUT_MS = 60_000;
const START_WAIT_S = 30;
const STOP_WAIT_S = 20;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.LUOSHI_TEST_PG?.trim();
  if (external?.toLowerCase() === 'off') {
    console.warn('[test] LUOSHI_TEST_PG=off: PostgreSQL tests are skipped.');
    project.provide('pgUrl', null);
    project.provide('pgStartedByHarness', false);
    return () => Promise.resolve();
  }
  if (external) {
    if (!/^postgres(?:ql)?:\/\//i.test(external)) {
      throw new Error(`LUOSHI_TEST_PG must be a postgres:// URL or off, got: ${external}`);
    }
    project.provide('pgUrl', external);
    project.provide('pgStartedByHarness', false);
    return () => Promise.resolve();
  }

  const bin = findPostgresBin();
  if (bin === null) {
    if (process.env.CI) {
      throw new Error(
        `PostgreSQL server binaries not found under ${PG_ROOT}/*/bin and LUOSHI_TEST_PG is unset; ` +
          'CI must install PostgreSQL (apt-get install postgresql) or set LUOSHI_TEST_PG.',
      );
    }
    console.warn(`[test] PostgreSQL not found (${PG_ROOT}/*/bin, LUOSHI_TEST_PG unset): PostgreSQL tests are skipped.`);
    project.provide('pgUrl', null);
    project.provide('pgStartedByHarness', false);
    return () => Promise.resolve();
  }

  const server = await startServer(bin);
  process.env.LUOSHI_TEST_PG = server.url;
  project.provide('pgUrl', server.url);
  project.provide('pgStartedByHarness', true);

  return async () => {
    if (process.env.LUOSHI_TEST_PG === server.url) delete process.env.LUOSHI_TEST_PG;
    await server.stop();
  };
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

/** The bin directory of the highest installed PostgreSQL version, or null. */
function findPostgresBin(): string | null {
  let versions: string[];
  try {
    versions = readdirSync(PG_ROOT);
  } catch {
    return null;
  }
  const candidates = versions
    .filter((v) => /^\d+(?:\.\d+)?$/.test(v))
    .filter((v) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(PG_ROOT, v, 'bin', b))))
    .sort((a, b) => Number(b) - Number(a));
  const best = candidates[0];
  return best === undefined ? null : join(PG_ROOT, best, 'bin');
}

async function startServer(bin: string): Promise<Server> {
  const began = Date.now();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : null;

  // base/ holds the data directory, the Unix socket and the server log.
  const base = mkdtempSync(join(tmpdir(), 'luoshi-pg-'));
  const data = join(base, 'data');
  const log = join(base, 'server.log');
  if (owner) chownSync(base, owner.uid, owner.gid);

  // Commands run as `postgres` when we are root, as ourselves otherwise.
  const argv = (tool: string, args: string[]): string[] => {
    const command = [join(bin, tool), ...args];
    return asRoot ? ['runuser', '-u', 'postgres', '--', ...command] : command;
  };
  const stopArgv = argv('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', String(STOP_WAIT_S), 'stop']);

  let stopped = false;
  const watchdog = startWatchdog(base, stopArgv);
  // Last resort if the process exits without running the teardown.
  const onExit = (): void => {
    if (stopped) return;
    stopped = true;
    const [cmd = '', ...args] = stopArgv;
    spawnSync(cmd, args, { cwd: tmpdir(), stdio: 'ignore', timeout: (STOP_WAIT_S + 5) * 1000, env: cleanEnv() });
    killGroup(watchdog);
    rmSync(base, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    try {
      if (existsSync(join(data, 'postmaster.pid'))) await run(stopArgv, (STOP_WAIT_S + 5) * 1000, base);
    } catch (error) {
      console.warn(`[test] pg_ctl stop failed, killing the server: ${String(error)}`);
      killPostmaster(data);
    }
    killGroup(watchdog);
    rmSync(base, { recursive: true, force: true });
  };

  try {
    await run(
      argv('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']),
      INITDB_TIMEOUT_MS,
      base,
    );

    // A free port can be taken between probing and binding: try a few.
    let lastError: unknown = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        `-k '${base}'`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
      ].join(' ');
      try {
        await run(
          argv('pg_ctl', ['-D', data, '-l', log, '-w', '-t', String(START_WAIT_S), '-o', options, 'start']),
          (START_WAIT_S + 10) * 1000,
          base,
        );
        const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
        const seconds = ((Date.now() - began) / 1000).toFixed(1);
        console.log(`[test] PostgreSQL (${bin}) on 127.0.0.1:${port}, ready in ${seconds} s`);
        return { url, stop };
      } catch (error) {
        lastError = error;
        killPostmaster(data);
      }
    }
    throw new Error(`PostgreSQL did not start: ${String(lastError)}\n--- server log ---\n${tail(log)}`);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** uid and gid of the `postgres` system user (required to run the server as root). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => {
    const r = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8', timeout: 5_000 });
    const n = Number.parseInt(r.stdout ?? '', 10);
    if (r.status !== 0 || !Number.isInteger(n)) {
      throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as (install the postgresql package).');
    }
    return n;
  };
  return { uid: id('-u'), gid: id('-g') };
}

/** The environment for PostgreSQL tools, without PG* variables that could redirect them. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PG')) env[key] = value;
  }
  return env;
}

/**
 * Runs a command with a time limit, in its own process group so that a
 * timeout kills everything it started (the postmaster leaves that group).
 */
function run(argv: string[], timeoutMs: number, cwd: string): Promise<string> {
  const [cmd = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else {
        const why = timedOut ? `timed out after ${timeoutMs} ms` : `exit ${code ?? signal}`;
        reject(new Error(`${argv.join(' ')}: ${why}\n${output.trim()}`));
      }
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Kills the postmaster named in postmaster.pid (backends exit when it dies). */
function killPostmaster(data: string): void {
  try {
    const pid = Number.parseInt(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // no pid file or no process
  }
}

/**
 * A detached shell that waits for this process to end and then stops the
 * server and removes its directory; killed by the normal teardown. It only
 * acts when the runner dies without tearing down (e.g. SIGKILL).
 */
function startWatchdog(base: string, stopArgv: string[]): number | undefined {
  const script = [
    'pid=$1; base=$2; shift 2',
    'while kill -0 "$pid" 2>/dev/null; do sleep 1; done',
    '"$@" >/dev/null 2>&1',
    'rm -rf "$base"',
  ].join('\n');
  const child = spawn('sh', ['-c', script, 'luoshi-pg-watchdog', String(process.pid), base, ...stopArgv], {
    cwd: tmpdir(),
    env: cleanEnv(),
    stdio: 'ignore',
    detached: true,
  });
  child.on('error', () => {});
  child.unref();
  return child.pid;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
