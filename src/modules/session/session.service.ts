/**
 * Sign-in, sessions and sign-out. The cookie holds a random token; the
 * database keeps only its SM3 (sessions.id), so a copy of the database does
 * not yield live sessions. Every sign-in makes a new token, so a session id
 * planted before sign-in (fixation) is worth nothing after it.
 */
import type { Actor } from '../../domain/actor.js';
import { systemActor } from '../../domain/actor.js';
import { randomToken, safeEqual, sm3 } from '../../crypto/index.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { AuthActor } from '../auth/authorize.js';
import { atomically, changing, systemClock, type Clock } from '../../store/unit-of-work.js';
import { verifyPassword } from '../user/password.js';
import { findSignIn, findUserById, updateUser, type User } from '../user/user.repository.js';
import { ACCOUNT, ACCOUNT_AT_ADDRESS, ADDRESS, activeLock, historyStart, lockEnd, LOOKBACK_MS, MAX_ATTEMPTS_READ, type Attempt } from './lockout.js';
import * as repo from './session.repository.js';
import type { Session } from './session.repository.js';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often, so that reading pages does not mean writing rows. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Longer input is refused unread: nobody types it, and hashing megabytes would be a cheap way to load the server. */
const MAX_USERNAME = 64;
const MAX_PASSWORD = 1024;
const MAX_USER_AGENT = 512;

export interface SignInInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export type SignInFailure =
  | { ok: false; code: 'invalid_credentials'; status: 401; message: string }
  | { ok: false; code: 'locked' | 'too_many_attempts'; status: 429; message: string; retryAfterSeconds: number };

export interface SignInSuccess {
  ok: true;
  /** For the session cookie. */
  token: string;
  /** For the X-CSRF-Token header of every change. */
  csrfToken: string;
  user: User;
  session: Session;
  /** The session may do nothing but change the password until it is changed. */
  mustChangePassword: boolean;
}

export type SignInResult = SignInSuccess | SignInFailure;

/** A signed-in actor, as the authorization chokepoint takes it. */
export type SignedInActor = AuthActor & { userId: number; mustChangePassword: boolean; rolePending: boolean };

export interface Authenticated {
  session: Session;
  user: User;
  actor: SignedInActor;
}

/**
 * Signs in. Every attempt is recorded. An address that failed too often
 * answers `too_many_attempts`, and a username locked (from this address, or
 * everywhere) answers `locked`, even to the right password (see lockout.ts); a
 * wrong password, an unknown username and a disabled account all answer the
 * same `invalid_credentials`, after the same amount of hashing work.
 */
export async function signIn(db: Tx, input: SignInInput, clock: Clock = systemClock): Promise<SignInResult> {
  const now = clock();
  const username = input.username.trim().slice(0, MAX_USERNAME);
  const found = username === '' ? undefined : await findSignIn(db, username);
  const addressLock = await addressLockOf(db, input.ip, now);
  if (addressLock !== null) {
    await repo.recordLoginAttempt(db, attemptRow(found?.user ?? null, username, now, false, input.ip));
    return throttled('too_many_attempts', addressLock, now);
  }
  const history = await recentAttempts(db, username, found?.user ?? null, now, input.ip);
  const lock = lockOf(found?.user ?? null, history, now);
  if (lock !== null) {
    await repo.recordLoginAttempt(db, attemptRow(found?.user ?? null, username, now, false, input.ip));
    return throttled('locked', lock, now);
  }
  const password = input.password.length > MAX_PASSWORD ? '' : input.password;
  const valid = await verifyPassword(found?.passwordHash ?? null, password);
  const user = found?.user;
  if (!valid || user === undefined || user.disabled) {
    await recordFailure(db, { user: user ?? null, username, history: history.account, ip: input.ip }, clock);
    return invalidCredentials();
  }
  return startSession(db, user, input, clock);
}

/**
 * The session and its user for a cookie's token, or null when the token is
 * unknown, the session has been idle for 30 minutes or is 12 hours old, or
 * the account has been disabled. `ip` is the current request's address, for
 * the actor (and so the audit rows of what it does).
 */
export async function authenticate(db: Tx, token: string, clock: Clock = systemClock, ip: string | null = null): Promise<Authenticated | null> {
  if (token.length < 16 || token.length > 128) return null;
  const id = sm3(token);
  const found = await repo.findSessionWithUser(db, id);
  if (!found) return null;
  const { session, user } = found;
  const now = clock();
  if (isExpired(session, now)) {
    await repo.deleteSession(db, id);
    return null;
  }
  if (user.disabled || user.governmentId !== session.governmentId) {
    await repo.deleteSession(db, id);
    return null;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    session.lastSeenAt = now.toISOString();
    await repo.touchSession(db, id, session.lastSeenAt);
  }
  return { session, user, actor: actorOf(user, ip ?? session.ip) };
}

/** Ends the session of the token; false when there was none. */
export async function signOut(db: Tx, token: string, clock: Clock = systemClock): Promise<boolean> {
  if (token.length < 16 || token.length > 128) return false;
  const id = sm3(token);
  return atomically(db, async (trx) => {
    const session = await repo.findSession(trx, id);
    if (!session) return false;
    await repo.deleteSession(trx, id);
    const user = await findUserById(trx, session.userId);
    if (user) await appendAudit(trx, actorOf(user, session.ip), { action: 'session.sign_out', objectType: 'user', objectId: user.id }, clock);
    return true;
  });
}

/** Whether the request's CSRF token is the session's, compared in constant time. */
export function checkCsrf(session: Session, presented: string | undefined): boolean {
  return presented !== undefined && safeEqual(session.csrfToken, presented);
}

export function actorOf(user: User, ip: string | null): SignedInActor {
  return {
    governmentId: user.governmentId,
    userId: user.id,
    username: user.username,
    role: user.role,
    unitId: user.unitId,
    leaderId: user.leaderId,
    ip,
    mustChangePassword: user.mustChangePassword,
    rolePending: user.rolePending,
  };
}

export function isExpired(session: Session, now: Date): boolean {
  const t = now.getTime();
  return t - Date.parse(session.lastSeenAt) >= IDLE_TIMEOUT_MS || t - Date.parse(session.createdAt) >= ABSOLUTE_TIMEOUT_MS;
}

async function startSession(db: Tx, user: User, input: SignInInput, clock: Clock): Promise<SignInSuccess> {
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  const now = clock();
  const at = now.toISOString();
  const session = await changing(db, user.governmentId, async (trx) => {
    await repo.recordLoginAttempt(trx, attemptRow(user, user.username, now, true, input.ip));
    await repo.deleteExpiredSessions(trx, user.id, {
      idleBefore: new Date(now.getTime() - IDLE_TIMEOUT_MS).toISOString(),
      createdBefore: new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS).toISOString(),
    });
    const created = await repo.insertSession(trx, {
      id: sm3(token),
      government_id: user.governmentId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
    });
    await appendAudit(
      trx,
      actorOf(user, input.ip),
      { action: 'session.sign_in', objectType: 'user', objectId: user.id, after: { userAgent: created.userAgent } },
      clock,
    );
    return created;
  });
  return { ok: true, token, csrfToken, user, session, mustChangePassword: user.mustChangePassword };
}

interface History {
  /** The username's attempts from every address. */
  account: Attempt[];
  /** The username's attempts from the address signing in now. */
  atAddress: Attempt[];
}

/** The attempts that can still matter: since the last lock ended or was lifted, at most a day back. */
async function recentAttempts(db: Tx, username: string, user: User | null, now: Date, ip: string | null): Promise<History> {
  const since = historyStart(now, user?.lockedUntil ?? null);
  return {
    account: await repo.loginAttemptsSince(db, username, since, MAX_ATTEMPTS_READ),
    atAddress: await repo.loginAttemptsSince(db, username, since, MAX_ATTEMPTS_READ, ip),
  };
}

function lockOf(user: User | null, history: History, now: Date): Date | null {
  if (user?.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()) return new Date(user.lockedUntil);
  return activeLock(history.account, now, ACCOUNT) ?? activeLock(history.atAddress, now, ACCOUNT_AT_ADDRESS);
}

/** Whether the address is paused for failing too often on any usernames; an unknown address (null) is not throttled by address. */
async function addressLockOf(db: Tx, ip: string | null, now: Date): Promise<Date | null> {
  if (ip === null) return null;
  const since = new Date(now.getTime() - 2 * LOOKBACK_MS).toISOString();
  return activeLock(await repo.addressAttemptsSince(db, ip, since, MAX_ATTEMPTS_READ), now, ADDRESS);
}

/**
 * Records a failure; when it is the one that locks an existing account
 * everywhere (ACCOUNT, not one address's lock), the lock's end is kept on the
 * account too (for the security administrator's list, and as the point from
 * which later failures count) and audited.
 */
async function recordFailure(
  db: Tx,
  failure: { user: User | null; username: string; history: readonly Attempt[]; ip: string | null },
  clock: Clock,
): Promise<void> {
  const now = clock();
  const { user } = failure;
  const end = lockEnd([...failure.history, { at: now.toISOString(), success: false }], ACCOUNT);
  const locksNow = user !== null && end !== null && end.getTime() > now.getTime();
  await atomically(db, async (trx) => {
    await repo.recordLoginAttempt(trx, attemptRow(user, failure.username, now, false, failure.ip));
    if (!locksNow) return;
    const lockedUntil = end.toISOString();
    await updateUser(trx, user.id, { locked_until: lockedUntil, updated_at: nowIso(clock) });
    const actor: Actor = { ...systemActor(user.governmentId), ip: failure.ip };
    await appendAudit(
      trx,
      actor,
      { action: 'user.lock', objectType: 'user', objectId: user.id, before: { lockedUntil: user.lockedUntil }, after: { lockedUntil, reason: '连续登录失败' } },
      clock,
    );
  });
}

function attemptRow(user: User | null, username: string, at: Date, success: boolean, ip: string | null) {
  return { governmentId: user?.governmentId ?? null, username, at: at.toISOString(), success, ip };
}

const invalidCredentials = (): SignInFailure => ({ ok: false, code: 'invalid_credentials', status: 401, message: '用户名或密码不正确' });

function throttled(code: 'locked' | 'too_many_attempts', until: Date, now: Date): SignInFailure {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const message =
    code === 'locked'
      ? `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试`
      : `此网络地址登录失败次数过多，已暂停从此地址登录，请 ${minutes} 分钟后再试`;
  return { ok: false, code, status: 429, message, retryAfterSeconds };
}
