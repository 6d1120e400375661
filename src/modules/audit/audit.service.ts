/** Checks the audit hash chain of every government, row by row; the auditor's pages, export and check of the log. */
import type { AuditRow } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { ROLE_LABELS, type Role } from '../../domain/roles.js';
import { auditCsv } from '../../documents/audit-csv.js';
import { dayBefore, dayEndInstant, governmentDay } from '../status/calendar.js';
import { listUnits } from '../unit/unit.repository.js';
import { badRequest } from '../errors.js';
import { verifyAnchor, type AnchorPaths } from './audit-anchor.js';
import { GENESIS_HASH, auditRowsAfter, countAudit, listAudit, rowDigest, type AuditFilter } from './audit.repository.js';

/** The filters as the client sends them: a user name, an action or its leading part, an object type, days in Beijing. */
export interface AuditQuery {
  user?: string;
  action?: string;
  objectType?: string;
  from?: string;
  to?: string;
}

function filterOf(query: AuditQuery): AuditFilter {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) throw badRequest('起始日期不能晚于截止日期');
  return {
    ...(query.user === undefined ? {} : { username: query.user }),
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.objectType === undefined ? {} : { objectType: query.objectType }),
    ...(query.from === undefined ? {} : { from: dayEndInstant(dayBefore(query.from)) }),
    ...(query.to === undefined ? {} : { to: dayEndInstant(query.to) }),
  };
}

/** A page of the audit log, newest first, for the audit administrator, and how many entries the filters match. */
export async function auditPage(
  db: Tx,
  actor: AuthActor,
  page: { limit?: number; beforeSeq?: number } & AuditQuery,
): Promise<{ rows: AuditRow[]; total: number }> {
  authorize(actor, 'audit.read', governmentSubject(actor.governmentId));
  const filter = filterOf(page);
  const rows = await listAudit(db, actor.governmentId, {
    limit: page.limit ?? 100,
    ...(page.beforeSeq === undefined ? {} : { beforeSeq: page.beforeSeq }),
    ...filter,
  });
  return { rows, total: await countAudit(db, actor.governmentId, filter) };
}

/** The most rows one export holds: beyond it the auditor narrows the filters. */
export const EXPORT_LIMIT = 100_000;

/** Every entry the filters match, newest first, as CSV for Excel (documents/audit-csv.ts). */
export async function auditExport(db: Tx, actor: AuthActor, query: AuditQuery, now: Date): Promise<{ fileName: string; bytes: Uint8Array }> {
  authorize(actor, 'audit.read', governmentSubject(actor.governmentId));
  const filter = filterOf(query);
  const total = await countAudit(db, actor.governmentId, filter);
  if (total > EXPORT_LIMIT) throw badRequest(`符合条件的审计记录有 ${total} 条，超过单次导出上限 ${EXPORT_LIMIT} 条，请缩小日期范围或增加筛选条件`);
  const rows = await listAudit(db, actor.governmentId, { limit: EXPORT_LIMIT, ...filter });
  const units = new Map((await listUnits(db, actor.governmentId)).map((u) => [u.id, u.name]));
  const bytes = auditCsv(
    rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      username: r.actor_username,
      role: r.actor_role === null ? null : (ROLE_LABELS[r.actor_role as Role] ?? r.actor_role),
      unit: r.actor_unit_id === null ? null : (units.get(r.actor_unit_id) ?? `#${r.actor_unit_id}`),
      ip: r.ip,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      before: r.before,
      after: r.after,
      hash: r.hash,
    })),
  );
  return { fileName: `审计日志-${governmentDay(now.toISOString())}.csv`, bytes };
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  checkedAt: string;
  message: string;
  broken: { id: number; seq: number; reason: string; message: string } | null;
  checkpoint: { state: 'ok' | 'failed' | 'none'; latestAt: string | null; message: string };
}

/**
 * The auditor's check of the government's log: its chain row by row, then its end against the latest signed
 * checkpoint (ADR 0015), as `luoshi audit verify` does. `anchor` is where the server's checkpoints lie; null: none.
 */
export async function verifyAudit(db: Tx, actor: AuthActor, anchor: AnchorPaths | null, now: Date): Promise<AuditVerification> {
  authorize(actor, 'audit.read', governmentSubject(actor.governmentId));
  const chain = await verifyChain(db, actor.governmentId);
  const checkedAt = now.toISOString();
  const broken = chain.broken && { id: chain.broken.id, seq: chain.broken.seq, reason: chain.broken.reason, message: chain.broken.message };
  const checkpoint = await checkpointState(db, anchor);
  if (broken) return { ok: false, rows: chain.rows, checkedAt, message: `审计日志校验未通过：${broken.message}`, broken, checkpoint };
  if (checkpoint.state === 'failed') {
    return { ok: false, rows: chain.rows, checkedAt, message: `审计日志校验未通过：${checkpoint.message}`, broken, checkpoint };
  }
  return { ok: true, rows: chain.rows, checkedAt, message: `审计日志完整：共 ${chain.rows} 条记录，哈希链校验通过`, broken, checkpoint };
}

async function checkpointState(db: Tx, anchor: AnchorPaths | null): Promise<AuditVerification['checkpoint']> {
  if (anchor === null) return { state: 'none', latestAt: null, message: '本服务没有配置检查点，只校验了哈希链' };
  const finding = await verifyAnchor(db, anchor);
  if (!finding.ok) return { state: 'failed', latestAt: null, message: finding.message };
  return {
    state: 'ok',
    latestAt: finding.latestAt,
    message: finding.latestAt === null ? '库中没有审计记录，无需检查点' : `记录数与最新检查点（${finding.latestAt}）相符`,
  };
}

export interface ChainBreak {
  governmentId: number;
  /** The row's id, or the id after which a row is missing. */
  id: number;
  seq: number;
  reason: 'edited' | 'missing' | 'reordered' | 'relinked';
  message: string;
}

export interface ChainReport {
  rows: number;
  broken: ChainBreak | null;
}

const PAGE = 5000;

/**
 * Walks each government's rows in insertion order. A row whose hash does not
 * match its content was edited; a seq that skips was deleted; a seq that goes
 * back was reordered; a prev_hash that does not match the previous row was
 * relinked. Reads in pages, so a long log does not fill memory. Every
 * government's log, or the one named.
 */
export async function verifyChain(db: Tx, governmentId?: number): Promise<ChainReport> {
  let rows = 0;
  const last = new Map<number, { seq: number; hash: string; id: number }>();
  let afterId = 0;
  for (;;) {
    const page = await auditRowsAfter(db, afterId, PAGE, governmentId);
    for (const row of page) {
      rows++;
      const broken = checkRow(row, last.get(row.government_id));
      if (broken) return { rows, broken };
      last.set(row.government_id, { seq: row.seq, hash: row.hash, id: row.id });
    }
    if (page.length < PAGE) return { rows, broken: null };
    afterId = page[page.length - 1]?.id ?? afterId;
  }
}

function checkRow(row: AuditRow, prev: { seq: number; hash: string; id: number } | undefined): ChainBreak | null {
  const expectedSeq = (prev?.seq ?? 0) + 1;
  const at = { governmentId: row.government_id, id: row.id, seq: row.seq };
  if (row.seq < expectedSeq) {
    return { ...at, reason: 'reordered', message: `审计记录 #${row.id}（序号 ${row.seq}）顺序被调换` };
  }
  if (row.seq > expectedSeq) {
    return { ...at, reason: 'missing', message: `审计记录 #${row.id} 之前缺少序号 ${expectedSeq} 至 ${row.seq - 1} 的记录（已被删除）` };
  }
  if (row.prev_hash !== (prev?.hash ?? GENESIS_HASH)) {
    return { ...at, reason: 'relinked', message: `审计记录 #${row.id}（序号 ${row.seq}）与前一条记录的链接不符` };
  }
  if (rowDigest(row) !== row.hash) {
    return { ...at, reason: 'edited', message: `审计记录 #${row.id}（序号 ${row.seq}）的内容被改动过` };
  }
  return null;
}
