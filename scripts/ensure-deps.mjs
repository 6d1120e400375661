// Runs before `npm start` and `npm test`: on a fresh clone it installs the
// locked dependencies (and so builds dist/ through `prepare`), so that each
// of the two commands works alone; then it builds the web app (dist/web)
// when it is missing or older than web/. Only Node built-ins may be used here.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { ensureWebBuild } from './web-build.mjs';

const stamp = 'node_modules/.package-lock.json';
const fresh = !existsSync(stamp) || statSync('package-lock.json').mtimeMs > statSync(stamp).mtimeMs + 1000;
if (fresh) {
  console.log('首次运行：正在安装依赖（npm ci）…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
} else if (!existsSync('dist/cli/main.js')) {
  execSync('npm run build:server', { stdio: 'inherit' });
}
ensureWebBuild();
