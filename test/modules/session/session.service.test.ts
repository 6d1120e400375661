/** Sign-in, lockout and session timeouts, on SQLite and PostgreSQL, with a clock the tests move. */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sm3 } from '../../../src/crypto/index.js';
import { allowedActions } from '../../../src/modules/auth/authorize.js';
import { authenticate, checkCsrf, signIn, signOut, type SignInInput, type SignInSuccess } from '../../../src/modules/session/session.service.js';
import { changePassword, createUser, setDisabled, unlockUser } from '../../../src/modules/user/user.service.js';
import type { OpenedDatabase } from '../../../src/startup/open.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { auditRows, GOOD_PASSWORD, minutes, movableClock, openTestDatabase, operator, OTHER_PASSWORD } from '../support.js';

describeEachDatabase('sessions', (getUrl) => {
  let opened: OpenedDatabase;
  const db = () => opened.store.db;
  // Each test signs in from an address of its own: failures from one address add up across usernames (lockout.ts).
  let tests = 0;
  let ip = '10.0.0.7';
  beforeEach(() => {
    ip = `10.0.${tests++}.7`;
  });
  const attempt = (username: string, password: string): SignInInput => ({ username, password, ip, userAgent: 'test-agent' });

  beforeAll(async () => {
    opened = await openTestDatabase(getUrl());
  });
  afterAll(async () => {
    await opened.store.close();
  });

  async function addUser(username: string, extra: { mustChangePassword?: boolean } = {}): Promise<void> {
    await createUser(db(), operator(opened.governmentId), { username, role: 'observer', password: GOOD_PASSWORD, ...extra });
  }

  async function signedIn(username: string, clock: () => Date): Promise<SignInSuccess> {
    const r = await signIn(db(), attempt(username, GOOD_PASSWORD), clock);
    if (!r.ok) throw new Error(`sign-in failed: ${r.code}`);
    return r;
  }

  it('signs in, storing only the SM3 of the token, and records the attempt and an audit row', async () => {
    await addUser('qian');
    const clock = movableClock();
    const r = await signedIn('qian', clock);
    expect(r.user.username).toBe('qian');
    expect(r.mustChangePassword).toBe(false);
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.session.id).toBe(sm3(r.token));
    const stored = await db().selectFrom('sessions').selectAll().where('user_id', '=', r.user.id).execute();
    expect(stored.map((s) => s.id)).toEqual([sm3(r.token)]);
    expect(stored[0]?.created_at).toBe(clock().toISOString());
    const attempts = await db().selectFrom('login_attempts').selectAll().where('username', '=', 'qian').execute();
    expect(attempts).toMatchObject([{ success: 1, ip, government_id: opened.governmentId }]);
    expect(await auditRows(db(), 'session.sign_in', r.user.id)).toHaveLength(1);
  });

  it('makes a new session id at each sign-in', async () => {
    await addUser('sun');
    const clock = movableClock();
    const first = await signedIn('sun', clock);
    const second = await signedIn('sun', clock);
    expect(second.token).not.toBe(first.token);
    expect(second.session.id).not.toBe(first.session.id);
    expect(second.csrfToken).not.toBe(first.csrfToken);
  });

  it('answers invalid_credentials alike for a wrong password, an unknown user and a disabled account', async () => {
    await addUser('zhou');
    const clock = movableClock();
    const wrong = await signIn(db(), attempt('zhou', OTHER_PASSWORD), clock);
    const unknown = await signIn(db(), attempt('nobody-here', GOOD_PASSWORD), clock);
    await setDisabled(db(), operator(opened.governmentId), { user: { username: 'zhou' }, disabled: true });
    const disabled = await signIn(db(), attempt('zhou', GOOD_PASSWORD), clock);
    for (const r of [wrong, unknown, disabled]) {
      expect(r).toEqual({ ok: false, code: 'invalid_credentials', status: 401, message: '用户名或密码不正确' });
    }
    const recorded = await db().selectFrom('login_attempts').select(['username', 'success']).where('username', 'in', ['zhou', 'nobody-here']).execute();
    expect(recorded).toHaveLength(3);
    expect(recorded.every((a) => a.success === 0)).toBe(true);
  });

  it('locks after five failures from one address: the sixth attempt from it is refused even with the right password, and works 15 minutes later', async () => {
    await addUser('wuyi');
    const clock = movableClock();
    for (let i = 0; i < 5; i++) {
      const r = await signIn(db(), attempt('wuyi', OTHER_PASSWORD), clock);
      expect(r.ok ? 'ok' : r.code).toBe('invalid_credentials');
      clock.advance(minutes(1));
    }
    const sixth = await signIn(db(), attempt('wuyi', GOOD_PASSWORD), clock);
    expect(sixth).toMatchObject({ ok: false, code: 'locked', status: 429 });
    if (!sixth.ok && sixth.status === 429) expect(sixth.retryAfterSeconds).toBe(14 * 60);

    // Locked from the fifth failure (08:04) to 08:19; the clock now reads 08:05.
    clock.advance(minutes(13));
    expect(await signIn(db(), attempt('wuyi', GOOD_PASSWORD), clock)).toMatchObject({ ok: false, code: 'locked' });
    clock.advance(minutes(1));
    expect((await signIn(db(), attempt('wuyi', GOOD_PASSWORD), clock)).ok).toBe(true);
    const recorded = await db().selectFrom('login_attempts').select('success').where('username', '=', 'wuyi').orderBy('id').execute();
    expect(recorded.map((a) => a.success)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('does not lock the account for its owner at another address when one address fails five times', async () => {
    await addUser('wuer');
    const clock = movableClock();
    const from = (ip: string, password: string): SignInInput => ({ ...attempt('wuer', password), ip });
    for (let i = 0; i < 5; i++) await signIn(db(), from('203.0.113.9', OTHER_PASSWORD), clock);
    expect(await signIn(db(), from('203.0.113.9', GOOD_PASSWORD), clock)).toMatchObject({ ok: false, code: 'locked', status: 429 });
    expect((await signIn(db(), from('10.0.0.8', GOOD_PASSWORD), clock)).ok).toBe(true);
    const user = await db().selectFrom('users').select(['id', 'locked_until']).where('username', '=', 'wuer').executeTakeFirstOrThrow();
    expect(user.locked_until).toBeNull();
    expect(await auditRows(db(), 'user.lock', user.id)).toHaveLength(0);
  });

  it('pauses an address that fails on many usernames, for every username, and doubles the pause when it goes on', async () => {
    await addUser('wusan');
    const clock = movableClock();
    const from = (username: string, password: string): SignInInput => ({ username, password, ip: '198.51.100.4', userAgent: null });
    for (let i = 0; i < 30; i++) {
      const r = await signIn(db(), from(`spray${i % 10}`, OTHER_PASSWORD), clock);
      expect(r.ok ? 'ok' : r.code, `attempt ${i + 1}`).toBe('invalid_credentials');
    }
    const paused = await signIn(db(), from('wusan', GOOD_PASSWORD), clock);
    expect(paused).toMatchObject({ ok: false, code: 'too_many_attempts', status: 429, retryAfterSeconds: 15 * 60 });
    if (!paused.ok) expect(paused.message).toBe('此网络地址登录失败次数过多，已暂停从此地址登录，请 15 分钟后再试');
    // The same account from elsewhere is not affected.
    expect((await signIn(db(), { ...from('wusan', GOOD_PASSWORD), ip: '10.0.0.9' }, clock)).ok).toBe(true);
    clock.advance(minutes(15));
    for (let i = 0; i < 30; i++) await signIn(db(), from(`spray${10 + (i % 10)}`, OTHER_PASSWORD), clock);
    expect(await signIn(db(), from('wusan', GOOD_PASSWORD), clock)).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: 30 * 60 });
  });

  it('does not lock on failures spread over more than 15 minutes', async () => {
    await addUser('zheng');
    const clock = movableClock();
    for (let i = 0; i < 6; i++) {
      await signIn(db(), attempt('zheng', OTHER_PASSWORD), clock);
      clock.advance(minutes(4));
    }
    expect((await signIn(db(), attempt('zheng', GOOD_PASSWORD), clock)).ok).toBe(true);
  });

  it('locks an unknown username the same way, so the lock does not reveal who exists', async () => {
    const clock = movableClock();
    for (let i = 0; i < 5; i++) await signIn(db(), attempt('ghost', OTHER_PASSWORD), clock);
    expect(await signIn(db(), attempt('ghost', OTHER_PASSWORD), clock)).toMatchObject({ ok: false, code: 'locked', status: 429 });
    clock.advance(minutes(15));
    expect(await signIn(db(), attempt('ghost', OTHER_PASSWORD), clock)).toMatchObject({ ok: false, code: 'invalid_credentials' });
  });

  it('lets the security administrator lift a lock at once', async () => {
    await addUser('feng');
    const clock = movableClock();
    for (let i = 0; i < 5; i++) await signIn(db(), attempt('feng', OTHER_PASSWORD), clock);
    expect(await signIn(db(), attempt('feng', GOOD_PASSWORD), clock)).toMatchObject({ code: 'locked' });
    clock.advance(minutes(1));
    const unlocked = await unlockUser(db(), operator(opened.governmentId), { username: 'feng' }, clock);
    expect(unlocked.lockedUntil).toBe(clock().toISOString());
    expect(await auditRows(db(), 'user.unlock', unlocked.id)).toHaveLength(1);
    clock.advance(1000);
    expect((await signIn(db(), attempt('feng', GOOD_PASSWORD), clock)).ok).toBe(true);
  });

  it('ends a session idle for 30 minutes', async () => {
    await addUser('chen');
    const clock = movableClock();
    const s = await signedIn('chen', clock);
    clock.advance(minutes(29));
    expect((await authenticate(db(), s.token, clock))?.user.username).toBe('chen');
    clock.advance(minutes(29));
    expect(await authenticate(db(), s.token, clock)).not.toBeNull();
    clock.advance(minutes(30));
    expect(await authenticate(db(), s.token, clock)).toBeNull();
    expect(await db().selectFrom('sessions').select('id').where('id', '=', s.session.id).executeTakeFirst()).toBeUndefined();
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    await addUser('chu');
    const clock = movableClock();
    const s = await signedIn('chu', clock);
    for (let i = 0; i < 12 * 3 - 1; i++) {
      clock.advance(minutes(20));
      expect(await authenticate(db(), s.token, clock), `after ${(i + 1) * 20} minutes`).not.toBeNull();
    }
    clock.advance(minutes(20));
    expect(await authenticate(db(), s.token, clock)).toBeNull();
  });

  it('writes last_seen_at at most once a minute', async () => {
    await addUser('wei');
    const clock = movableClock();
    const s = await signedIn('wei', clock);
    const lastSeen = async () =>
      (await db().selectFrom('sessions').select('last_seen_at').where('id', '=', s.session.id).executeTakeFirstOrThrow()).last_seen_at;
    clock.advance(30_000);
    await authenticate(db(), s.token, clock);
    expect(await lastSeen()).toBe(s.session.createdAt);
    clock.advance(30_000);
    await authenticate(db(), s.token, clock);
    expect(await lastSeen()).toBe(clock().toISOString());
  });

  it('refuses unknown and malformed tokens, and checks the CSRF token in constant time', async () => {
    await addUser('jiang');
    const clock = movableClock();
    const s = await signedIn('jiang', clock);
    expect(await authenticate(db(), 'x'.repeat(43), clock)).toBeNull();
    expect(await authenticate(db(), '', clock)).toBeNull();
    const auth = await authenticate(db(), s.token, clock, '10.0.0.9');
    expect(auth?.actor).toMatchObject({ username: 'jiang', role: 'observer', ip: '10.0.0.9', mustChangePassword: false });
    expect(auth && checkCsrf(auth.session, s.csrfToken)).toBe(true);
    expect(auth && checkCsrf(auth.session, `${s.csrfToken}x`)).toBe(false);
    expect(auth && checkCsrf(auth.session, undefined)).toBe(false);
  });

  it('ends the sessions of an account when it is disabled', async () => {
    await addUser('shen');
    const clock = movableClock();
    const s = await signedIn('shen', clock);
    await setDisabled(db(), operator(opened.governmentId), { user: { username: 'shen' }, disabled: true }, clock);
    expect(await authenticate(db(), s.token, clock)).toBeNull();
  });

  it('signs out, with an audit row', async () => {
    await addUser('han');
    const clock = movableClock();
    const s = await signedIn('han', clock);
    expect(await signOut(db(), s.token, clock)).toBe(true);
    expect(await authenticate(db(), s.token, clock)).toBeNull();
    expect(await signOut(db(), s.token, clock)).toBe(false);
    expect(await auditRows(db(), 'session.sign_out', s.user.id)).toHaveLength(1);
  });

  it('signs in a user whose password change is due, allowing only the change until it is made', async () => {
    await addUser('yang', { mustChangePassword: true });
    const clock = movableClock();
    const s = await signedIn('yang', clock);
    expect(s.mustChangePassword).toBe(true);
    const before = await authenticate(db(), s.token, clock);
    expect(before?.actor.mustChangePassword).toBe(true);
    expect(before && allowedActions(before.actor)).toEqual(['session.self']);
    if (!before) throw new Error('no session');
    await changePassword(db(), before.actor, { newPassword: OTHER_PASSWORD, keepSessionId: before.session.id }, clock);
    const after = await authenticate(db(), s.token, clock);
    expect(after?.actor.mustChangePassword).toBe(false);
    expect(after && allowedActions(after.actor)).toContain('ledger.read');
    expect((await signIn(db(), attempt('yang', OTHER_PASSWORD), clock)).ok).toBe(true);
  });
});
