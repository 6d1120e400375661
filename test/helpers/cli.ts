import { execFile, spawnSync } from 'node:child_process';
import { repoRoot } from './paths.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `luoshi` command from source, as a user would run it, with a time limit. */
export function runCli(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${repoRoot}src/cli/main.ts`, ...args], {
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
      ['--import', 'tsx', `${repoRoot}src/cli/main.ts`, ...args],
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
