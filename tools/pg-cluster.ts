/**
 * A throwaway PostgreSQL server, shared by the test setup
 * (test/setup/postgres.ts) and the API benchmark (bench/api.bench.ts), so
 * that both start, watch and clean up their server the same way.
 *
 * - Debian's server binaries (/usr/lib/postgresql/<version>/bin, highest
 *   version) run a fresh cluster in a temporary directory, on a free port of
 *   127.0.0.1 only, with trust authentication for the `postgres` user.
 * - As root the cluster runs as the `postgres` system user, since PostgreSQL
 *   refuses to run as root.
 * - `durable: false` switches durability off (fsync, synchronous_commit,
 *   full_page_writes) and stops with `-m immediate`: fast, and fine for data
 *   nobody keeps. `durable: true` keeps PostgreSQL's defaults and stops with
 *   `-m fast`, for measurements that must compare fairly with a durable
 *   database.
 * - `pause()` and `resume()` stop the server (`-m fast`, as an administrator
 *   restarting it would) and start it again on the same port with the same
 *   data, for tests of what the application does while its database is away.
 * - Cleanup: `stop()` normally; `stopSync()` from exit handlers; an exit hook
 *   of our own when the owner forgets; and a detached watchdog for the cases
 *   where no code of ours runs any more (crash, SIGKILL).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian installs the server binaries, one directory per major version. */
export const PG_ROOT = '/usr/lib/postgresql';

const INITDB_TIMEOUT_MS = 60_000;
const START_WAIT_S = 30;
const STOP_WAIT_S = 20;
/** A free port can be taken between probing and binding: try a few. */
const START_ATTEMPTS = 3;

export interface ClusterOptions {
  /** PostgreSQL's default, durable settings (true) or fast, non-durable ones (false). */
  durable: boolean;
  /** Prefix of the temporary directory and name of the watchdog process (e.g. `luoshi-pg`). */
  name?: string;
  /** Receives warnings, e.g. a failed `pg_ctl stop` before the server is killed; silent when omitted. */
  log?: (message: string) => void;
  /**
   * A streaming-replication standby of this server instead of a new cluster: its data copied by `pg_basebackup -R`
   * (standby.signal and primary_conninfo written) over a physical replication slot of this name, made on the primary.
   * Read-only (hot_standby), a few moments behind the primary.
   */
  standbyOf?: { port: number; slot: string };
}

export interface Cluster {
  /** URL of the server's `postgres` database, as the `postgres` superuser. */
  url: string;
  port: number;
  /** e.g. "PostgreSQL 15". */
  version: string;
  /** Stops the server, keeping its data, until resume(): every connection ends and new ones are refused. */
  pause(): Promise<void>;
  /** Starts a paused server again, on the same port. */
  resume(): Promise<void>;
  /** Stops the server and removes its directory; idempotent. */
  stop(): Promise<void>;
  /** The same, synchronously, for exit handlers where nothing asynchronous runs any more. */
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

/** Initialises and starts a cluster with the binaries in `bin` (see findPostgresBin). */
export async function startCluster(bin: string, options: ClusterOptions): Promise<Cluster> {
  const name = options.name ?? 'luoshi-pg';
  const warn = options.log ?? ((): void => {});
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : null;

  // base/ holds the data directory, the Unix socket and the server log.
  const base = mkdtempSync(join(tmpdir(), `${name}-`));
  const data = join(base, 'data');
  const log = join(base, 'server.log');
  if (owner) chownSync(base, owner.uid, owner.gid);

  // Commands run as `postgres` when we are root, as ourselves otherwise.
  const argv = (tool: string, args: string[]): string[] => {
    const command = [join(bin, tool), ...args];
    return asRoot ? ['runuser', '-u', 'postgres', '--', ...command] : command;
  };
  // Nothing of a non-durable cluster is worth a clean shutdown.
  const mode = options.durable ? 'fast' : 'immediate';
  const stopArgv = argv('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', String(STOP_WAIT_S), 'stop']);
  const watchdog = startWatchdog(name, base, stopArgv);

  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stopSync);
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
    process.removeListener('exit', stopSync);
    try {
      if (existsSync(join(data, 'postmaster.pid'))) await run(stopArgv, (STOP_WAIT_S + 5) * 1000, base);
    } catch (error) {
      warn(`pg_ctl stop failed, killing the server: ${String(error)}`);
      killPostmaster(data);
    }
    killGroup(watchdog);
    rmSync(base, { recursive: true, force: true });
  };
  // Last resort if the process exits without the owner stopping the server.
  process.once('exit', stopSync);

  try {
    const primary = options.standbyOf;
    if (primary === undefined) {
      await run(argv('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']), INITDB_TIMEOUT_MS, base);
    } else {
      // initdb's pg_hba.conf lets the postgres user replicate over 127.0.0.1 (trust); wal_level=replica is the default.
      // A fast checkpoint: a spread one would hold the copy for minutes.
      const copy = [
        '-h',
        '127.0.0.1',
        '-p',
        String(primary.port),
        '-U',
        'postgres',
        '-D',
        data,
        '-R',
        '-X',
        'stream',
        '-C',
        '-S',
        primary.slot,
        '-c',
        'fast',
        '--no-sync',
      ];
      await run(argv('pg_basebackup', copy), INITDB_TIMEOUT_MS, base);
    }

    let lastError: unknown = null;
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      const port = await freePort();
      const settings = [`-p ${port}`, `-k '${base}'`, '-c listen_addresses=127.0.0.1'];
      if (!options.durable) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
      try {
        const startArgv = argv('pg_ctl', ['-D', data, '-l', log, '-w', '-t', String(START_WAIT_S), '-o', settings.join(' '), 'start']);
        await run(startArgv, (START_WAIT_S + 10) * 1000, base);
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          port,
          version: `PostgreSQL ${bin.split('/').at(-2) ?? '?'}`,
          pause: async () => {
            await run(argv('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', String(STOP_WAIT_S), 'stop']), (STOP_WAIT_S + 5) * 1000, base);
          },
          resume: async () => {
            await run(startArgv, (START_WAIT_S + 10) * 1000, base);
          },
          stop,
          stopSync,
        };
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
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PG')));
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
 * server and removes its directory; killed by the normal stop. It only acts
 * when this process dies without stopping the server (e.g. SIGKILL).
 */
function startWatchdog(name: string, base: string, stopArgv: string[]): number | undefined {
  const script = ['pid=$1; base=$2; shift 2', 'while kill -0 "$pid" 2>/dev/null; do sleep 1; done', '"$@" >/dev/null 2>&1', 'rm -rf "$base"'].join('\n');
  const child = spawn('sh', ['-c', script, `${name}-watchdog`, String(process.pid), base, ...stopArgv], {
    cwd: tmpdir(),
    env: cleanEnv(),
    stdio: 'ignore',
    detached: true,
  });
  child.on('error', () => {});
  child.unref();
  return child.pid;
}

/** A free loopback port (the OS picks one; a moment later it may be taken, so callers retry). */
export function freePort(): Promise<number> {
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
