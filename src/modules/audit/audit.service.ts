/** Checks the audit hash chain of every government, row by row. */
import type { AuditRow } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { GENESIS_HASH, auditRowsAfter, listAudit, rowDigest } from './audit.repository.js';

/** A page of the audit log, newest first, for the audit administrator. */
export async function auditPage(db: Tx, actor: AuthActor, page: { limit?: number; beforeSeq?: number }): Promise<AuditRow[]> {
  authorize(actor, 'audit.read', governmentSubject(actor.governmentId));
  return listAudit(db, actor.governmentId, { limit: page.limit ?? 100, ...(page.beforeSeq === undefined ? {} : { beforeSeq: page.beforeSeq }) });
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
 * relinked. Reads in pages, so a long log does not fill memory.
 */
export async function verifyChain(db: Tx): Promise<ChainReport> {
  let rows = 0;
  const last = new Map<number, { seq: number; hash: string; id: number }>();
  let afterId = 0;
  for (;;) {
    const page = await auditRowsAfter(db, afterId, PAGE);
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
