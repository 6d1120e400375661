/**
 * Child processes of the API benchmark and their cleanup. Every child runs
 * in its own process group (so that Ctrl-C reaches only the benchmark, which
 * then stops them in order) and is registered as a resource; resources are
 * released last-in first-out on success, on error, on SIGINT/SIGTERM, and
 * synchronously from the exit handler as a last resort.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const exitWithParent = new URL('./exit-with-parent.ts', import.meta.url).href;

interface Resource {
  name: string;
  stop(): Promise<void>;
  stopSync(): void;
}

const resources: Resource[] = [];
let interrupted = false;

/** Registers something to release; returns a function that forgets it (once released by its owner). */
export function track(resource: Resource): () => void {
  resources.push(resource);
  return () => {
    const i = resources.indexOf(resource);
    if (i >= 0) resources.splice(i, 1);
  };
}

export async function releaseAll(): Promise<void> {
  for (let r = resources.pop(); r !== undefined; r = resources.pop()) {
    try {
      await r.stop();
    } catch (error) {
      process.stderr.write(`could not stop ${r.name}: ${String(error)}\n`);
      r.stopSync();
    }
  }
}

function releaseAllSync(): void {
  for (let r = resources.pop(); r !== undefined; r = resources.pop()) {
    try {
      r.stopSync();
    } catch {
      // best effort
    }
  }
}

/** Cleanup on exit and on Ctrl-C / kill; run `main` and exit non-zero on error. */
export function runMain(main: () => Promise<void>): void {
  process.once('exit', releaseAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      interrupted = true;
      process.stderr.write(`\n${signal}: stopping the servers…\n`);
      void releaseAll().finally(() => process.exit(130));
    });
  }
  main().then(
    () => releaseAll(),
    async (error: unknown) => {
      if (interrupted) return; // the signal handler is cleaning up and exits
      process.stderr.write(`${basename(process.argv[1] ?? 'bench', '.ts')} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      await releaseAll();
      process.exit(1);
    },
  );
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // anything it left in its group
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
}

/** Keeps the last `limit` characters of a stream. */
function collect(stream: NodeJS.ReadableStream | null, limit = 64 * 1024): () => string {
  let text = '';
  stream?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > limit) text = text.slice(-limit);
  });
  return () => text;
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Spawns a tracked child in its own process group, stdin kept open (see exit-with-parent.ts). */
export function spawnTracked(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Spawned {
  const child = spawn(command, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.on('error', () => {}); // reported through 'exit'/'close' or the caller's wait
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const untrack = track({ name, stop: () => stopChild(child), stopSync: () => killGroup(child, 'SIGKILL') });
  return {
    child,
    stdout,
    stderr,
    stop: async () => {
      await stopChild(child);
      untrack();
    },
  };
}

/** `node --import tsx --import exit-with-parent.ts …args` */
export function spawnNode(name: string, args: string[], env?: NodeJS.ProcessEnv): Spawned {
  return spawnTracked(name, process.execPath, ['--import', 'tsx', '--import', exitWithParent, ...args], env);
}

/** Waits until the child's stdout matches `ready`; fails if it exits first or takes too long. */
export function waitForOutput(spawned: Spawned, ready: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const { child } = spawned;
    const fail = (why: string): void => {
      cleanup();
      reject(new Error(`${why}\n${(spawned.stderr() || spawned.stdout()).trim().split('\n').slice(-15).join('\n')}`));
    };
    const check = (): void => {
      const match = ready.exec(spawned.stdout());
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => fail(`exited (${code ?? signal}) before it was ready`);
    const onError = (error: Error): void => fail(error.message);
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    child.once('error', onError);
    check();
  });
}

/** Waits for a tracked child to finish; resolves with its stdout when it exits 0. */
export function waitForExit(spawned: Spawned, what: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const { child } = spawned;
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
    let finished = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      void spawned.stop();
      if (code === 0) resolve(spawned.stdout());
      else
        reject(
          new Error(`${what} failed (${error?.message ?? code ?? signal}): ${(spawned.stderr() || spawned.stdout()).trim().split('\n').slice(-10).join('\n')}`),
        );
    };
    child.once('error', (error) => finish(null, null, error));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

/** A positive integer from the environment (a benchmark's parameter), or the default when unset. */
export const positive = (name: string, fallback: number): number => {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got: ${raw}`);
  return n;
};
