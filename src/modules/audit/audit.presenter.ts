import type { Static } from 'typebox';
import type { AuditRow } from '../../store/schema.js';
import type { AuditEntrySchema } from './audit.schema.js';

export type AuditView = Static<typeof AuditEntrySchema>;

const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

export function presentAudit(row: AuditRow): AuditView {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actor: { userId: row.actor_user_id, username: row.actor_username, unitId: row.actor_unit_id, role: row.actor_role, ip: row.ip },
    action: row.action,
    object: { type: row.object_type, id: row.object_id },
    before: parse(row.before),
    after: parse(row.after),
    hash: row.hash,
  };
}
