/**
 * Who is told: a unit's head and liaison accounts, a task's lead leaders'
 * accounts. Disabled accounts are never told. Reads users, task_leaders and
 * task_units; changes nothing.
 */
import type { Tx } from '../../store/tx.js';

/** The enabled head and liaison accounts of each unit, by unit. */
export async function unitContacts(db: Tx, governmentId: number, unitIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('government_id', '=', governmentId)
    .where('unit_id', 'in', ids)
    .where('role', 'in', ['head', 'liaison'])
    .where('disabled', '=', 0)
    .orderBy('id')
    .execute();
  for (const r of rows) if (r.unit_id !== null) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), r.id]);
  return out;
}

/** The enabled accounts of each task's lead leaders, by task. */
export async function leaderContacts(db: Tx, governmentId: number, taskIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  const ids = [...new Set(taskIds)];
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('task_leaders')
    .innerJoin('users', 'users.leader_id', 'task_leaders.leader_id')
    .select(['task_leaders.task_id as taskId', 'users.id as userId'])
    .where('task_leaders.government_id', '=', governmentId)
    .where('task_leaders.task_id', 'in', ids)
    .where('users.role', '=', 'leader')
    .where('users.disabled', '=', 0)
    .orderBy('users.id')
    .execute();
  for (const r of rows) out.set(r.taskId, [...new Set([...(out.get(r.taskId) ?? []), r.userId])]);
  return out;
}

/** The enabled office (督查室) accounts: who decides for a task without a lead leader. */
export async function officeContacts(db: Tx, governmentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('government_id', '=', governmentId)
    .where('role', '=', 'office')
    .where('role_pending', '=', 0)
    .where('disabled', '=', 0)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** What a clerk calls a task in a message: its opening words. */
export async function taskTitles(db: Tx, governmentId: number, taskIds: readonly number[]): Promise<Map<number, string>> {
  const ids = [...new Set(taskIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tasks').select(['id', 'text']).where('government_id', '=', governmentId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, shortTitle(r.text)]));
}

export async function unitNames(db: Tx, governmentId: number, unitIds: readonly number[]): Promise<Map<number, string>> {
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('government_id', '=', governmentId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The task's first clause, up to 24 characters: what 《…》 quotes in a message. */
export function shortTitle(text: string): string {
  const first = text.split(/[，。；：,;:]/)[0]?.trim() ?? '';
  const chars = [...(first || text.trim())];
  return chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : chars.join('');
}

/** A round's name (2026-03) for a message. */
export async function roundLabelOf(db: Tx, governmentId: number, roundId: number): Promise<string | undefined> {
  const row = await db.selectFrom('rounds').select('label').where('government_id', '=', governmentId).where('id', '=', roundId).executeTakeFirst();
  return row?.label;
}
