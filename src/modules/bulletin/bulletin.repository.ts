/**
 * Bulletins (table bulletins) and the facts a bulletin gathers beside the
 * lights, each as known before `end` (the instant the bulletin's as-of date
 * ends in Beijing, status/calendar.ts dayEndInstant), so that a period's
 * bulletin says the same whenever it is made. Only this file touches the table.
 */
import type { BulletinContent } from '../../documents/bulletin-content.js';
import type { Tx } from '../../store/tx.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import { ORDER_GRADES, type OrderStatus } from '../order/order.model.js';
import type { BulletinOrder, OverdueReport, PeriodReport } from './bulletin.compose.js';
import { BULLETIN_STATUSES, type Bulletin } from './bulletin.model.js';

function base(db: Tx, governmentId: number) {
  return db
    .selectFrom('bulletins')
    .leftJoin('users as creator', 'creator.id', 'bulletins.created_by')
    .leftJoin('users as issuer', 'issuer.id', 'bulletins.issued_by')
    .selectAll('bulletins')
    .select(['creator.display_name as created_by_name', 'issuer.display_name as issued_by_name'])
    .where('bulletins.government_id', '=', governmentId);
}

type BulletinJoinRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const stored = (checksum: string | null, size: number | null): { checksum: string; size: number } | null =>
  checksum === null ? null : { checksum, size: Number(size ?? 0) };

const toBulletin = (r: BulletinJoinRow): Bulletin => ({
  id: r.id,
  governmentId: r.government_id,
  planId: r.plan_id,
  period: r.period,
  asOf: r.as_of,
  status: BULLETIN_STATUSES.find((s) => s === r.status) ?? 'draft',
  serial: r.serial,
  title: r.title,
  content: JSON.parse(r.content) as BulletinContent,
  remarks: r.remarks,
  docx: stored(r.docx_checksum, r.docx_size),
  pdf: stored(r.pdf_checksum, r.pdf_size),
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  createdAt: r.created_at,
  issuedBy: r.issued_by,
  issuedByName: r.issued_by_name,
  issuedAt: r.issued_at,
  version: r.version,
  updatedAt: r.updated_at,
});

export async function findBulletin(db: Tx, governmentId: number, id: number): Promise<Bulletin | undefined> {
  const row = await base(db, governmentId).where('bulletins.id', '=', id).executeTakeFirst();
  return row && toBulletin(row);
}

/** Newest first; `issuedOnly` leaves the drafts out. */
export async function listBulletins(db: Tx, governmentId: number, filter: { planId?: number; issuedOnly?: boolean }): Promise<Bulletin[]> {
  let q = base(db, governmentId);
  if (filter.planId !== undefined) q = q.where('bulletins.plan_id', '=', filter.planId);
  if (filter.issuedOnly) q = q.where('bulletins.status', '=', 'issued');
  return (await q.orderBy('bulletins.created_at', 'desc').orderBy('bulletins.id', 'desc').execute()).map(toBulletin);
}

export interface NewBulletin {
  planId: number;
  period: string;
  asOf: string;
  title: string;
  content: BulletinContent;
  createdBy: number | null;
}

export async function insertBulletin(trx: Tx, governmentId: number, b: NewBulletin, now: string): Promise<number> {
  const row = await trx
    .insertInto('bulletins')
    .values({
      government_id: governmentId,
      plan_id: b.planId,
      period: b.period,
      as_of: b.asOf,
      title: b.title,
      content: JSON.stringify(b.content),
      created_by: b.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface StoredFile {
  checksum: string;
  size: number;
}

/** The columns a step of a bulletin's flow sets. */
export interface BulletinChange {
  status?: Bulletin['status'];
  asOf?: string;
  content?: BulletinContent;
  remarks?: string;
  serial?: number;
  docx?: StoredFile;
  pdf?: StoredFile | null;
  issuedBy?: number | null;
  issuedAt?: string;
}

/**
 * Writes the change if the bulletin is still at the version read; false
 * otherwise. A serial taken by a concurrent issue fails on the unique
 * constraint (isSerialConflict).
 */
export function updateBulletin(trx: Tx, b: Pick<Bulletin, 'id' | 'version'>, change: BulletinChange, now: string, audit: AuditNote): Promise<boolean> {
  return auditedUpdate(
    trx,
    'bulletins',
    b,
    {
      ...(change.status === undefined ? {} : { status: change.status }),
      ...(change.asOf === undefined ? {} : { as_of: change.asOf }),
      ...(change.content === undefined ? {} : { content: JSON.stringify(change.content) }),
      ...(change.remarks === undefined ? {} : { remarks: change.remarks }),
      ...(change.serial === undefined ? {} : { serial: change.serial }),
      ...(change.docx === undefined ? {} : { docx_checksum: change.docx.checksum, docx_size: change.docx.size }),
      ...(change.pdf === undefined ? {} : { pdf_checksum: change.pdf?.checksum ?? null, pdf_size: change.pdf?.size ?? null }),
      ...(change.issuedBy === undefined ? {} : { issued_by: change.issuedBy }),
      ...(change.issuedAt === undefined ? {} : { issued_at: change.issuedAt }),
    },
    now,
    audit,
  );
}

/** The plan's next bulletin serial. */
export async function nextSerial(db: Tx, planId: number): Promise<number> {
  const last = await db
    .selectFrom('bulletins')
    .select((eb) => eb.fn.max('serial').as('serial'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(last?.serial ?? 0) + 1;
}

/** Whether an error is the plan's serial taken by a concurrent issue (PostgreSQL or SQLite wording). */
export function isSerialConflict(err: unknown): boolean {
  const e = err as { constraint?: unknown; message?: unknown };
  if (e.constraint === 'bulletins_serial_unique') return true;
  return typeof e.message === 'string' && /bulletins_serial_unique|bulletins\.plan_id, bulletins\.serial/.test(e.message);
}

/** The plan's title and year. */
export async function planHead(db: Tx, governmentId: number, planId: number): Promise<{ id: number; title: string; year: number } | undefined> {
  return db.selectFrom('plans').select(['id', 'title', 'year']).where('government_id', '=', governmentId).where('id', '=', planId).executeTakeFirst();
}

/**
 * The reports asked for in the plan's rounds whose period ends within
 * [start, last], opened before `end`; each sent when it first left its unit
 * before `end`.
 */
export async function periodReports(db: Tx, governmentId: number, planId: number, start: string, last: string, end: string): Promise<PeriodReport[]> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .select(['reports.role', 'reports.first_sent_at', 'reports.submitted_at', 'reports.approved_at', 'rounds.due_on'])
    .where('reports.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', planId)
    .where('rounds.period_end', '>=', start)
    .where('rounds.period_end', '<=', last)
    .where('rounds.created_at', '<', end)
    .execute();
  return rows.map((r) => {
    const role = r.role === 'co' ? 'co' : 'host';
    const sent = firstSent(r.first_sent_at, role === 'co' ? r.approved_at : r.submitted_at);
    return { role, sentAt: sent !== null && sent < end ? sent : null, dueOn: r.due_on };
  });
}

/** When a report first left its unit: first_sent_at, or for a row from before it was kept, the row's own time. */
const firstSent = (firstSentAt: string | null, own: string | null): string | null => firstSentAt ?? own;

/**
 * The reports overdue on `asOf`: in a round of the plan opened before `end`
 * and not closed by then, due before `asOf`, not sent before `end`, on a task
 * that still asked for them then (active, or completed only later).
 */
export async function overdueReports(db: Tx, governmentId: number, planId: number, asOf: string, end: string): Promise<OverdueReport[]> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select([
      'reports.id',
      'reports.task_id',
      'reports.unit_id',
      'reports.role',
      'reports.first_sent_at',
      'reports.submitted_at',
      'reports.approved_at',
      'rounds.due_on',
      'tasks.status as task_status',
      'tasks.completed_at',
    ])
    .where('reports.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', planId)
    .where('rounds.created_at', '<', end)
    .where((eb) => eb.or([eb('rounds.closed_at', 'is', null), eb('rounds.closed_at', '>=', end)]))
    .where('rounds.due_on', '<', asOf)
    .where('tasks.status', '!=', 'removed')
    .orderBy('rounds.due_on')
    .orderBy('reports.id')
    .execute();
  return rows
    .filter((r) => {
      const sent = firstSent(r.first_sent_at, r.role === 'co' ? r.approved_at : r.submitted_at);
      const stillAsked = r.task_status === 'active' || (r.completed_at !== null && r.completed_at >= end);
      return (sent === null || sent >= end) && stillAsked;
    })
    .map((r) => ({ taskId: r.task_id, unitId: r.unit_id, dueOn: r.due_on }));
}

/**
 * The plan's orders open at `end`: issued before it and not closed before it,
 * each in the state it had then (issued, signed or answered).
 */
export async function openOrders(db: Tx, governmentId: number, planId: number, end: string): Promise<BulletinOrder[]> {
  const rows = await db
    .selectFrom('orders')
    .innerJoin('units', 'units.id', 'orders.unit_id')
    .innerJoin('plans', 'plans.id', 'orders.plan_id')
    .select([
      'orders.serial',
      'orders.grade',
      'orders.task_id',
      'units.name as unit_name',
      'plans.year',
      'orders.issued_at',
      'orders.respond_by',
      'orders.signed_at',
      'orders.responded_at',
    ])
    .where('orders.government_id', '=', governmentId)
    .where('orders.plan_id', '=', planId)
    .where('orders.issued_at', '<', end)
    .where((eb) => eb.or([eb('orders.closed_at', 'is', null), eb('orders.closed_at', '>=', end)]))
    .orderBy('orders.serial')
    .execute();
  const before = (at: string | null): boolean => at !== null && at < end;
  return rows.map((r) => ({
    planYear: r.year,
    serial: r.serial,
    grade: ORDER_GRADES.find((g) => g === r.grade) ?? 'blue',
    taskId: r.task_id,
    unitName: r.unit_name,
    issuedAt: r.issued_at,
    respondBy: r.respond_by,
    status: ((): OrderStatus => (before(r.responded_at) ? 'answered' : before(r.signed_at) ? 'signed' : 'issued'))(),
  }));
}

/** The plan's tasks completed (销号) before `end` and not reopened since. */
export async function completedTasks(db: Tx, governmentId: number, planId: number, end: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('government_id', '=', governmentId)
    .where('plan_id', '=', planId)
    .where('status', '=', 'completed')
    .where('completed_at', '<', end)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Unit names by id. */
export async function unitNames(db: Tx, governmentId: number, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('government_id', '=', governmentId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
