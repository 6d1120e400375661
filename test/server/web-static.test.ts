/**
 * The server's side of the web app (src/server/web.routes.ts), on a build of
 * its own made here (so the answers do not depend on whether
 * `npm run build:web` has run): hashed files cached for a year and gzipped,
 * index.html with no-store for the app's addresses, never for /api/*, no way
 * out of the folder, and the plain ledger page while there is no build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/server/app.js';
import type { Store } from '../../src/store/connection.js';
import { openDatabase } from '../../src/startup/open.js';
import { freshSqlitePath, removeSqlitePath } from '../helpers/databases.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `export const answer = ${JSON.stringify('落实'.repeat(800))};\n`;

describe('the web app as the server sends it', () => {
  let dbPath: string;
  let store: Store;
  let governmentId: number;
  let built: string;
  let app: App;

  beforeAll(async () => {
    dbPath = freshSqlitePath();
    ({ store, governmentId } = await openDatabase(dbPath, { adminUsername: 'webadmin', adminPassword: 'Adm1n-Web-Passw0rd!', notice: () => undefined }));
    built = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
    mkdirSync(join(built, 'assets'));
    mkdirSync(join(built, '.vite'));
    writeFileSync(join(built, 'index.html'), INDEX);
    writeFileSync(join(built, 'assets', 'index-AbC123.js'), SCRIPT);
    writeFileSync(join(built, '.vite', 'manifest.json'), '{}');
    writeFileSync(join(built, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
    app = await buildApp({ store, governmentId, webRoot: built });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await store.close();
    removeSqlitePath(dbPath);
    rmSync(built, { recursive: true, force: true });
  });

  it("answers the app's addresses with index.html, never cached, under the CSP", async () => {
    for (const url of ['/', '/login', '/dashboard', '/ledger?section=3', '/tasks/12', '/tasks/12/', '/no/such/screen', '/index.html']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(INDEX);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('sends hashed files cached for a year, gzipped when the client accepts it', async () => {
    const plain = await app.inject({ url: '/assets/index-AbC123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);

    const zipped = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(SCRIPT);

    const head = await app.inject({ method: 'HEAD', url: '/assets/index-AbC123.js' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');

    const other = await app.inject({ url: '/robots.txt' });
    expect(other.statusCode).toBe(200);
    expect(other.headers['cache-control']).toBe('no-cache');
  });

  it("sends the build's own brotli and gzip copies of a file when they are there", async () => {
    const name = 'page-Br0tli.js';
    writeFileSync(join(built, 'assets', name), SCRIPT);
    writeFileSync(join(built, 'assets', `${name}.br`), brotliCompressSync(SCRIPT));
    const br = await app.inject({ url: `/assets/${name}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(SCRIPT);
    // Without a .gz copy the server gzips it itself; a client that takes neither gets the file.
    const gzip = await app.inject({ url: `/assets/${name}`, headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(SCRIPT);
    const plain = await app.inject({ url: `/assets/${name}`, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it("names the home screen's code and answers in the page for a signed-in user, and nothing for others", async () => {
    const manifest = {
      'index.html': { file: 'assets/index-AbC123.js', isEntry: true },
      'src/layout/AppLayout.tsx': { file: 'assets/AppLayout-1.js', imports: ['index.html'] },
      'src/pages/DashboardPage.tsx': { file: 'assets/DashboardPage-1.js', imports: ['index.html'] },
      'src/pages/LoginPage.tsx': { file: 'assets/LoginPage-1.js', imports: ['index.html'] },
    };
    writeFileSync(join(built, '.vite', 'manifest.json'), JSON.stringify(manifest));
    try {
      const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'webadmin', password: 'Adm1n-Web-Passw0rd!' } });
      const session = /luoshi_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))?.[1];
      expect(session).toBeTruthy();
      const admin = await app.inject({ url: '/dashboard', headers: { cookie: `luoshi_session=${session}` } });
      expect(admin.statusCode).toBe(200);
      expect(admin.body).toContain('<link rel="modulepreload" crossorigin href="/assets/AppLayout-1.js">');
      expect(admin.body).toContain('<link rel="modulepreload" crossorigin href="/assets/DashboardPage-1.js">');
      expect(admin.body).toContain('<link rel="preload" as="fetch" crossorigin href="/api/me">');
      expect(admin.headers['cache-control']).toBe('no-store');

      const stranger = await app.inject({ url: '/dashboard' });
      expect(stranger.body).toContain('/assets/LoginPage-1.js');
      expect(stranger.body).not.toContain('/api/');
      expect(stranger.body).not.toContain('DashboardPage');
    } finally {
      writeFileSync(join(built, '.vite', 'manifest.json'), '{}');
    }
  });

  it('answers a missing file, an unknown API address and a write to a page with the JSON 404', async () => {
    for (const [method, url] of [
      ['GET', '/assets/index-Missing.js'],
      ['GET', '/favicon.ico'],
      ['GET', '/api/no-such-thing'],
      ['GET', '/api/tasks/12/nothing'],
      ['GET', '/api'],
      ['POST', '/dashboard'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('not_found');
    }
  });

  it("never leaves the build's folder, nor shows its hidden files", async () => {
    for (const url of [
      '/assets/..%2F..%2Fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/.vite/manifest.json',
      '/assets/..%5C..%5Cpackage.json',
      '/assets/%E0%A4%A.js',
    ]) {
      const res = await app.inject({ url });
      // A malformed escape is refused by Fastify itself (400); the rest are not there (404).
      expect([400, 404], url).toContain(res.statusCode);
      expect(res.body).not.toContain('"name"');
    }
  });

  it("shows the plain ledger page at the app's addresses while there is no build", async () => {
    for (const webRoot of [null, join(built, 'assets')]) {
      const bare = await buildApp({ store, governmentId, webRoot });
      try {
        for (const url of ['/', '/ledger']) {
          const res = await bare.inject({ url });
          expect(res.statusCode, url).toBe(200);
          expect(res.body).toContain('尚未导入任务分解通知');
          expect(res.body).toContain('npm run build:web');
          expect(res.body).not.toContain('<div id="root">');
        }
        expect((await bare.inject({ url: '/assets/index-AbC123.js' })).statusCode, 'no build, no files').toBe(404);
      } finally {
        await bare.close();
      }
    }
  });
});
