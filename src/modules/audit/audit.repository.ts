/**
 * The audit log: one row per change, written in the change's own transaction,
 * chained by SM3 so that a row edited, deleted or reordered behind the
 * application's back breaks the chain (see audit.service.ts verifyChain).
 */
import type { Actor } from '../../domain/actor.js';
import { sm3 } from '../../crypto/index.js';
import { sql } from 'kysely';
import type { AuditRow } from '../../store/schema.js';
import { preparedQuery } from '../../store/prepared.js';
import { lockForChange } from '../../store/locks.js';
import { nowIso, type Tx } from '../../store/tx.js';

export interface Change {
  /** A verb from the action vocabulary, e.g. plan.import, user.create, task.update. */
  action: string;
  objectType: string;
  objectId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers, in a fixed order. */
export function rowDigest(row: Omit<AuditRow, 'id' | 'hash'> & Partial<Pick<AuditRow, 'id' | 'hash'>>): string {
  return sm3(
    JSON.stringify([
      row.government_id,
      row.seq,
      row.at,
      row.actor_user_id,
      row.actor_username,
      row.actor_unit_id,
      row.actor_role,
      row.ip,
      row.action,
      row.object_type,
      row.object_id,
      row.before,
      row.after,
      row.prev_hash,
    ]),
  );
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Appends one row. Must run inside the transaction that makes the change.
 * On PostgreSQL the government's row is locked first (store/locks.ts; already
 * held when the change began with `changing`), so that concurrent
 * transactions append one after another and the chain stays linear.
 */
export async function appendAudit(trx: Tx, actor: Actor, change: Change, clock?: () => Date): Promise<void> {
  await lockForChange(trx, actor.governmentId);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('government_id', '=', actor.governmentId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = {
    government_id: actor.governmentId,
    seq: (last?.seq ?? 0) + 1,
    at: nowIso(clock),
    actor_user_id: actor.userId,
    actor_username: actor.username,
    actor_unit_id: actor.unitId,
    actor_role: actor.role,
    ip: actor.ip,
    action: change.action,
    object_type: change.objectType,
    object_id: change.objectId === null ? null : String(change.objectId),
    before: json(change.before),
    after: json(change.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash: rowDigest(row) })
    .execute();
  appendedIn.add(trx);
}

/** The transactions that appended audit rows: once one commits, the log's end is checkpointed (audit-anchor.ts). */
const appendedIn = new WeakSet<Tx>();
export const appendedAuditRows = (trx: Tx): boolean => appendedIn.has(trx);

/** Each government's newest row: how many rows its log holds (the seq) and the hash the next row chains to. */
export async function auditHeads(db: Tx): Promise<{ governmentId: number; seq: number; id: number; hash: string }[]> {
  const ends = await db
    .selectFrom('audit_log')
    .select(['government_id', (eb) => eb.fn.max('seq').as('seq')])
    .groupBy('government_id')
    .orderBy('government_id')
    .execute();
  const heads = [];
  for (const end of ends) {
    const row = await db
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .where('government_id', '=', end.government_id)
      .where('seq', '=', Number(end.seq))
      .executeTakeFirstOrThrow();
    heads.push({ governmentId: end.government_id, seq: Number(end.seq), id: row.id, hash: row.hash });
  }
  return heads;
}

/** The hash of a government's row at a seq; null when there is no such row. */
export async function auditHashAt(db: Tx, governmentId: number, seq: number): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select('hash').where('government_id', '=', governmentId).where('seq', '=', seq).executeTakeFirst();
  return row?.hash ?? null;
}

/** Rows after `afterId`, in insertion order (every government's, or one's): one page of the walk that verifies the chains. */
export function auditRowsAfter(db: Tx, afterId: number, limit: number, governmentId?: number): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll().where('id', '>', afterId);
  if (governmentId !== undefined) q = q.where('government_id', '=', governmentId);
  return q.orderBy('id').limit(limit).execute();
}

/** Who, what and when; `from` and `to` are instants (ISO, UTC), `to` excluded. */
export interface AuditFilter {
  username?: string;
  /** An action, or its leading part: `user` is user.create, user.unlock… */
  action?: string;
  objectType?: string;
  from?: string;
  to?: string;
}

function filtered(db: Tx, governmentId: number, filter: AuditFilter) {
  let q = db.selectFrom('audit_log').where('government_id', '=', governmentId);
  if (filter.username !== undefined) q = q.where('actor_username', '=', filter.username);
  const action = filter.action;
  if (action !== undefined) {
    // An action or its leading part; substr rather than LIKE, whose escaping the two databases do not share.
    const prefix = `${action}.`;
    q = q.where((eb) => eb.or([eb('action', '=', action), eb(sql<string>`substr(action, 1, ${sql.lit(prefix.length)})`, '=', prefix)]));
  }
  if (filter.objectType !== undefined) q = q.where('object_type', '=', filter.objectType);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  return q;
}

export function listAudit(db: Tx, governmentId: number, options: { limit: number; beforeSeq?: number } & AuditFilter): Promise<AuditRow[]> {
  let q = filtered(db, governmentId, options).selectAll();
  if (options.beforeSeq !== undefined) q = q.where('seq', '<', options.beforeSeq);
  return q.orderBy('seq', 'desc').limit(options.limit).execute();
}

export async function countAudit(db: Tx, governmentId: number, filter: AuditFilter): Promise<number> {
  const row = await filtered(db, governmentId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The hash of the government's newest audit row. Every change writes one in
 * its own transaction, so an unchanged head means unchanged data: caches of
 * rendered answers are keyed by it, and stay right across server processes.
 */
export async function auditHead(db: Tx, governmentId: number): Promise<string> {
  const [row] = await headOf(db, governmentId);
  return row?.hash ?? GENESIS_HASH;
}

const headOf = preparedQuery((db, governmentId: number) =>
  db.selectFrom('audit_log').select('hash').where('government_id', '=', governmentId).orderBy('seq', 'desc').limit(1),
);
