/**
 * The HTTP layer's defences, through the API as a browser or an attacker
 * would meet them: headers, the session cookie, CSRF and Origin checks, the
 * sign-in lock, strict request schemas, bland 500s and session timeouts.
 */
import { beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/modules/user/user.service.js';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/connection.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { minutes, movableClock } from '../modules/support.js';
import { CHINESE, call, errorOf, PEOPLE, SESSION_COOKIE, signIn, signInAs, taskVersion, useApiFixture, type Session } from './api-fixture.js';

const LOCK_USER = { username: 'sd_test', password: 'Lh-31-Strong!Pass9' };
const WRONG_PASSWORD = 'Lh-31-Wrong!Pass99';

describeEachDatabase('security', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let office: Session;
  beforeAll(async () => {
    office = await signInAs(fx().app, 'office');
  });

  let edits = 0;
  const patchTaskA = async (headers: Record<string, string>, session: Session = office) =>
    fx().app.inject({
      method: 'PATCH',
      url: `/api/tasks/${fx().tasks.a.id}`,
      headers: { cookie: session.cookie, ...headers },
      payload: { version: await taskVersion(fx(), fx().tasks.a.id), deadlineText: `6月底前（第${++edits}次更正）`, reason: '按通知更正' },
    });

  it('sends the security headers on API answers, errors and the page, and never lets an API answer be cached', async () => {
    const answers = [
      await call(fx().app, null, 'GET', '/api/health'),
      await call(fx().app, null, 'GET', '/api/me'),
      await call(fx().app, office, 'GET', '/api/audit'),
      await call(fx().app, null, 'GET', '/api/no-such-thing'),
      await call(fx().app, null, 'GET', '/'),
    ];
    // The unknown address is asserted on its own below; here only its headers matter.
    expect(answers.map((r) => r.statusCode >= 400)).toEqual([false, true, true, true, false]);
    for (const res of answers) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toMatch(/^(no-referrer|same-origin|strict-origin)/);
    }
    for (const res of answers.slice(0, 4)) expect(res.headers['cache-control']).toBe('no-store');
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, for the whole site; Secure when the app is behind HTTPS', async () => {
    const res = await call(fx().app, null, 'POST', '/api/session', { username: PEOPLE.observer.username, password: PEOPLE.observer.password });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(cookie?.secure).toBeFalsy();
    // The CSRF token is in the body for the page's script, never in a cookie.
    expect(res.cookies.map((c) => c.name)).toEqual([SESSION_COOKIE]);
    expect(res.body).not.toContain(cookie?.value ?? '-');

    const secureApp = await buildApp({ store: fx().store, governmentId: fx().governmentId, secureCookies: true });
    try {
      const secure = await call(secureApp, null, 'POST', '/api/session', { username: PEOPLE.observer.username, password: PEOPLE.observer.password });
      expect(secure.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
    } finally {
      await secureApp.close();
    }
  });

  it('answers an unknown address 404 not_found, signed in or not', async () => {
    for (const [who, method, url] of [
      [null, 'GET', '/api/no-such-thing'],
      [office, 'GET', '/api/no-such-thing'],
      [office, 'POST', '/api/no-such-thing'],
      [null, 'GET', '/favicon.ico'],
    ] as const) {
      const res = await call(fx().app, who, method, url, method === 'POST' ? {} : undefined);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
      expect(errorOf(res).code).toBe('not_found');
      expect(errorOf(res).message).toMatch(CHINESE);
    }
  });

  it('guards HEAD like the GET it mirrors (the route table lists GET only)', async () => {
    const observer = await signInAs(fx().app, 'observer');
    const head = (who: Session | null, url: string) => fx().app.inject({ method: 'HEAD', url, headers: who ? { cookie: who.cookie } : {} });
    expect((await head(null, '/api/tasks')).statusCode).toBe(401);
    expect((await head(observer, '/api/audit')).statusCode).toBe(403);
    expect((await head(observer, '/api/tasks')).statusCode).toBe(200);
  });

  it('makes a new session at each sign-in, whatever session cookie the browser already had', async () => {
    const first = await signInAs(fx().app, 'leader');
    const planted = 'planted-by-an-attacker-0123456789abcdef';
    const res = await fx().app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { cookie: `${SESSION_COOKIE}=${planted}` },
      payload: { username: PEOPLE.leader.username, password: PEOPLE.leader.password },
    });
    expect(res.statusCode).toBe(200);
    const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    expect(token).toBeDefined();
    expect(token).not.toBe(first.token);
    expect(token).not.toBe(planted);
    expect(res.json<{ csrfToken: string }>().csrfToken).not.toBe(first.csrf);
    expect((await fx().app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `${SESSION_COOKIE}=${planted}` } })).statusCode).toBe(401);
  });

  it("refuses a write without the CSRF token, with a wrong one or with another session's, and changes nothing", async () => {
    const other = await signInAs(fx().app, 'admin');
    const before = await taskVersion(fx(), fx().tasks.a.id);
    const attempts: Record<string, string>[] = [{}, { 'x-csrf-token': 'not-the-token' }, { 'x-csrf-token': other.csrf }, { 'x-csrf-token': '' }];
    for (const headers of attempts) {
      const res = await patchTaskA(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(errorOf(res).code).toBe('csrf');
      expect(errorOf(res).message).toMatch(CHINESE);
    }
    expect(await taskVersion(fx(), fx().tasks.a.id)).toBe(before);
    expect((await patchTaskA({ 'x-csrf-token': office.csrf })).statusCode).toBe(200);
    expect(await taskVersion(fx(), fx().tasks.a.id)).toBe(before + 1);
  });

  it('refuses a write from a foreign Origin even with the right token, and a sign-in from one', async () => {
    const host = 'luoshi.linhe.gov.cn';
    for (const origin of ['https://evil.example', `https://${host}.evil.example`, 'null', 'not a url']) {
      const res = await patchTaskA({ 'x-csrf-token': office.csrf, host, origin });
      expect(res.statusCode, origin).toBe(403);
      expect(errorOf(res).code).toBe('csrf');
    }
    const signInFromElsewhere = await fx().app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { host, origin: 'https://evil.example' },
      payload: { username: PEOPLE.observer.username, password: PEOPLE.observer.password },
    });
    expect(signInFromElsewhere.statusCode).toBe(403);
    expect(signInFromElsewhere.cookies).toEqual([]);

    const sameSite = await patchTaskA({ 'x-csrf-token': office.csrf, host, origin: `https://${host}` });
    expect(sameSite.statusCode, sameSite.body).toBe(200);
  });

  it('answers the sixth sign-in within 15 minutes after five failures with 429, even with the right password', async () => {
    await createUser(fx().store.db, fx().operator, { username: LOCK_USER.username, role: 'observer', password: LOCK_USER.password });
    for (let i = 1; i <= 5; i++) {
      const res = await call(fx().app, null, 'POST', '/api/session', { username: LOCK_USER.username, password: WRONG_PASSWORD });
      expect(res.statusCode, `failure ${i}`).toBe(401);
      expect(errorOf(res).code).toBe('invalid_credentials');
    }
    const sixth = await call(fx().app, null, 'POST', '/api/session', { username: LOCK_USER.username, password: LOCK_USER.password });
    expect(sixth.statusCode).toBe(429);
    expect(errorOf(sixth).code).toBe('locked');
    expect(errorOf(sixth).message).toMatch(CHINESE);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(sixth.cookies).toEqual([]);
  });

  it('rejects unknown fields at sign-in instead of ignoring them, before any password is checked', async () => {
    const attempts = async () => (await fx().store.db.selectFrom('login_attempts').select('id').execute()).length;
    const before = await attempts();
    const res = await call(fx().app, null, 'POST', '/api/session', { username: PEOPLE.observer.username, password: PEOPLE.observer.password, remember: true });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('invalid_request');
    expect(errorOf(res).message).toMatch(CHINESE);
    expect(errorOf(res).message).toContain('remember');
    expect(res.cookies).toEqual([]);
    for (const body of [
      { username: PEOPLE.observer.username },
      { username: PEOPLE.observer.username, password: '' },
      [PEOPLE.observer.username, PEOPLE.observer.password],
    ]) {
      const bad = await call(fx().app, null, 'POST', '/api/session', body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(bad).code).toBe('invalid_request');
    }
    expect(await attempts()).toBe(before);
  });

  it('answers a failure inside the server with a bare 500: no stack, no internal message', async () => {
    // A second app whose database connection is gone: every query fails inside the server.
    const store = openStore(getUrl());
    const broken = await buildApp({ store, governmentId: fx().governmentId });
    try {
      // Used once, then closed (Kysely ignores closing a connection it has never opened).
      await store.db.selectFrom('governments').select('id').execute();
      await store.close();
      for (const [url, headers] of [
        ['/api/health', {}],
        ['/api/me', { cookie: office.cookie }],
      ] as const) {
        const res = await broken.inject({ method: 'GET', url, headers });
        expect(res.statusCode, url).toBe(500);
        expect(res.json()).toEqual({ error: { code: 'internal_error', message: expect.stringMatching(CHINESE) as unknown } });
        expect(res.body).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d|Error:|stack|destroy|pool|sqlite|postgres/i);
        expect(res.headers['cache-control']).toBe('no-store');
      }
    } finally {
      await broken.close();
    }
  });

  it('ends a session after 30 idle minutes and 12 hours after sign-in, by the clock the app is given', async () => {
    const clock = movableClock();
    const app = await buildApp({ store: fx().store, governmentId: fx().governmentId, clock });
    try {
      const idle = await signIn(app, PEOPLE.auditor.username, PEOPLE.auditor.password);
      clock.advance(minutes(29));
      expect((await call(app, idle, 'GET', '/api/me')).statusCode).toBe(200);
      clock.advance(minutes(29));
      expect((await call(app, idle, 'GET', '/api/me')).statusCode, 'activity keeps the session').toBe(200);
      clock.advance(minutes(30));
      const expired = await call(app, idle, 'GET', '/api/me');
      expect(expired.statusCode).toBe(401);
      expect(errorOf(expired).code).toBe('unauthenticated');
      clock.advance(-minutes(60));
      expect((await call(app, idle, 'GET', '/api/me')).statusCode, 'an ended session stays ended').toBe(401);

      const busy = await signIn(app, PEOPLE.auditor.username, PEOPLE.auditor.password);
      for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
        clock.advance(minutes(20));
        expect((await call(app, busy, 'GET', '/api/me')).statusCode, `after ${elapsed} minutes`).toBe(200);
      }
      clock.advance(minutes(20));
      expect((await call(app, busy, 'GET', '/api/me')).statusCode, 'after 12 hours').toBe(401);
    } finally {
      await app.close();
    }
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const session = await signInAs(fx().app, 'secadmin');
    const out = await call(fx().app, session, 'DELETE', '/api/session');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime() ?? cleared?.maxAge ?? 1).toBeLessThanOrEqual(Date.now());
    expect((await call(fx().app, session, 'GET', '/api/me')).statusCode).toBe(401);
  });
});
