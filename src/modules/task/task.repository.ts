/** Tasks of the ledger. Reads return LedgerTask objects with their owners, targets and projects. */
import { sql } from 'kysely';
import type { HostSignal } from '../../domain/plan.js';
import type { Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import { listGroupMembers } from '../unit/unit.repository.js';
import { responsibleUnits } from '../unit/unit-groups.js';
import { insertInBatches, toProject, toTarget } from './task-details.repository.js';
import { TASK_STATUSES, type LedgerTask, type TaskFilter, type TaskStatus } from './task.model.js';
import { IN_LIST_MAX, readInChunks } from '../../store/chunks.js';

/** The ids of the tasks a filter selects, as a subquery that every read below reuses. */
function selectTaskIds(db: Tx, governmentId: number, filter: TaskFilter) {
  let q = db.selectFrom('tasks').select('tasks.id').where('tasks.government_id', '=', governmentId);
  if (filter.taskId !== undefined) q = q.where('tasks.id', '=', filter.taskId);
  if (filter.taskIds !== undefined) q = filter.taskIds.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('tasks.id', 'in', [...filter.taskIds]);
  if (filter.planId !== undefined) q = q.where('tasks.plan_id', '=', filter.planId);
  if (filter.sectionId !== undefined) q = q.where('tasks.section_id', '=', filter.sectionId);
  if (!filter.includeRemoved) q = q.where('tasks.status', '!=', 'removed');
  if (filter.leaderId !== undefined) {
    const leaderId = filter.leaderId;
    q = q.where('tasks.id', 'in', (eb) => eb.selectFrom('task_leaders').select('task_id').where('leader_id', '=', leaderId));
  }
  if (filter.unitId !== undefined) {
    const unitId = filter.unitId;
    // The unit's own tasks and those of the groups it belongs to (a group stands for its members).
    q = q.where('tasks.id', 'in', (eb) =>
      eb
        .selectFrom('task_units')
        .select('task_id')
        .where((w) =>
          w.or([w('unit_id', '=', unitId), w('unit_id', 'in', db.selectFrom('unit_group_members').select('group_id').where('member_id', '=', unitId))]),
        ),
    );
  }
  const { sectionNumber, leaderName, unitName } = filter;
  if (sectionNumber !== undefined) {
    q = q.where('tasks.section_id', 'in', (eb) =>
      eb.selectFrom('sections').select('id').where('government_id', '=', governmentId).where('number', '=', sectionNumber),
    );
  }
  if (leaderName !== undefined) {
    q = q.where('tasks.id', 'in', (eb) =>
      eb
        .selectFrom('task_leaders')
        .innerJoin('leaders', 'leaders.id', 'task_leaders.leader_id')
        .select('task_leaders.task_id')
        .where('leaders.government_id', '=', governmentId)
        .where('leaders.name', '=', leaderName),
    );
  }
  if (unitName !== undefined) {
    const named = db.selectFrom('units').select('units.id').where('units.government_id', '=', governmentId).where('units.name', '=', unitName);
    const groupsOfNamed = db.selectFrom('unit_group_members').select('group_id').where('member_id', 'in', named);
    q = q.where('tasks.id', 'in', (eb) =>
      eb
        .selectFrom('task_units')
        .select('task_units.task_id')
        .where((w) => w.or([w('task_units.unit_id', 'in', named), w('task_units.unit_id', 'in', groupsOfNamed)])),
    );
  }
  return q;
}

/**
 * Tasks with their section, leaders, units (and the members of the unit groups
 * among them), targets and projects, in notice order. Six queries whatever the
 * number of tasks: one per table, each selecting by the same id subquery.
 */
export async function listTasks(db: Tx, governmentId: number, filter: TaskFilter = {}): Promise<LedgerTask[]> {
  // A long list of ids is read in chunks (src/store/chunks.ts), each chunk in notice order.
  if (filter.taskIds !== undefined && new Set(filter.taskIds).size > IN_LIST_MAX)
    return readInChunks(filter.taskIds, (taskIds) => listTasks(db, governmentId, { ...filter, taskIds }));
  const ids = selectTaskIds(db, governmentId, filter);
  const rows = await db
    .selectFrom('tasks')
    .leftJoin('sections', 'sections.id', 'tasks.section_id')
    .leftJoin('governments as source_government', 'source_government.id', 'tasks.source_government_id')
    .leftJoin('tasks as source_task', 'source_task.id', 'tasks.source_task_id')
    .selectAll('tasks')
    .select([
      'sections.number as section_number',
      'sections.title as section_title',
      'source_government.name as source_government_name',
      'source_task.key as source_key',
    ])
    .where('tasks.id', 'in', ids)
    .orderBy('tasks.plan_id')
    .orderBy(sql`coalesce(sections.position, -1)`)
    .orderBy('tasks.number')
    .orderBy('tasks.id')
    .execute();
  if (rows.length === 0) return [];

  const tasks = new Map<number, LedgerTask>();
  for (const r of rows) {
    tasks.set(r.id, {
      id: r.id,
      planId: r.plan_id,
      key: r.key,
      number: r.number,
      section: r.section_id === null || r.section_number === null ? null : { id: r.section_id, number: r.section_number, title: r.section_title ?? '' },
      text: r.text,
      deadline: r.deadline,
      deadlineText: r.deadline_text,
      hostSignal: asHostSignal(r.host_signal),
      status: asStatus(r.status),
      version: r.version,
      leaders: [],
      hostUnits: [],
      coUnits: [],
      responsible: { hosts: [], cos: [] },
      targets: [],
      projects: [],
      source:
        r.source_task_id === null || r.source_government_id === null
          ? null
          : { taskId: r.source_task_id, governmentId: r.source_government_id, governmentName: r.source_government_name ?? '', key: r.source_key ?? '' },
    });
  }

  const leaders = await db
    .selectFrom('task_leaders')
    .innerJoin('leaders', 'leaders.id', 'task_leaders.leader_id')
    .select(['task_leaders.task_id', 'leaders.id', 'leaders.name'])
    .where('task_leaders.task_id', 'in', ids)
    .orderBy('task_leaders.task_id')
    .orderBy('task_leaders.position')
    .execute();
  for (const l of leaders) tasks.get(l.task_id)?.leaders.push({ id: l.id, name: l.name });

  const units = await db
    .selectFrom('task_units')
    .innerJoin('units', 'units.id', 'task_units.unit_id')
    .select(['task_units.task_id', 'task_units.role', 'units.id', 'units.name'])
    .where('task_units.task_id', 'in', ids)
    .orderBy('task_units.task_id')
    .orderBy('task_units.position')
    .execute();
  for (const u of units) {
    const task = tasks.get(u.task_id);
    (u.role === 'host' ? task?.hostUnits : task?.coUnits)?.push({ id: u.id, name: u.name });
  }
  const members = await listGroupMembers(
    db,
    governmentId,
    units.map((u) => u.id),
  );
  for (const task of tasks.values()) task.responsible = responsibleUnits({ hosts: task.hostUnits, cos: task.coUnits }, members);

  const targets = await db
    .selectFrom('targets')
    .selectAll()
    .where('task_id', 'in', ids)
    .where('retired_at', 'is', null)
    .orderBy('task_id')
    .orderBy('position')
    .execute();
  for (const t of targets) if (t.task_id !== null) tasks.get(t.task_id)?.targets.push(toTarget(t));

  const projects = await db.selectFrom('projects').selectAll().where('task_id', 'in', ids).orderBy('task_id').orderBy('position').execute();
  for (const p of projects) tasks.get(p.task_id)?.projects.push(toProject(p));

  return [...tasks.values()];
}

const HOST_SIGNALS: readonly HostSignal[] = ['label', 'structure', 'bold', 'position', 'column', 'none'];
const asHostSignal = (v: string): HostSignal => HOST_SIGNALS.find((s) => s === v) ?? 'none';
const asStatus = (v: string): TaskStatus => TASK_STATUSES.find((s) => s === v) ?? 'active';

/** What a task row holds besides its identity and bookkeeping. */
export interface TaskFields {
  text: string;
  deadline: string | null;
  deadlineText: string | null;
  hostSignal: HostSignal;
}

export interface NewTaskRow extends TaskFields {
  sectionId: number | null;
  key: string;
  number: number;
}

/** Inserts the tasks of one plan and returns their ids by key. */
export async function insertTasks(trx: Tx, governmentId: number, planId: number, tasks: readonly NewTaskRow[], now: string): Promise<Map<string, number>> {
  const rows = tasks.map((t) => ({
    government_id: governmentId,
    plan_id: planId,
    section_id: t.sectionId,
    key: t.key,
    number: t.number,
    text: t.text,
    deadline: t.deadline,
    deadline_text: t.deadlineText,
    host_signal: t.hostSignal,
    status: 'active',
    created_at: now,
    updated_at: now,
  }));
  await insertInBatches(rows, (batch) => trx.insertInto('tasks').values(batch).execute());
  // Read the ids back by key: the order of rows RETURNING from a multi-row insert is not promised.
  const ids = new Map<string, number>();
  const keys = tasks.map((t) => t.key);
  for (let i = 0; i < keys.length; i += 500) {
    const found = await trx
      .selectFrom('tasks')
      .select(['id', 'key'])
      .where('plan_id', '=', planId)
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of found) ids.set(r.key, r.id);
  }
  return ids;
}

const taskColumns = (fields: TaskFields & { status: TaskStatus }) => ({
  text: fields.text,
  deadline: fields.deadline,
  deadline_text: fields.deadlineText,
  host_signal: fields.hostSignal,
  status: fields.status,
});

/**
 * Rewrites a task in place as a revised notice has it: same id, version + 1,
 * recorded in the import's audit rows. Fails when the task changed since it
 * was read (its version moved), so a concurrent edit is never lost.
 */
export async function updateTask(trx: Tx, task: { id: number; version: number }, fields: TaskFields & { status: TaskStatus }, now: string): Promise<void> {
  if (!(await updateAtVersion(trx, 'tasks', task, taskColumns(fields), now))) throw new StaleTaskError(task.id);
}

/** Changes a task's fields with its audit row (a change of its own: by hand, or by an approved extension); StaleTaskError when its version moved. */
export async function changeTaskFields(
  trx: Tx,
  task: { id: number; version: number },
  fields: TaskFields & { status: TaskStatus },
  now: string,
  audit: AuditNote,
): Promise<void> {
  if (!(await auditedUpdate(trx, 'tasks', task, taskColumns(fields), now, audit))) throw new StaleTaskError(task.id);
}

/** Moves a task to another status with its audit row, if it is still at the version read; false when someone changed it first. */
export function setTaskStatus(trx: Tx, task: { id: number; version: number }, status: TaskStatus, now: string, audit: AuditNote): Promise<boolean> {
  // completed_at says when it was completed, so that a past date sees the task as it was then.
  return auditedUpdate(trx, 'tasks', task, { status, completed_at: status === 'completed' ? now : null }, now, audit);
}

/** Marks a task removed (never deleted: the reports recorded against it stay); recorded in the import's audit rows. */
export async function markTaskRemoved(trx: Tx, task: { id: number; version: number }, now: string): Promise<void> {
  if (!(await updateAtVersion(trx, 'tasks', task, { status: 'removed' }, now))) throw new StaleTaskError(task.id);
}

export class StaleTaskError extends Error {
  constructor(readonly taskId: number) {
    super(`任务 #${taskId} 已被他人修改，请刷新后重试`);
    this.name = 'StaleTaskError';
  }
}
