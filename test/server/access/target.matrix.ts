/**
 * Access matrix variants of the target routes (指标调整); merged into
 * test/server/matrix.test.ts through areas.ts. The rules below are written
 * from the table in src/modules/auth/actions.ts:
 *
 * - target.change: the office alone changes a task's targets (after the
 *   fixture's round every change is a request) and withdraws a request;
 * - target.decide: the task's lead leader; the office only when the task has
 *   no lead leader; never whoever proposed the change;
 * - a task's targets, their history and the requests are the ledger's.
 *
 * The set-up helpers (also used by target.ladder.ts) put a task's requests
 * into the state a request needs, behind the API: pending ones are set aside
 * as withdrawn, never deleted.
 */
import { LEADER, UNIT_A, UNIT_B, type ApiFixture, type PersonKey, type TaskRef } from '../api-fixture.js';
import { rules, TASK_A, type SignedIn, type Variant } from './matrix-rules.js';

const LEADER_OF_B = '罗清禾';
const MODEL: Record<TaskKey, TaskRef> = { a: TASK_A, b: { id: 0, key: 'B', hostUnits: [UNIT_B], coUnits: [], leaders: [LEADER_OF_B] } };

export type TaskKey = 'a' | 'b';

export const targetRules = {
  change: (who: SignedIn): boolean => who === 'office',
  decide: (who: SignedIn, task: TaskRef, proposer: PersonKey): boolean =>
    who !== proposer && ((who === 'leader' && task.leaders.includes(LEADER)) || (who === 'office' && task.leaders.length === 0)),
} as const;

function modelsHold(fx: ApiFixture): void {
  const { a, b } = fx.tasks;
  const ok =
    a.hostUnits.includes(UNIT_A) &&
    a.leaders.includes(LEADER) &&
    b.hostUnits.includes(UNIT_B) &&
    b.leaders.includes(LEADER_OF_B) &&
    !b.leaders.includes(LEADER);
  if (!ok) throw new Error(`the fixture's tasks no longer match the target rules' models: ${JSON.stringify({ a, b })}`);
}

/** The task has no pending target change: a new one may be proposed. */
export async function clearTargetChanges(fx: ApiFixture, task: TaskKey): Promise<void> {
  modelsHold(fx);
  await fx.store.db
    .updateTable('target_change_requests')
    .set({ status: 'withdrawn' })
    .where('task_id', '=', fx.tasks[task].id)
    .where('status', '=', 'pending')
    .execute();
}

/** The task's targets in force, in order, with their versions. */
export async function targetsNow(fx: ApiFixture, task: TaskKey): Promise<{ id: number; version: number; measured: number }[]> {
  const rows = await fx.store.db
    .selectFrom('targets')
    .select(['id', 'version', 'measured'])
    .where('task_id', '=', fx.tasks[task].id)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (rows.length < 2) throw new Error(`task ${task} has fewer than two targets`);
  return rows;
}

/** The first target of the task with no pending change, as the editor reads it. */
export async function firstTarget(fx: ApiFixture, task: TaskKey): Promise<{ id: number; version: number; measured: number }> {
  await clearTargetChanges(fx, task);
  const [first] = await targetsNow(fx, task);
  if (!first) throw new Error(`task ${task} has no target`);
  return first;
}

/** A pending request to switch the measurement of the task's first target, proposed by the given person. */
export async function setTargetChange(fx: ApiFixture, task: TaskKey, proposer: PersonKey): Promise<number> {
  const target = await firstTarget(fx, task);
  const row = await fx.store.db.selectFrom('targets').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow();
  const state = {
    text: row.text,
    metric: row.metric,
    kind: row.kind,
    value: row.value,
    unit: row.unit,
    qualifiers: JSON.parse(row.qualifiers) as string[],
    scope: row.scope,
    measured: row.measured === 1,
    combine: row.combine,
    owners: [],
  };
  const now = new Date().toISOString();
  const inserted = await fx.store.db
    .insertInto('target_change_requests')
    .values({
      government_id: fx.governmentId,
      task_id: fx.tasks[task].id,
      op: 'edit',
      change: JSON.stringify({ op: 'edit', targetId: row.id, after: { ...state, measured: !state.measured } }),
      before: JSON.stringify([{ id: row.id, ...state, version: row.version }]),
      reason: '属长远目标，不按时序进度衡量。',
      proposed_by: fx.userIds[proposer],
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

const described = (task: TaskKey): string =>
  task === 'a' ? `a target of the task hosted by ${UNIT_A}, led by ${LEADER}` : `a target of the task hosted by ${UNIT_B}, led by ${LEADER_OF_B} (no account)`;

const edit = (task: TaskKey): Variant => ({
  object: described(task),
  request: async ({ fx }) => {
    const t = await firstTarget(fx, task);
    return { url: `/api/targets/${t.id}`, body: { version: t.version, measured: t.measured !== 1, reason: '属长远目标，不按时序进度衡量。' } };
  },
  allowed: targetRules.change,
  audited: true,
});

const decision = (task: TaskKey, step: 'approve' | 'reject', proposer: PersonKey): Variant => ({
  object: `pending change of ${described(task)}, proposed by ${proposer}`,
  request: async ({ fx }) => ({
    url: `/api/target-changes/${await setTargetChange(fx, task, proposer)}/${step}`,
    body: step === 'reject' ? { comment: '仍按时序进度衡量。' } : {},
  }),
  allowed: (who) => targetRules.decide(who, MODEL[task], proposer),
  audited: true,
});

export const MATRIX: Record<string, Variant[]> = {
  'GET /api/tasks/:id/targets': [
    { object: `the targets of the task hosted by ${UNIT_B}`, request: ({ fx }) => ({ url: `/api/tasks/${fx.tasks.b.id}/targets` }), allowed: rules.readLedger },
  ],
  'GET /api/tasks/:id/targets/history': [
    {
      object: `the target history of the task hosted by ${UNIT_B}`,
      request: ({ fx }) => ({ url: `/api/tasks/${fx.tasks.b.id}/targets/history` }),
      allowed: rules.readLedger,
    },
  ],
  'PATCH /api/targets/:id': [edit('b'), edit('a')],
  'POST /api/targets/:id/split': [
    {
      object: described('b'),
      request: async ({ fx }) => {
        const t = await firstTarget(fx, 'b');
        const into = [
          { metric: '开发区部分', kind: 'count', value: 6 },
          { metric: '新城部分', kind: 'count', value: 4 },
        ];
        return { url: `/api/targets/${t.id}/split`, body: { version: t.version, into, reason: '按园区分解。' } };
      },
      allowed: targetRules.change,
      audited: true,
    },
  ],
  'POST /api/targets/:id/retire': [
    {
      object: described('a'),
      request: async ({ fx }) => {
        const t = await firstTarget(fx, 'a');
        return { url: `/api/targets/${t.id}/retire`, body: { version: t.version, reason: '与另一指标重复。' } };
      },
      allowed: targetRules.change,
      audited: true,
    },
  ],
  'POST /api/tasks/:id/targets': [
    {
      object: `the task hosted by ${UNIT_B}`,
      request: ({ fx }) => ({
        url: `/api/tasks/${fx.tasks.b.id}/targets`,
        body: { target: { metric: '新增服务业企业', kind: 'count', value: 5, unit: '家' }, reason: '区政府常务会议增列。' },
      }),
      allowed: targetRules.change,
      audited: true,
    },
  ],
  'POST /api/tasks/:id/targets/merge': [
    {
      object: `two targets of the task hosted by ${UNIT_B}`,
      request: async ({ fx }) => {
        await clearTargetChanges(fx, 'b');
        const [x, y] = await targetsNow(fx, 'b');
        const targets = [x, y].map((t) => ({ id: t?.id ?? 0, version: t?.version ?? 0 }));
        return {
          url: `/api/tasks/${fx.tasks.b.id}/targets/merge`,
          body: { targets, into: { metric: '合并后的指标', kind: 'count', value: 10 }, reason: '合并考核。' },
        };
      },
      allowed: targetRules.change,
      audited: true,
    },
  ],
  'GET /api/target-changes': [
    {
      object: 'the changes awaiting the caller, only those the caller decides',
      request: async ({ fx }) => {
        await setTargetChange(fx, 'b', 'office');
        return { url: '/api/target-changes?awaiting=me' };
      },
      allowed: rules.readLedger,
    },
  ],
  'POST /api/target-changes/:id/approve': [decision('a', 'approve', 'office'), decision('b', 'approve', 'office')],
  'POST /api/target-changes/:id/reject': [decision('a', 'reject', 'office'), decision('b', 'reject', 'office')],
  'POST /api/target-changes/:id/withdraw': [
    {
      object: `pending change of ${described('a')}`,
      request: async ({ fx }) => ({ url: `/api/target-changes/${await setTargetChange(fx, 'a', 'office')}/withdraw`, body: {} }),
      allowed: targetRules.change,
      audited: true,
    },
  ],
};
