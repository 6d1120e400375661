/** Shared pieces of the supervision tests: actors behind the API, a clock at a chosen day, rows to look at. */
import type { Actor } from '../../src/domain/actor.js';
import type { Tx } from '../../src/store/tx.js';
import { PEOPLE, type ApiFixture, type PersonKey } from '../server/api-fixture.js';

export async function actorFor(fx: ApiFixture, key: PersonKey): Promise<Actor> {
  const u = await fx.store.db.selectFrom('users').selectAll().where('username', '=', PEOPLE[key].username).executeTakeFirstOrThrow();
  return {
    governmentId: fx.governmentId,
    userId: u.id,
    username: u.username,
    role: u.role as Actor['role'],
    unitId: u.unit_id,
    leaderId: u.leader_id,
    ip: '10.0.0.9',
  };
}

/** A clock standing at 09:00 in Shanghai on the given day; `set` moves it. */
export function dayClock(date: string): (() => Date) & { set(date: string): void } {
  let now = new Date(`${date}T01:00:00.000Z`);
  const clock = (() => now) as (() => Date) & { set(date: string): void };
  clock.set = (d) => {
    now = new Date(`${d}T01:00:00.000Z`);
  };
  return clock;
}

export interface NotificationRow {
  userId: number;
  kind: string;
  dedupeKey: string;
  title: string;
  body: string;
}

/** The notifications whose dedupe key starts with the prefix, sorted, as plain rows. */
export async function notificationsLike(db: Tx, governmentId: number, prefix = ''): Promise<NotificationRow[]> {
  const rows = await db
    .selectFrom('notifications')
    .select(['user_id', 'kind', 'dedupe_key', 'title', 'body'])
    .where('government_id', '=', governmentId)
    .where('dedupe_key', 'like', `${prefix}%`)
    .orderBy('dedupe_key')
    .orderBy('user_id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, kind: r.kind, dedupeKey: r.dedupe_key, title: r.title, body: r.body }));
}

export async function count(
  db: Tx,
  table: 'notifications' | 'deliveries' | 'orders' | 'rounds' | 'reports' | 'audit_log',
  governmentId: number,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('government_id', '=', governmentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
