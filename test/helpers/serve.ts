/**
 * `luoshi serve` as a child process (the sources as compiled at the start of the run), as a user would run it:
 * for the tests that kill it, restart its database under it, or run it as a
 * role with few rights. Also a small HTTP client that signs in as a user.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../tools/pg-cluster.js';
import { cliArgs } from './cli.js';
import { repoRoot } from './paths.js';

export interface ServeProcess {
  /** e.g. http://127.0.0.1:40123 */
  base: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout so far (the banner, tick summaries, the log). */
  stdout(): string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean shutdown), then SIGKILL after a few seconds. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

export async function startServe(db: string, options: { env?: Record<string, string>; jobs?: boolean } = {}): Promise<ServeProcess> {
  const port = await freePort();
  const args = cliArgs(['serve', '--db', db, '--host', '127.0.0.1', '--port', String(port)]);
  if (options.jobs === false) args.push('--no-jobs');
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', LOG_LEVEL: 'silent', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // A test runner that ends without stopping the server takes it along.
  const orphaned = (): void => void child.kill('SIGKILL');
  process.once('exit', orphaned);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.removeListener('exit', orphaned);
      resolve();
    }),
  );
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  const kill = async (): Promise<void> => {
    if (alive()) child.kill('SIGKILL');
    await exited;
  };
  const stop = async (): Promise<void> => {
    if (alive()) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!out.includes('Luoshi 已启动')) {
    if (!alive() || Date.now() > deadline) {
      await kill();
      throw new Error(`luoshi serve did not start (exit ${String(child.exitCode ?? child.signalCode)}):\n${err}${out}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { base: `http://127.0.0.1:${port}`, child, stdout: () => out, stderr: () => err, alive, kill, stop };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A signed-in user's requests: the session cookie and the CSRF token go with every one. */
export class Browser {
  private cookie = '';
  private csrf = '';

  constructor(private readonly base: string) {}

  async signIn(username: string, password: string, extra: Record<string, string> = {}): Promise<void> {
    const res = await fetch(`${this.base}/api/session`, {
      method: 'POST',
      headers: { ...extra, 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** The same session, its requests sent to another address (another process of the same deployment). */
  via(base: string): Browser {
    const other = new Browser(base);
    other.cookie = this.cookie;
    other.csrf = this.csrf;
    return other;
  }

  /** A GET whose answer is taken as it came (a download's bytes). */
  async download(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
  }

  async request(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...extra, cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
}
