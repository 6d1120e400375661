/**
 * What index.html names for the browser to fetch at once (src/server/web-preload.ts):
 * the route's chunks from Vite's manifest, less the entry's own, and the API answers
 * only for a session that will get them.
 */
import { describe, expect, it } from 'vitest';
import type { AuthActor } from '../../src/modules/auth/authorize.js';
import { chunkFiles, preloadsFor, withPreloads, type Manifest } from '../../src/server/web-preload.js';

const MANIFEST: Manifest = {
  'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_react-1.js'] },
  '_react-1.js': { file: 'assets/react-1.js' },
  '_card-1.js': { file: 'assets/card-1.js', imports: ['_react-1.js'] },
  'src/layout/AppLayout.tsx': { file: 'assets/AppLayout-1.js', imports: ['index.html', '_menu-1.js'] },
  '_menu-1.js': { file: 'assets/menu-1.js', imports: ['_react-1.js'] },
  'src/pages/DashboardPage.tsx': { file: 'assets/DashboardPage-1.js', imports: ['index.html', '_card-1.js', '_menu-1.js'] },
  'src/pages/LoginPage.tsx': { file: 'assets/LoginPage-1.js', imports: ['index.html', '_card-1.js'] },
};

const office: AuthActor = { governmentId: 1, userId: 1, username: 'office', role: 'office', unitId: null, leaderId: null, ip: null };

describe('preloads of the app page', () => {
  it("names a source's chunk and the chunks it imports, once each, not the entry's", () => {
    expect(chunkFiles(MANIFEST, ['src/layout/AppLayout.tsx', 'src/pages/DashboardPage.tsx'])).toEqual([
      '/assets/AppLayout-1.js',
      '/assets/menu-1.js',
      '/assets/DashboardPage-1.js',
      '/assets/card-1.js',
    ]);
    expect(chunkFiles({}, ['src/pages/LoginPage.tsx'])).toEqual([]);
  });

  it("starts the session's and the dashboard's answers with the page for a user who may read the ledger", () => {
    for (const path of ['/', '/dashboard']) {
      const preloads = preloadsFor(MANIFEST, path, office);
      expect(preloads.answers).toEqual(['/api/me', '/api/dashboard']);
      expect(preloads.modules).toContain('/assets/DashboardPage-1.js');
      expect(preloads.modules).toContain('/assets/AppLayout-1.js');
    }
    const ledger = preloadsFor(MANIFEST, '/ledger', office);
    expect(ledger.answers).toEqual(['/api/me']);
    expect(ledger.modules).toEqual(['/assets/AppLayout-1.js', '/assets/menu-1.js']);
  });

  it('preloads no answer the user would be refused', () => {
    expect(preloadsFor(MANIFEST, '/dashboard', null)).toEqual({ modules: ['/assets/LoginPage-1.js', '/assets/card-1.js'], answers: [] });
    expect(preloadsFor(MANIFEST, '/dashboard', { ...office, mustChangePassword: true }).answers).toEqual(['/api/me']);
    expect(preloadsFor(MANIFEST, '/dashboard', { ...office, rolePending: true }).answers).toEqual(['/api/me']);
    expect(preloadsFor(MANIFEST, '/login', office).answers).toEqual([]);
  });

  it('puts the answers before the entry script and the chunks at the end of the head', () => {
    const html = '<html>\n  <head>\n    <script type="module" src="/assets/index-1.js"></script>\n  </head>\n  <body></body>\n</html>';
    const page = withPreloads(html, { answers: ['/api/me'], modules: ['/assets/AppLayout-1.js'] });
    expect(page).toBe(
      '<html>\n  <head>\n    <link rel="preload" as="fetch" crossorigin href="/api/me">\n    <script type="module" src="/assets/index-1.js"></script>\n' +
        '    <link rel="modulepreload" crossorigin href="/assets/AppLayout-1.js">\n  </head>\n  <body></body>\n</html>',
    );
    expect(withPreloads(html, { answers: [], modules: [] })).toBe(html);
    expect(withPreloads('<p>no head</p>', { answers: ['/api/me'], modules: [] })).toBe('<p>no head</p>');
  });
});
