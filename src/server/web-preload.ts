/**
 * What index.html asks the browser to fetch at once, beside the entry's own
 * chunks, for the address it is served at (BENCHMARKS.md, web-interactive).
 *
 * Without it the browser learns of the signed-in layout's and the screen's
 * code, and of `GET /api/me` and the screen's answer, only once the entry
 * chunk has loaded and run: two round trips after the page instead of none.
 * The server knows the address and the session, so it names them in the
 * page itself:
 *
 * - signed in: `<link rel="modulepreload">` for the layout's chunks and, on the
 *   home screen, the dashboard's; `<link rel="preload" as="fetch">` for
 *   `GET /api/me` and, for a user who may read the ledger, `GET /api/dashboard`
 *   (web/src/early.ts takes those answers over as the app asks for them);
 * - not signed in: the sign-in page's chunks (every address ends there).
 *
 * Only answers the user will get are preloaded: no session, a password change
 * due or a missing right preloads no API answer (it would be a 401 or 403 for
 * nothing). The chunks come from Vite's manifest: a source file's chunk and
 * every chunk it imports, less those index.html already names.
 */
import { can, type AuthActor } from '../modules/auth/authorize.js';

/** One entry of Vite's build manifest (dist/web/.vite/manifest.json), the fields read here. */
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

const LAYOUT = 'src/layout/AppLayout.tsx';
const LOGIN = 'src/pages/LoginPage.tsx';

/** The screens whose code and main answer come with the page: the home screen (`/` goes to /dashboard). */
const SCREENS: readonly { path: RegExp; page: string; answer: { path: string; action: 'ledger.read' } }[] = [
  { path: /^\/(dashboard)?$/, page: 'src/pages/DashboardPage.tsx', answer: { path: '/api/dashboard', action: 'ledger.read' } },
];

/** The files of the sources' chunks and of every chunk they import, in order, less the entry's own (index.html names them). */
export function chunkFiles(manifest: Manifest, sources: readonly string[]): string[] {
  const entryKeys = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  const named = new Set<string>();
  const visit = (key: string, into: Set<string>): void => {
    if (into.has(key) || !manifest[key]) return;
    into.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported, into);
  };
  for (const key of entryKeys) visit(key, named);
  const wanted = new Set<string>();
  for (const source of sources) visit(source, wanted);
  return [...wanted].filter((key) => !named.has(key)).map((key) => `/${manifest[key]?.file ?? key}`);
}

export interface Preloads {
  /** Chunks for `<link rel="modulepreload">`. */
  modules: string[];
  /** API answers for `<link rel="preload" as="fetch">`. */
  answers: string[];
}

/** What to preload for the app's address `pathname`, for this session's actor (null: not signed in). */
export function preloadsFor(manifest: Manifest, pathname: string, actor: AuthActor | null): Preloads {
  if (pathname === '/login') return { modules: chunkFiles(manifest, [LOGIN]), answers: [] };
  if (!actor) return { modules: chunkFiles(manifest, [LOGIN]), answers: [] };
  if (actor.mustChangePassword) return { modules: chunkFiles(manifest, [LAYOUT, LOGIN]), answers: ['/api/me'] };
  const screen = SCREENS.find((s) => s.path.test(pathname));
  const modules = chunkFiles(manifest, screen ? [LAYOUT, screen.page] : [LAYOUT]);
  const answers = ['/api/me'];
  if (screen && can(actor, screen.answer.action)) answers.push(screen.answer.path);
  return { modules, answers };
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The page with the preloads' tags: the answers before the entry's script (the server's work starts first),
 * the chunks before `</head>`. `crossorigin` as Vite writes its own: a module's fetch, and `fetch()` with the
 * same-origin credentials it uses by default, take over these requests.
 */
export function withPreloads(html: string, preloads: Preloads): string {
  const answers = preloads.answers.map((href) => `<link rel="preload" as="fetch" crossorigin href="${escapeAttribute(href)}">\n    `).join('');
  const modules = preloads.modules.map((href) => `    <link rel="modulepreload" crossorigin href="${escapeAttribute(href)}">\n`).join('');
  const script = html.indexOf('<script');
  const head = html.indexOf('</head>');
  if (script < 0 || head < script) return html;
  const headLine = Math.max(html.lastIndexOf('\n', head) + 1, script);
  return `${html.slice(0, script)}${answers}${html.slice(script, headLine)}${modules}${html.slice(headLine)}`;
}
