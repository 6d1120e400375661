/**
 * A throwaway PostgreSQL server for the API benchmark, started the way the
 * test setup does (Debian's binaries, highest version; as root the cluster
 * runs as the `postgres` user) but with PostgreSQL's default, durable
 * settings: fsync and synchronous_commit stay on, so that updates compare
 * fairly with SQLite's synchronous=FULL. Listens on 127.0.0.1 only. A
 * detached watchdog stops it and removes its directory if the benchmark dies
 * without cleaning up.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes.js';

const PG_ROOT = '/usr/lib/postgresql';
const START_WAIT_S = 30;
const STOP_WAIT_S = 20;

export interface Cluster {
  url: string;
  /** e.g. "PostgreSQL 15". */
  version: string;
  stop(): Promise<void>;
  /** For exit handlers, where nothing asynchronous runs any more. */
  stopSync(): void;
}

/** The bin directory of the highest installed PostgreSQL version, or null. */
export function findPostgresBin(): string | null {
  let versions: string[];
  try {
    versions = readdirSync(PG_ROOT);
  } catch {
    return null;
  }
  const best = versions
    .filter((v) => /^\d+(?:\.\d+)?$/.test(v))
    .filter((v) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(PG_ROOT, v, 'bin', b))))
    .sort((a, b) => Number(b) - Number(a))[0];
  return best === undefined ? null : join(PG_ROOT, best, 'bin');
}

export async function startCluster(bin: string): Promise<Cluster> {
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : null;
  const base = mkdtempSync(join(tmpdir(), 'luoshi-bench-pg-'));
  const data = join(base, 'data');
  const log = join(base, 'server.log');
  if (owner) chownSync(base, owner.uid, owner.gid);

  const argv = (tool: string, args: string[]): string[] => {
    const command = [join(bin, tool), ...args];
    return asRoot ? ['runuser', '-u', 'postgres', '--', ...command] : command;
  };
  const stopArgv = argv('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', String(STOP_WAIT_S), 'stop']);
  const watchdog = startWatchdog(base, stopArgv);

  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    if (existsSync(join(data, 'postmaster.pid'))) {
      const [cmd = '', ...args] = stopArgv;
      const r = spawnSync(cmd, args, { cwd: tmpdir(), stdio: 'ignore', timeout: (STOP_WAIT_S + 5) * 1000, env: cleanEnv() });
      if (r.status !== 0) killPostmaster(data);
    }
    killGroup(watchdog);
    rmSync(base, { recursive: true, force: true });
  };
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      if (existsSync(join(data, 'postmaster.pid'))) await run(stopArgv, (STOP_WAIT_S + 5) * 1000, base);
    } catch {
      killPostmaster(data);
    }
    killGroup(watchdog);
    rmSync(base, { recursive: true, force: true });
  };

  try {
    await run(argv('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']), 60_000, base);
    let lastError: unknown = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const options = [`-p ${port}`, `-k '${base}'`, '-c listen_addresses=127.0.0.1'].join(' ');
      try {
        await run(argv('pg_ctl', ['-D', data, '-l', log, '-w', '-t', String(START_WAIT_S), '-o', options, 'start']), (START_WAIT_S + 10) * 1000, base);
        const version = `PostgreSQL ${bin.split('/').at(-2) ?? '?'}`;
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, version, stop, stopSync };
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

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => {
    const r = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8', timeout: 5_000 });
    const n = Number.parseInt(r.stdout ?? '', 10);
    if (r.status !== 0 || !Number.isInteger(n)) throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as.');
    return n;
  };
  return { uid: id('-u'), gid: id('-g') };
}

/** The environment for PostgreSQL tools, without PG* variables that could redirect them. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PG')));
}

/** Runs a command with a time limit, in its own process group. */
function run(argv: string[], timeoutMs: number, cwd: string): Promise<string> {
  const [cmd = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => killGroup(child.pid), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${argv.join(' ')}: exit ${code ?? signal}\n${output.trim()}`));
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

function killPostmaster(data: string): void {
  try {
    const pid = Number.parseInt(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // no pid file or no process
  }
}

/** Waits for this process to end, then stops the server and removes its directory. */
function startWatchdog(base: string, stopArgv: string[]): number | undefined {
  const script = ['pid=$1; base=$2; shift 2', 'while kill -0 "$pid" 2>/dev/null; do sleep 1; done', '"$@" >/dev/null 2>&1', 'rm -rf "$base"'].join('\n');
  const child = spawn('sh', ['-c', script, 'luoshi-bench-pg-watchdog', String(process.pid), base, ...stopArgv], {
    cwd: tmpdir(),
    env: cleanEnv(),
    stdio: 'ignore',
    detached: true,
  });
  child.on('error', () => {});
  child.unref();
  return child.pid;
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
