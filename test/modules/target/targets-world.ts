/**
 * Set-up and reads behind the API for the target change tests: a task no
 * round has asked yet (its drafts removed), the rows a change writes, and a
 * footprint that must not move when a change is refused.
 */
import type { ApiFixture } from '../../server/api-fixture.js';

/** Set-up: the fixture's round asked every task for a report; this task's drafts go, as if no round had asked it yet. */
export async function beforeFirstRound(fx: ApiFixture, taskId: number): Promise<void> {
  const db = fx.store.db;
  const ids = (await db.selectFrom('reports').select('id').where('task_id', '=', taskId).execute()).map((r) => r.id);
  if (ids.length === 0) return;
  await db.deleteFrom('report_events').where('report_id', 'in', ids).execute();
  await db.deleteFrom('report_values').where('report_id', 'in', ids).execute();
  await db.deleteFrom('report_milestones').where('report_id', 'in', ids).execute();
  await db.deleteFrom('reports').where('id', 'in', ids).execute();
}

/** The task's targets as stored, retired ones included, in order. */
export const targetRows = (fx: ApiFixture, taskId: number) =>
  fx.store.db.selectFrom('targets').selectAll().where('task_id', '=', taskId).orderBy('position').orderBy('id').execute();

/** The targets in force, in order. */
export const activeTargets = async (fx: ApiFixture, taskId: number) => (await targetRows(fx, taskId)).filter((t) => t.retired_at === null);

export const revisionRows = (fx: ApiFixture, taskId: number) =>
  fx.store.db.selectFrom('target_revisions').selectAll().where('task_id', '=', taskId).orderBy('id').execute();

export const requestRows = (fx: ApiFixture, taskId: number) =>
  fx.store.db.selectFrom('target_change_requests').selectAll().where('task_id', '=', taskId).orderBy('id').execute();

export const ownerRows = (fx: ApiFixture, targetId: number) =>
  fx.store.db.selectFrom('target_owners').select('unit_id').where('target_id', '=', targetId).orderBy('unit_id').execute();

export const auditRows = (fx: ApiFixture, objectType: string, objectId: number) =>
  fx.store.db.selectFrom('audit_log').selectAll().where('object_type', '=', objectType).where('object_id', '=', String(objectId)).orderBy('seq').execute();

const count = async (fx: ApiFixture, table: 'audit_log' | 'notifications' | 'target_owners' | 'target_change_events'): Promise<number> =>
  Number(
    (
      await fx.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Everything a target change writes, for one task: equal before and after a refused change. */
export async function footprint(fx: ApiFixture, taskId: number) {
  return {
    targets: await targetRows(fx, taskId),
    revisions: await revisionRows(fx, taskId),
    requests: await requestRows(fx, taskId),
    owners: await count(fx, 'target_owners'),
    events: await count(fx, 'target_change_events'),
    audit: await count(fx, 'audit_log'),
    notifications: await count(fx, 'notifications'),
  };
}
