/**
 * Access matrix variants of the work plan and extension routes; merged into
 * test/server/matrix.test.ts through areas.ts. The rules below are written
 * from the table in src/modules/auth/actions.ts:
 *
 * - workplan.write: the office, or a head or liaison of a unit that hosts the task;
 * - workplan.submit: the head of a unit that hosts the task;
 * - workplan.decide, extension.decide: the task's lead leader; the office only
 *   when the task has no lead leader; never whoever wrote or asked;
 * - extension.request: a head or liaison of a unit that hosts the task;
 * - an open revision or a pending request is the unit's unpublished work
 *   (report.draft.read); approved plans and decided requests are the ledger's.
 *
 * The set-up helpers (also used by workplan.ladder.ts) put a task's plan or
 * request into the state a request needs, behind the API, without deleting
 * anything another area may refer to.
 */
import { listTasks, updateTask } from '../../../src/modules/task/task.repository.js';
import { LEADER, UNIT_A, UNIT_B, type ApiFixture, type PersonKey, type TaskRef } from '../api-fixture.js';
import { rules, TASK_A, type Ctx, type SignedIn, type Variant } from './matrix-rules.js';

/** Task b's other host unit and its lead leader, who has no account: for task b nobody in the fixture decides. */
const OTHER_HOST_OF_B = '区发展和改革局';
const LEADER_OF_B = '罗清禾';
export const PLAN_TASK_A: TaskRef = TASK_A;
export const PLAN_TASK_B: TaskRef = { id: 0, key: 'B', hostUnits: [OTHER_HOST_OF_B, UNIT_B], coUnits: [], leaders: [LEADER_OF_B] };

/** The fixture's tasks are as the models say (checked before each request that relies on it). */
function modelsHold(fx: ApiFixture): void {
  const { a, b } = fx.tasks;
  const ok =
    a.hostUnits.includes(UNIT_A) &&
    a.leaders.includes(LEADER) &&
    b.hostUnits.includes(UNIT_B) &&
    !b.hostUnits.includes(UNIT_A) &&
    b.leaders.includes(LEADER_OF_B) &&
    !b.leaders.includes(LEADER);
  if (!ok) throw new Error(`the fixture's tasks no longer match the work plan rules' models: ${JSON.stringify({ a, b })}`);
}

const HEAD_OR_LIAISON: Partial<Record<SignedIn, string>> = { headA: UNIT_A, liaisonA: UNIT_A, liaisonB: UNIT_B };

export const planRules = {
  write: (who: SignedIn, task: TaskRef): boolean => who === 'office' || task.hostUnits.some((u) => HEAD_OR_LIAISON[who] === u),
  submit: (who: SignedIn, task: TaskRef): boolean => who === 'headA' && task.hostUnits.includes(UNIT_A),
  decide: (who: SignedIn, task: TaskRef, author: PersonKey): boolean =>
    who !== author && ((who === 'leader' && task.leaders.includes(LEADER)) || (who === 'office' && task.leaders.length === 0)),
  request: (who: SignedIn, task: TaskRef): boolean => task.hostUnits.some((u) => HEAD_OR_LIAISON[who] === u),
} as const;

export type TaskKey = 'a' | 'b';
const MODEL: Record<TaskKey, TaskRef> = { a: PLAN_TASK_A, b: PLAN_TASK_B };

const OPEN = ['draft', 'submitted', 'returned'];

/** No revision of the task is open any more (set aside as superseded, not deleted). */
export async function clearOpenPlans(fx: ApiFixture, task: TaskKey): Promise<void> {
  modelsHold(fx);
  await fx.store.db.updateTable('work_plans').set({ status: 'superseded' }).where('task_id', '=', fx.tasks[task].id).where('status', 'in', OPEN).execute();
}

/** A new revision of the task's plan, filed by its host unit, in the given status and written by the given person. */
export async function setWorkPlan(fx: ApiFixture, task: TaskKey, state: { status: string; author: PersonKey }): Promise<{ id: number; version: number }> {
  await clearOpenPlans(fx, task);
  const db = fx.store.db;
  const taskId = fx.tasks[task].id;
  if (state.status === 'approved')
    await db.updateTable('work_plans').set({ status: 'superseded' }).where('task_id', '=', taskId).where('status', '=', 'approved').execute();
  const last = await db
    .selectFrom('work_plans')
    .select((eb) => eb.fn.max('revision').as('n'))
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  const now = new Date().toISOString();
  const row = await db
    .insertInto('work_plans')
    .values({
      government_id: fx.governmentId,
      task_id: taskId,
      unit_id: fx.units[task].id,
      revision: Number(last?.n ?? 0) + 1,
      status: state.status,
      measures: '建立专班，按月调度重点项目。',
      author_id: fx.userIds[state.author],
      ...(state.status === 'submitted' ? { submitted_at: now } : {}),
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return row;
}

/** The deadlines of the fixture's tasks as imported, so that an approved extension can be undone. */
const imported = new Map<number, { deadline: string | null; deadlineText: string | null }>();

async function rememberDeadline(fx: ApiFixture, taskId: number): Promise<void> {
  if (imported.has(taskId)) return;
  const [task] = await listTasks(fx.store.db, fx.governmentId, { taskId, includeRemoved: true });
  if (task) imported.set(taskId, { deadline: task.deadline, deadlineText: task.deadlineText });
}

/** Puts the task's deadline back as imported (after an approved extension). */
export async function restoreDeadline(fx: ApiFixture, task: TaskKey): Promise<void> {
  const taskId = fx.tasks[task].id;
  const [now] = await listTasks(fx.store.db, fx.governmentId, { taskId, includeRemoved: true });
  const was = imported.get(taskId);
  if (!now || !was || (now.deadline === was.deadline && now.deadlineText === was.deadlineText)) return;
  await updateTask(
    fx.store.db,
    now,
    { text: now.text, deadline: was.deadline, deadlineText: was.deadlineText, hostSignal: now.hostSignal, status: now.status },
    new Date().toISOString(),
  );
}

/** A date later than today and than any fixture task's deadline: what an extension asks for. */
export const laterDeadline = (): string => `${Math.max(new Date().getUTCFullYear(), 2026) + 1}-12-31`;

/** The task has no pending request and its deadline as imported: a new request may be made. */
export async function clearRequests(fx: ApiFixture, task: TaskKey): Promise<void> {
  modelsHold(fx);
  await rememberDeadline(fx, fx.tasks[task].id);
  await restoreDeadline(fx, task);
  await fx.store.db
    .updateTable('extension_requests')
    .set({ status: 'withdrawn' })
    .where('task_id', '=', fx.tasks[task].id)
    .where('status', '=', 'pending')
    .execute();
}

/** A pending extension request of the task's host unit, asked by the given person. */
export async function setExtension(fx: ApiFixture, task: TaskKey, author: PersonKey): Promise<number> {
  await clearRequests(fx, task);
  const taskId = fx.tasks[task].id;
  const now = new Date().toISOString();
  const row = await fx.store.db
    .insertInto('extension_requests')
    .values({
      government_id: fx.governmentId,
      task_id: taskId,
      unit_id: fx.units[task].id,
      requested_by: fx.userIds[author],
      reason: '主体工程受汛期影响顺延。',
      from_deadline: imported.get(taskId)?.deadline ?? null,
      to_deadline: laterDeadline(),
      status: 'pending',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const described = (task: TaskKey): string =>
  task === 'a' ? `task hosted by ${UNIT_A}, led by ${LEADER}` : `task hosted by ${UNIT_B} and ${OTHER_HOST_OF_B}, led by ${LEADER_OF_B} (no account)`;

const newRevision = (task: TaskKey): Variant => ({
  object: `new revision of the plan of the ${described(task)}`,
  request: async ({ fx }) => {
    await clearOpenPlans(fx, task);
    return { url: `/api/tasks/${fx.tasks[task].id}/workplans`, body: task === 'b' ? { unitId: fx.units.b.id } : {} };
  },
  allowed: (who) => planRules.write(who, MODEL[task]),
  audited: true,
});

const planStep = (
  task: TaskKey,
  step: string,
  state: { status: string; author: PersonKey },
  allowed: (who: SignedIn) => boolean,
  body?: (version: number) => unknown,
): Variant => ({
  object: `${state.status} plan of the ${described(task)}, written by ${state.author}`,
  request: async ({ fx }) => {
    const plan = await setWorkPlan(fx, task, state);
    return { url: `/api/workplans/${plan.id}${step === '' ? '' : `/${step}`}`, ...(body ? { body: body(plan.version) } : {}) };
  },
  allowed,
  audited: true,
});

const requestFor = (task: TaskKey): Variant => ({
  object: `extension of the ${described(task)}`,
  request: async ({ fx }) => {
    await clearRequests(fx, task);
    return { url: `/api/tasks/${fx.tasks[task].id}/extensions`, body: { reason: '主体工程受汛期影响顺延。', newDeadline: laterDeadline() } };
  },
  allowed: (who) => planRules.request(who, MODEL[task]),
  audited: true,
});

const decision = (task: TaskKey, step: 'approve' | 'reject', author: PersonKey): Variant => ({
  object: `pending extension of the ${described(task)}, asked by ${author}`,
  request: async ({ fx }) => {
    const id = await setExtension(fx, task, author);
    return { url: `/api/extensions/${id}/${step}`, body: step === 'reject' ? { comment: '时限不变，请加快推进。' } : {} };
  },
  allowed: (who) => planRules.decide(who, MODEL[task], author),
  audited: true,
  restore: async ({ fx }: Ctx) => {
    await restoreDeadline(fx, task);
    return undefined;
  },
});

export const MATRIX: Record<string, Variant[]> = {
  'GET /api/tasks/:id/workplans': [
    {
      object: `plans of the ${described('b')}, only the visible ones listed`,
      request: async ({ fx }) => {
        await setWorkPlan(fx, 'b', { status: 'draft', author: 'liaisonB' });
        return { url: `/api/tasks/${fx.tasks.b.id}/workplans` };
      },
      allowed: rules.readLedger,
    },
  ],
  'POST /api/tasks/:id/workplans': [newRevision('b'), newRevision('a')],
  'GET /api/workplans/:id': [
    {
      object: `draft plan of ${UNIT_B}`,
      request: async ({ fx }) => ({ url: `/api/workplans/${(await setWorkPlan(fx, 'b', { status: 'draft', author: 'liaisonB' })).id}` }),
      allowed: (who) => rules.readDraft(who, PLAN_TASK_B, UNIT_B),
    },
    {
      object: `approved plan of ${UNIT_B} (ledger)`,
      request: async ({ fx }) => ({ url: `/api/workplans/${(await setWorkPlan(fx, 'b', { status: 'approved', author: 'liaisonB' })).id}` }),
      allowed: rules.readLedger,
    },
  ],
  'PATCH /api/workplans/:id': [
    planStep(
      'b',
      '',
      { status: 'draft', author: 'liaisonB' },
      (who) => planRules.write(who, PLAN_TASK_B),
      (version) => ({ version, measures: '细化为四个季度的推进计划。' }),
    ),
    planStep(
      'a',
      '',
      { status: 'returned', author: 'liaisonA' },
      (who) => planRules.write(who, PLAN_TASK_A),
      (version) => ({ version, measures: '按退回意见补充季度营收计划。' }),
    ),
  ],
  'POST /api/workplans/:id/submit': [
    planStep('a', 'submit', { status: 'draft', author: 'liaisonA' }, (who) => planRules.submit(who, PLAN_TASK_A)),
    planStep('b', 'submit', { status: 'draft', author: 'liaisonB' }, (who) => planRules.submit(who, PLAN_TASK_B)),
  ],
  'POST /api/workplans/:id/approve': [
    planStep(
      'a',
      'approve',
      { status: 'submitted', author: 'liaisonA' },
      (who) => planRules.decide(who, PLAN_TASK_A, 'liaisonA'),
      () => ({}),
    ),
    planStep(
      'a',
      'approve',
      { status: 'submitted', author: 'office' },
      (who) => planRules.decide(who, PLAN_TASK_A, 'office'),
      () => ({ comment: '同意。' }),
    ),
    planStep(
      'b',
      'approve',
      { status: 'submitted', author: 'liaisonB' },
      (who) => planRules.decide(who, PLAN_TASK_B, 'liaisonB'),
      () => ({}),
    ),
  ],
  'POST /api/workplans/:id/return': [
    planStep(
      'a',
      'return',
      { status: 'submitted', author: 'liaisonA' },
      (who) => planRules.decide(who, PLAN_TASK_A, 'liaisonA'),
      () => ({ comment: '请补充季度营收计划。' }),
    ),
    planStep(
      'b',
      'return',
      { status: 'submitted', author: 'liaisonB' },
      (who) => planRules.decide(who, PLAN_TASK_B, 'liaisonB'),
      () => ({ comment: '请补充季度营收计划。' }),
    ),
  ],
  'POST /api/tasks/:id/extensions': [requestFor('b'), requestFor('a')],
  'GET /api/extensions': [
    {
      object: `requests on the ${described('b')}, only the visible ones listed`,
      request: async ({ fx }) => {
        await setExtension(fx, 'b', 'liaisonB');
        return { url: `/api/extensions?taskId=${fx.tasks.b.id}&status=pending` };
      },
      allowed: rules.readLedger,
    },
  ],
  'POST /api/extensions/:id/approve': [decision('a', 'approve', 'liaisonA'), decision('b', 'approve', 'liaisonB')],
  'POST /api/extensions/:id/reject': [decision('a', 'reject', 'headA'), decision('b', 'reject', 'liaisonB')],
};
