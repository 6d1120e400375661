/** Sessions and sign-in attempts in the database. */
import type { SessionTable } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
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

export async function findSession(db: Tx, id: string): Promise<Session | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSession(row);
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

/** The username's attempts since the given time, oldest first, at most `limit` of the newest. */
export async function loginAttemptsSince(db: Tx, username: string, since: string, limit: number): Promise<Attempt[]> {
  const rows = await db
    .selectFrom('login_attempts')
    .select(['at', 'success'])
    .where('username', '=', username)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({ at: r.at, success: r.success === 1 }));
}
