/**
 * The one versioned update with its audit row: the row changes only at the
 * version it was read at (store/versioned.ts), and when it does, the audit
 * row is appended in the same transaction. Repositories whose rows change one
 * by one take an `AuditNote` and write through here, so no such change can
 * leave the log (and the caches keyed by the log's head) behind.
 */
import type { Actor } from '../../domain/actor.js';
import type { Tx } from '../../store/tx.js';
import { updateAtVersion, type VersionedRow, type VersionedSet, type VersionedTable } from '../../store/versioned.js';
import { appendAudit, type Change } from './audit.repository.js';

/** Who made the change and what the audit row says of it. */
export interface AuditNote {
  actor: Actor;
  change: Change;
}

/** False when the row's version moved (nothing is written, nothing audited). */
export async function auditedUpdate<T extends VersionedTable>(
  trx: Tx,
  table: T,
  row: VersionedRow,
  set: VersionedSet<T>,
  now: string,
  audit: AuditNote,
): Promise<boolean> {
  if (!(await updateAtVersion(trx, table, row, set, now))) return false;
  await appendAudit(trx, audit.actor, audit.change, () => new Date(now));
  return true;
}
