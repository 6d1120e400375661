/**
 * The web app (web/, built by `npm run build:web` into dist/web), served by
 * this server: one origin, so the session cookie (SameSite=Strict) and the
 * CSP's 'self' cover the app with nothing to configure.
 *
 * - Files of the build: /assets/* are content-hashed, cached for a year
 *   (immutable); any other file (none today) is revalidated (no-cache).
 *   Text files are sent gzipped to clients that accept it (compressed once,
 *   kept in memory: a build is a few megabytes at most).
 * - The app's own addresses (/, /login, /dashboard, /tasks/12 …; anything
 *   that does not look like a file) get index.html with no-store, so a new
 *   build is picked up at the next navigation; the app's router takes it
 *   from there and shows its own "not found".
 * - /api/* is never answered with the page: an unknown API address is the
 *   JSON 404 of the error handler, as is a missing file.
 * - Without a build (a checkout before `npm run build:web`), those
 *   addresses answer with the plain ledger page (home-page.ts).
 *
 * The build is looked up at each request, so building while the server runs
 * needs no restart.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from './app.js';
import { plainHomePage } from './home-page.js';

/** dist/web of this checkout, from src/server/ (tsx) and from dist/server/ (built) alike. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.txt', '.svg']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface CachedFile {
  key: string;
  body: Buffer;
  gzip: Buffer | null;
}
const cache = new Map<string, CachedFile>();

/** The path's segments, or null for anything that could leave the folder or name a hidden file. */
function segmentsOf(url: string): string[] | null {
  const pathname = url.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const segments = decoded.split('/').slice(1);
  if (segments.at(-1) === '') segments.pop();
  const safe = segments.every((s) => s !== '' && !s.startsWith('.') && !/[\\\0:]/.test(s));
  return safe ? segments : null;
}

async function loadFile(path: string): Promise<CachedFile | null> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return null;
  const key = `${info.mtimeMs}:${info.size}`;
  const known = cache.get(path);
  if (known?.key === key) return known;
  const body = await readFile(path);
  const gzip = COMPRESSIBLE.has(extname(path)) && body.length > 1024 ? gzipSync(body) : null;
  const file = { key, body, gzip };
  cache.set(path, file);
  return file;
}

function sendFile(request: FastifyRequest, reply: FastifyReply, path: string, file: CachedFile, cacheControl: string): FastifyReply {
  reply.type(TYPES[extname(path)] ?? 'application/octet-stream').header('cache-control', cacheControl);
  if (file.gzip) {
    reply.header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(file.gzip);
  }
  return reply.send(file.body);
}

export function webRoutes(app: App, deps: AppDeps): void {
  const root = deps.webRoot === null ? null : (deps.webRoot ?? DEFAULT_WEB_ROOT);
  const folder = root === null ? null : root.endsWith(sep) ? root : `${root}${sep}`;

  const sendApp = async (reply: FastifyReply): Promise<FastifyReply> => {
    const index = folder ? await readFile(join(folder, 'index.html')).catch(() => null) : null;
    if (!index)
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await plainHomePage(deps));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(index);
  };

  app.get('/', { config: { policy: { public: true } }, schema: { hide: true } }, async (_request, reply) => sendApp(reply));

  app.get('/*', { config: { policy: { public: true } }, schema: { hide: true } }, async (request, reply) => {
    const segments = segmentsOf(request.url);
    if (segments === null || segments[0] === 'api') return reply.callNotFound();
    const name = segments.at(-1) ?? '';
    if (!name.includes('.') || (segments.length === 1 && name === 'index.html')) return sendApp(reply);
    const file = folder ? await loadFile(join(folder, ...segments)) : null;
    if (!folder || !file) return reply.callNotFound();
    return sendFile(request, reply, join(folder, ...segments), file, segments[0] === 'assets' ? IMMUTABLE : 'no-cache');
  });
}
