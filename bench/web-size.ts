/**
 * `npm run bench:web-size`: the JavaScript a browser loads for a route of the
 * web app, raw and gzipped, read from the build's manifest
 * (dist/web/.vite/manifest.json; run `npm run build:web` first).
 *
 * A route loads the entry chunk (index.html's script) with every chunk it
 * imports statically, then the lazy chunks of that route (the layout for
 * signed-in screens, and the page) with their static imports: that is what
 * the route needs before it can be used ("initial"). A page may load more of
 * its own parts later (the dashboard's charts): "with its lazy parts" adds
 * them. Chunks are counted once. Each chunk is gzipped on its own (level 9),
 * as a server or proxy compressing per file would send it.
 *
 * Prints a Markdown table for BENCHMARKS.md; exits 1 when the first route
 * (/login) is over the aim (LUOSHI_WEB_AIM_KB, default 350 kB gzip).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const dist = fileURLToPath(new URL('../dist/web/', import.meta.url));
const manifestPath = `${dist}.vite/manifest.json`;

/** Each route's lazy modules, as web/src/router.tsx and web/src/routes.tsx load them. */
const ROUTES: Record<string, string[]> = {
  '/login': ['src/pages/LoginPage.tsx'],
  '/dashboard': ['src/layout/AppLayout.tsx', 'src/pages/DashboardPage.tsx'],
  '/ledger': ['src/layout/AppLayout.tsx', 'src/pages/LedgerPage.tsx'],
  '/tasks/:id': ['src/layout/AppLayout.tsx', 'src/pages/TaskPage.tsx'],
};

function closure(manifest: Manifest, keys: string[], into: Set<string>): void {
  for (const key of keys) {
    if (into.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk ${key}: is web/src laid out as bench/web-size.ts expects?`);
    into.add(key);
    closure(manifest, chunk.imports ?? [], into);
  }
}

export interface RouteSize {
  route: string;
  chunks: number;
  rawBytes: number;
  gzipBytes: number;
  /** With the chunks the route's own modules import dynamically (not other screens). */
  withLazyGzipBytes: number;
}

export function measureRoutes(): RouteSize[] {
  if (!existsSync(manifestPath)) throw new Error(`no build at ${dist}: run npm run build:web first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const entries = Object.entries(manifest)
    .filter(([, c]) => c.isEntry)
    .map(([key]) => key);
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (key: string): { raw: number; gzip: number } => {
    const known = sizes.get(key);
    if (known) return known;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no chunk ${key}`);
    const bytes = readFileSync(`${dist}${chunk.file}`);
    const size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizes.set(key, size);
    return size;
  };
  const js = (keys: Set<string>): string[] => [...keys].filter((key) => manifest[key]?.file.endsWith('.js'));
  return Object.entries(ROUTES).map(([route, lazy]) => {
    const keys = new Set<string>();
    closure(manifest, [...entries, ...lazy], keys);
    const files = js(keys);
    // The route's own modules: its lazy chunks and what they import, less what the entry brings (whose dynamic imports are every screen).
    const shell = new Set<string>();
    closure(manifest, entries, shell);
    const own = new Set<string>();
    closure(manifest, lazy, own);
    const later = new Set(keys);
    closure(
      manifest,
      [...own].filter((key) => !shell.has(key)).flatMap((key) => manifest[key]?.dynamicImports ?? []),
      later,
    );
    return {
      route,
      chunks: files.length,
      rawBytes: files.reduce((sum, key) => sum + sizeOf(key).raw, 0),
      gzipBytes: files.reduce((sum, key) => sum + sizeOf(key).gzip, 0),
      withLazyGzipBytes: js(later).reduce((sum, key) => sum + sizeOf(key).gzip, 0),
    };
  });
}

const kB = (bytes: number): string => (bytes / 1024).toFixed(1);

function main(): void {
  const aim = Number(process.env.LUOSHI_WEB_AIM_KB ?? 350);
  const routes = measureRoutes();
  console.log('| route | JS chunks | raw kB | gzip kB (initial) | gzip kB with its lazy parts |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of routes) console.log(`| ${r.route} | ${r.chunks} | ${kB(r.rawBytes)} | ${kB(r.gzipBytes)} | ${kB(r.withLazyGzipBytes)} |`);
  const first = routes[0];
  if (first && first.gzipBytes / 1024 > aim) {
    console.error(`\n${first.route}: ${kB(first.gzipBytes)} kB gzip, over the aim of ${aim} kB`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
