/**
 * The web app (web/, built by `npm run build:web` into dist/web), served by
 * this server: one origin, so the session cookie (SameSite=Strict) and the
 * CSP's 'self' cover the app with nothing to configure.
 *
 * - Files of the build: /assets/* are content-hashed, cached for a year
 *   (immutable); any other file (none today) is revalidated (no-cache).
 *   Text files are sent compressed to clients that accept it: brotli or gzip
 *   as the build wrote them beside the file (NAME.br, NAME.gz: vite.config.ts),
 *   else gzipped here once; kept in memory (a build is a few megabytes at most).
 * - The app's own addresses (/, /login, /dashboard, /tasks/12 …; anything
 *   that does not look like a file) get index.html with no-store, so a new
 *   build is picked up at the next navigation; the app's router takes it
 *   from there and shows its own "not found". The page names what the
 *   address will need at once (its chunks, the session's and the home
 *   screen's answers) so that the browser fetches them with the entry
 *   chunk (web-preload.ts).
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
import { acceptsEncoding } from './compression.js';
import { plainHomePage } from './home-page.js';
import { preloadsFor, withPreloads, type Manifest } from './web-preload.js';

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
  brotli: Buffer | null;
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
  const compress = COMPRESSIBLE.has(extname(path)) && body.length > 1024;
  // The build's own compressed copies, when they are of this very file (written after it); else gzip here.
  const built = async (suffix: string): Promise<Buffer | null> => {
    if (!compress) return null;
    const copy = await stat(`${path}${suffix}`).catch(() => null);
    return copy?.isFile() && copy.mtimeMs >= info.mtimeMs ? readFile(`${path}${suffix}`).catch(() => null) : null;
  };
  const brotli = await built('.br');
  const gzip = (await built('.gz')) ?? (compress ? gzipSync(body) : null);
  const file = { key, body, gzip, brotli };
  cache.set(path, file);
  return file;
}

function sendFile(request: FastifyRequest, reply: FastifyReply, path: string, file: CachedFile, cacheControl: string): FastifyReply {
  reply.type(TYPES[extname(path)] ?? 'application/octet-stream').header('cache-control', cacheControl);
  if (file.gzip || file.brotli) {
    reply.header('vary', 'accept-encoding');
    const accepted = request.headers['accept-encoding'];
    if (file.brotli && acceptsEncoding(accepted, 'br')) return reply.header('content-encoding', 'br').send(file.brotli);
    if (file.gzip && acceptsEncoding(accepted, 'gzip')) return reply.header('content-encoding', 'gzip').send(file.gzip);
  }
  return reply.send(file.body);
}

let manifestCache: { key: string; manifest: Manifest } | null = null;

/** Vite's manifest of the build in `folder` (read again when the build changes), or an empty one. */
async function manifestOf(folder: string): Promise<Manifest> {
  const path = join(folder, '.vite', 'manifest.json');
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return {};
  const key = `${path}:${info.mtimeMs}:${info.size}`;
  if (manifestCache?.key === key) return manifestCache.manifest;
  let manifest: Manifest = {};
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch {
    // A build being written: no preloads this time.
  }
  manifestCache = { key, manifest };
  return manifest;
}

export function webRoutes(app: App, deps: AppDeps): void {
  const root = deps.webRoot === null ? null : (deps.webRoot ?? DEFAULT_WEB_ROOT);
  const folder = root === null ? null : root.endsWith(sep) ? root : `${root}${sep}`;

  const sendApp = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const index = folder ? await readFile(join(folder, 'index.html'), 'utf8').catch(() => null) : null;
    if (!folder || index === null)
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await plainHomePage(deps));
    const pathname = request.url.split('?')[0] ?? '/';
    const page = withPreloads(index, preloadsFor(await manifestOf(folder), pathname, request.actor));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  };

  app.get('/', { config: { policy: { public: true } }, schema: { hide: true } }, async (request, reply) => sendApp(request, reply));

  app.get('/*', { config: { policy: { public: true } }, schema: { hide: true } }, async (request, reply) => {
    const segments = segmentsOf(request.url);
    if (segments === null || segments[0] === 'api') return reply.callNotFound();
    const name = segments.at(-1) ?? '';
    if (!name.includes('.') || (segments.length === 1 && name === 'index.html')) return sendApp(request, reply);
    const file = folder ? await loadFile(join(folder, ...segments)) : null;
    if (!folder || !file) return reply.callNotFound();
    return sendFile(request, reply, join(folder, ...segments), file, segments[0] === 'assets' ? IMMUTABLE : 'no-cache');
  });
}
