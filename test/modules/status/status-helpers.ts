/**
 * Shared set-up of the status and dashboard tests: actors by role, extra
 * heads for units the API fixture has none for, and a host report taken
 * through the real steps (draft → approve → submit → accept) at chosen times.
 */
import type { Actor } from '../../../src/domain/actor.js';
import type { Clock } from '../../../src/store/unit-of-work.js';
import { acceptReport, approveReport, submitReport, updateDraft } from '../../../src/modules/report/report-steps.js';
import { roundOpener } from '../../../src/modules/round/round.service.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import type { Tx } from '../../../src/store/tx.js';
import { PEOPLE, type ApiFixture } from '../../server/api-fixture.js';

export async function actorFor(fx: ApiFixture, username: string): Promise<Actor> {
  const u = await fx.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return {
    governmentId: fx.governmentId,
    userId: u.id,
    username: u.username,
    role: u.role as Actor['role'],
    unitId: u.unit_id,
    leaderId: u.leader_id,
    ip: '10.0.0.1',
  };
}

export interface Cast {
  office: Actor;
  headA: Actor;
  liaisonA: Actor;
  liaisonB: Actor;
  /** Head of unit B (区商务局): the fixture has none. */
  headB: Actor;
  /** Liaison and head of 区发展和改革局, a co-unit of task a and a second host of some tasks. */
  fgjLiaison: Actor;
  fgjHead: Actor;
}

export const FGJ = '区发展和改革局';

export async function castOf(fx: ApiFixture): Promise<Cast> {
  const op = fx.operator;
  const db = fx.store.db;
  await createUser(db, op, { username: 'swj_head', role: 'head', unitName: PEOPLE.liaisonB.unitName, password: 'Lh-31-Strong!Pass9' });
  await createUser(db, op, { username: 'fgj_lly', role: 'liaison', unitName: FGJ, password: 'Lh-32-Strong!Pass9' });
  await createUser(db, op, { username: 'fgj_head', role: 'head', unitName: FGJ, password: 'Lh-33-Strong!Pass9' });
  return {
    office: await actorFor(fx, PEOPLE.office.username),
    headA: await actorFor(fx, PEOPLE.headA.username),
    liaisonA: await actorFor(fx, PEOPLE.liaisonA.username),
    liaisonB: await actorFor(fx, PEOPLE.liaisonB.username),
    headB: await actorFor(fx, 'swj_head'),
    fgjLiaison: await actorFor(fx, 'fgj_lly'),
    fgjHead: await actorFor(fx, 'fgj_head'),
  };
}

/** A clock stopped at an instant. */
export const at =
  (iso: string): Clock =>
  () =>
    new Date(iso);

export async function openMonth(fx: ApiFixture, office: Actor, month: string, periodEnd: string, dueOn: string): Promise<number> {
  return (await roundOpener.open(fx.store.db, office, { planId: fx.planId, kind: 'monthly', label: month, periodEnd, dueOn }, at(`${periodEnd}T01:00:00Z`)))
    .round.id;
}

export async function reportIn(db: Tx, roundId: number, taskId: number, unitId: number): Promise<number> {
  return (
    await db
      .selectFrom('reports')
      .select('id')
      .where('round_id', '=', roundId)
      .where('task_id', '=', taskId)
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow()
  ).id;
}

export async function unitId(db: Tx, name: string): Promise<number> {
  return (await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** A task's id and its targets' ids in notice order, by the task's key ("二/4"). */
export async function taskByKey(fx: ApiFixture, key: string): Promise<{ id: number; targets: number[] }> {
  const db = fx.store.db;
  const task = await db.selectFrom('tasks').select('id').where('plan_id', '=', fx.planId).where('key', '=', key).executeTakeFirstOrThrow();
  const targets = await db.selectFrom('targets').select('id').where('task_id', '=', task.id).orderBy('position').execute();
  return { id: task.id, targets: targets.map((t) => t.id) };
}

export interface Filing {
  author: Actor;
  /** Approves and submits (the host unit's head). */
  head: Actor;
  values?: { targetId: number; value: number }[];
  confidence?: 'on_track' | 'at_risk' | 'off_track';
  /** When the head submits it (default: the day before the due date, in the morning). */
  submitAt?: string;
  /** Stop after submitting; the office has not decided yet. */
  accept?: false;
}

/** A host report through draft, approval, submission and, unless told otherwise, the office's acceptance. */
export async function file(db: Tx, cast: Cast, reportId: number, f: Filing): Promise<void> {
  const submitAt = f.submitAt ?? '2026-01-01T02:00:00Z';
  const confidence = f.confidence ?? 'on_track';
  await updateDraft(
    db,
    f.author,
    reportId,
    {
      version: (await db.selectFrom('reports').select('version').where('id', '=', reportId).executeTakeFirstOrThrow()).version,
      progress: '按计划推进。',
      confidence,
      confidenceReason: confidence === 'on_track' ? null : '进度慢于预期',
      ...(f.values ? { values: f.values } : {}),
    },
    at(submitAt),
  );
  await approveReport(db, f.head, reportId, {}, at(submitAt));
  await submitReport(db, f.head, reportId, {}, at(submitAt));
  if (f.accept !== false) await acceptReport(db, cast.office, reportId, {}, at(submitAt));
}
