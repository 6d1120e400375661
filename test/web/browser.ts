/**
 * The browser tests' world: the real server (buildApp on a fresh SQLite
 * database with the seed notice imported, listening on a free port of
 * 127.0.0.1, serving the built web app from dist/web) and Debian's Chromium
 * driven by playwright-core. Never downloads a browser.
 *
 *   const web = useBrowser({ users: [OFFICE] });
 *   it('…', async () => {
 *     const page = web().page;
 *     await signIn(page, OFFICE);
 *   });
 *
 * Each test gets a new browser context (no cookies, no storage) and page.
 * A test fails on any console error, uncaught page error, failed request or
 * answer ≥ 400, except the answers it declares with
 * `web().expectResponse(status, method, path)` (a wrong password's 401, say),
 * whose console line "Failed to load resource" is then expected too. After
 * each test a screenshot goes to test-results/screenshots/ (gitignored).
 *
 * Browser tests run on SQLite only: the API is tested on both databases
 * elsewhere. Without /usr/bin/chromium they are skipped, except under CI
 * (CI=true), where a missing browser is an error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { systemActor, type Actor } from '../../src/domain/actor.js';
import type { Role } from '../../src/domain/roles.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { buildApp, type App } from '../../src/server/app.js';
import { simulate } from '../../src/simulate/simulator.js';
import type { Store } from '../../src/store/connection.js';
import { openDatabase } from '../../src/startup/open.js';
import type { Tx } from '../../src/store/tx.js';
import { checkAnswersAgainstSchemas } from '../helpers/answer-check.js';
import { freshSqlitePath, removeSqlitePath } from '../helpers/databases.js';
import { testFiles } from '../helpers/files.js';
import { hasSeed, repoRoot, seedPath } from '../helpers/paths.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Whether this run can drive a browser on the seed; under CI a missing browser fails instead of skipping. */
export const canRunBrowser = hasSeed && (hasChromium || process.env.CI === 'true');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');

export interface WebUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  unitName?: string;
  leaderName?: string;
  mustChangePassword?: boolean;
}

/** The first administrator (督查室), created by openDatabase with this password. */
export const OFFICE: WebUser = { username: 'admin', password: 'Adm1n-Web-Passw0rd!', role: 'office' };

/** The account as the services see it acting, for set-up steps taken behind the browser's back. */
export async function actorOf(db: Tx, governmentId: number, username: string): Promise<Actor> {
  const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return { governmentId, userId: u.id, username: u.username, role: u.role as Actor['role'], unitId: u.unit_id, leaderId: u.leader_id, ip: '127.0.0.1' };
}

export interface WebServer {
  /** http://127.0.0.1:PORT */
  url: string;
  app: App;
  store: Store;
  governmentId: number;
  planId: number;
  operator: Actor;
}

export interface BrowserWorld {
  server: WebServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Declares that this test expects an answer with this status (e.g. 401 for a wrong password). */
  expectResponse: (status: number, method: string, path: string) => void;
}

export interface BrowserOptions {
  /** Accounts to create besides OFFICE. */
  users?: WebUser[];
  /** Plays the simulated year up to this date (luoshi simulate), for lights of every colour. */
  simulateUntil?: string;
  viewport?: { width: number; height: number };
  /** Imports the seed notice before the server starts (default true); false leaves the database without a plan (`planId` is then 0). */
  importSeed?: boolean;
  /** Another notice to import instead of the seed (the repository's own sample, say), with its unit directory (JSON). */
  notice?: { path: string; units?: string };
  /** More of the world, made through the services before the server starts (other governments and their accounts, say). */
  setUp?: (store: Store, governmentId: number, planId: number) => Promise<void>;
}

/** Builds dist/web when it is missing or older than web/ (the same step as before `npm start`). */
function ensureWebBuild(): void {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'web-build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
}

async function startServer(options: BrowserOptions): Promise<{ server: WebServer; dbPath: string }> {
  const dbPath = freshSqlitePath();
  const { store, governmentId } = await openDatabase(dbPath, { adminUsername: OFFICE.username, adminPassword: OFFICE.password, notice: () => undefined });
  try {
    const operator = systemActor(governmentId, 'test-operator');
    const notice = options.notice ?? { path: seedPath };
    const planId =
      options.importSeed === false
        ? 0
        : (
            await commitImport(store, operator, {
              fileName: 'notice.txt',
              bytes: new Uint8Array(readFileSync(notice.path)),
              ...(notice.units === undefined ? {} : { units: readFileSync(notice.units, 'utf8') }),
            })
          ).planId;
    for (const user of options.users ?? []) {
      const { mustChangePassword, unitName, leaderName, displayName, ...rest } = user;
      await createUser(store.db, operator, {
        ...rest,
        ...(displayName ? { displayName } : {}),
        ...(unitName ? { unitName } : {}),
        ...(leaderName ? { leaderName } : {}),
        ...(mustChangePassword ? { mustChangePassword: true } : {}),
      });
    }
    if (options.simulateUntil) await simulate(store.db, governmentId, { until: options.simulateUntil, seed: 7, planId });
    if (options.setUp) await options.setUp(store, governmentId, planId);
    const app = await buildApp({ store, governmentId, files: testFiles(store) });
    checkAnswersAgainstSchemas(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return { server: { url: `http://127.0.0.1:${port}`, app, store, governmentId, planId, operator }, dbPath };
  } catch (err) {
    await store.close();
    removeSqlitePath(dbPath);
    throw err;
  }
}

const fileName = (name: string): string =>
  name
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);

/**
 * Registers the hooks of a describe block: server and browser once, a fresh
 * context and page per test, the checks and the screenshot after each test.
 * Returns the world's accessor (valid inside hooks and tests).
 */
export function useBrowser(options: BrowserOptions = {}): () => BrowserWorld {
  let server: WebServer | undefined;
  let dbPath: string | undefined;
  let browser: Browser | undefined;
  let world: BrowserWorld | undefined;
  let problems: string[] = [];
  let expected: { status: number; method: string; path: string }[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium fonts-noto-cjk; .ci/run does)`);
    ensureWebBuild();
    ({ server, dbPath } = await startServer(options));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await server?.store.close();
    if (dbPath) removeSqlitePath(dbPath);
  });

  beforeEach(async () => {
    if (!browser || !server) throw new Error('the browser world did not start');
    problems = [];
    expected = [];
    const origin = server.url;
    const context = await browser.newContext({
      baseURL: origin,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    const isExpected = (status: number, method: string, url: string): boolean => {
      const path = new URL(url).pathname;
      return expected.some((e) => e.status === status && e.method === method && e.path === path);
    };
    const expectedUrls = new Set<string>();
    page.on('response', (response) => {
      const request = response.request();
      if (response.status() < 400) return;
      if (isExpected(response.status(), request.method(), response.url())) expectedUrls.add(response.url());
      else problems.push(`${response.status()} ${request.method()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      // A request cancelled by the app (TanStack Query on unmount) or by leaving the page (a chunk
      // still loading when the test goes elsewhere) is not a failure; a missing file answers 404 above.
      if (failure === 'net::ERR_ABORTED') return;
      problems.push(`request failed: ${request.method()} ${request.url()} (${failure})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      const at = message.location().url;
      if (message.text().startsWith('Failed to load resource') && expectedUrls.has(at)) return;
      // Chromium warns about its own flags and features; the app's warnings (antd, React) are problems.
      if (message.type() === 'warning' && !at.startsWith(origin)) return;
      problems.push(`console ${message.type()}: ${message.text()}${at ? ` (${at})` : ''}`);
    });
    world = {
      server,
      browser,
      context,
      page,
      expectResponse: (status, method, path) => expected.push({ status, method, path }),
    };
  });

  afterEach(async (ctx) => {
    if (!world) return;
    const { context, page } = world;
    world = undefined;
    try {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const file = fileName(`${ctx.task.file.name.replace(/^.*\//, '').replace(/\.test\.ts$/, '')}-${ctx.task.name}`);
      await page.screenshot({ path: join(SCREENSHOTS, `${file}.png`), fullPage: true });
    } finally {
      await context.close();
    }
    if (problems.length > 0) throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);
  });

  return () => {
    if (!world) throw new Error('the browser world exists only inside a test');
    return world;
  };
}

/** `describe` for browser tests: skipped (with the reason in its title) when Chromium or the seed is missing outside CI. */
export function describeBrowser(name: string, fn: () => void): void {
  if (canRunBrowser) describe(name, fn);
  else describe.skip(`${name} (skipped: ${hasSeed ? `no ${CHROMIUM}` : 'no seed notice in ../shared/seeds'})`, fn);
}

/** Signs in through the form at /login, as a person would. */
export async function signIn(page: Page, user: Pick<WebUser, 'username' | 'password'>, path = '/login'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}
