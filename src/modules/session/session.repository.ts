/** Sessions and sign-in attempts in the database. */
import type { SessionTable } from '../../store/schema.js';
import { preparedQuery } from '../../store/prepared.js';
import type { Tx } from '../../store/tx.js';
import { toUser, type User } from '../user/user.repository.js';
import type { Insertable, Selectable } from 'kysely';
import type { Attempt } from './lockout.js';

export interface Session {
  /** SM3 of the cookie's token. */
  id: string;
  governmentId: number;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

const toSession = (row: Selectable<SessionTable>): Session => ({
  id: row.id,
  governmentId: row.government_id,
  userId: row.user_id,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  ip: row.ip,
  userAgent: row.user_agent,
});

export async function insertSession(db: Tx, values: Insertable<SessionTable>): Promise<Session> {
  return toSession(await db.insertInto('sessions').values(values).returningAll().executeTakeFirstOrThrow());
}

const sessionById = preparedQuery((db, id: string) => db.selectFrom('sessions').selectAll().where('id', '=', id));

export async function findSession(db: Tx, id: string): Promise<Session | undefined> {
  const [row] = await sessionById(db, id);
  return row && toSession(row);
}

const sessionWithUser = preparedQuery((db, id: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as session_id',
      'sessions.government_id as session_government_id',
      'sessions.csrf_token as session_csrf_token',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at as session_last_seen_at',
      'sessions.ip as session_ip',
      'sessions.user_agent as session_user_agent',
    ])
    .where('sessions.id', '=', id),
);

/** The session and its account in one lookup: this runs on every authenticated request. */
export async function findSessionWithUser(db: Tx, id: string): Promise<{ session: Session; user: User } | undefined> {
  const [row] = await sessionWithUser(db, id);
  if (!row) return undefined;
  const session: Session = {
    id: row.session_id,
    governmentId: row.session_government_id,
    userId: row.id,
    csrfToken: row.session_csrf_token,
    createdAt: row.session_created_at,
    lastSeenAt: row.session_last_seen_at,
    ip: row.session_ip,
    userAgent: row.session_user_agent,
  };
  return { session, user: toUser(row) };
}

export async function touchSession(db: Tx, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Tx, id: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Ends a user's sessions, except the one given (the session that changed the password stays). */
export async function deleteUserSessions(db: Tx, userId: number, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Removes a user's sessions that are past either timeout, so the table does not grow with abandoned logins. */
export async function deleteExpiredSessions(db: Tx, userId: number, limits: { idleBefore: string; createdBefore: string }): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_seen_at', '<=', limits.idleBefore), eb('created_at', '<=', limits.createdBefore)]))
    .execute();
}

export async function recordLoginAttempt(
  db: Tx,
  attempt: { governmentId: number | null; username: string; at: string; success: boolean; ip: string | null },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ government_id: attempt.governmentId, username: attempt.username, at: attempt.at, success: attempt.success ? 1 : 0, ip: attempt.ip })
    .execute();
}

/**
 * A username's attempts since a time, oldest first, at most `limit` of the newest; from one address only when
 * `ip` is given (null: attempts with no address known).
 */
export async function loginAttemptsSince(db: Tx, username: string, since: string, limit: number, ip?: string | null): Promise<Attempt[]> {
  let q = db.selectFrom('login_attempts').select(['at', 'success']).where('username', '=', username).where('at', '>=', since);
  if (ip !== undefined) q = ip === null ? q.where('ip', 'is', null) : q.where('ip', '=', ip);
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.reverse().map((r) => ({ at: r.at, success: r.success === 1 }));
}

/** An address's attempts on any username since a time, oldest first. */
export async function addressAttemptsSince(db: Tx, ip: string, since: string, limit: number): Promise<Attempt[]> {
  const rows = await db
    .selectFrom('login_attempts')
    .select(['at', 'success'])
    .where('ip', '=', ip)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({ at: r.at, success: r.success === 1 }));
}
