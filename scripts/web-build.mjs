// Builds the web app (web/ → dist/web, `vite build`) when dist/web is missing
// or older than its sources. Run before `npm start` and `npm test` (through
// scripts/ensure-deps.mjs) and by the browser tests' helper; a lock folder
// makes concurrent callers wait for one build instead of racing in dist/web.
// `node scripts/web-build.mjs [--force]`. Only Node built-ins may be used here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist/web/.vite/manifest.json');
const lock = join(root, 'dist/.web-build.lock');
/** What the build reads besides web/: a change to any of them makes the build stale. */
const INPUTS = ['vite.config.ts', 'package-lock.json'];
const LOCK_STALE_MS = 5 * 60_000;

function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** Why the build must be made again, or null when dist/web is newer than every source. */
export function webBuildStale() {
  if (!existsSync(stamp)) return 'dist/web 不存在';
  const built = statSync(stamp).mtimeMs;
  const sources = Math.max(newestUnder(join(root, 'web')), ...INPUTS.map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0)));
  return sources > built ? 'web/ 的源文件比 dist/web 新' : null;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock() {
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A build that died long ago left its lock behind.
      if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else sleep(250);
    }
  }
}

/** Builds dist/web if it is stale (or always, with force); returns whether it built. */
export function ensureWebBuild({ force = false, log = console.log } = {}) {
  if (!force && webBuildStale() === null) return false;
  takeLock();
  try {
    // Another caller may have built it while this one waited for the lock.
    const reason = force ? '按要求重新构建' : webBuildStale();
    if (reason === null) return false;
    log(`正在构建网页界面（${reason}）…`);
    // Always a production build: a caller's NODE_ENV (vitest sets `test`) would give React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebBuild({ force: process.argv.includes('--force') });
}
