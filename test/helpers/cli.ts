import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliEntry, repoRoot } from './paths.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The `luoshi` command as node's arguments: the run's compiled copy of src/ (test/setup/build.ts). */
export function cliArgs(args: string[]): string[] {
  if (!existsSync(cliEntry)) throw new Error(`${cliEntry} is missing: run the tests through vitest, whose global setup compiles src/ (test/setup/build.ts)`);
  return [cliEntry, ...args];
}

/** Runs the `luoshi` command (the sources as compiled at the start of the run), as a user would run it, with a time limit. */
export function runCli(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, cliArgs(args), {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking, for running several commands side by side. */
export function runCliAsync(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      cliArgs(args),
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 60_000,
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}
