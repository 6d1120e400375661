/**
 * Access matrix variants of the routes of governments and tasks handed down (下达, 承接, 汇总; ADR 0031); merged
 * into test/server/matrix.test.ts through areas.ts. The rules below are written from the issue, not from the
 * code's tables:
 *
 * - the governments one may see are the ledger's: every signed-in user not held back by a password change;
 * - the office alone hands a task down (task.assign) and gives a task from above to its units (task.update);
 * - the office and the leaders read what the lower governments did with it (assignment.read), whoever leads the task.
 *
 * The single-government fixture has no government above or below it: governmentTree() puts one of each around it
 * once, behind the API (the operator at the command line): a government above that has handed one of its tasks
 * down to the fixture's government (a task from above, for PUT …/owners), and a government below to which the
 * fixture's government has handed one of its own tasks (neither task a nor task b, which the other areas use).
 */
import { readFileSync } from 'node:fs';
import { systemActor } from '../../../src/domain/actor.js';
import { assignTask } from '../../../src/modules/assignment/assignment.service.js';
import { addGovernment } from '../../../src/modules/government/government-tree.service.js';
import { listGovernments, setGovernmentNode } from '../../../src/modules/government/government.repository.js';
import { commitImport } from '../../../src/modules/plan/plan.service.js';
import { listTasks } from '../../../src/modules/task/task.repository.js';
import { samplePath } from '../../helpers/paths.js';
import { taskVersion, uniqueName, UNIT_B, type ApiFixture } from '../api-fixture.js';
import type { SignedIn, Variant } from './matrix-rules.js';

export const governmentRules = {
  /** The governments one may see (own, above, and for the office and leaders below): a read of the ledger. */
  listGovernments: (_who: SignedIn): boolean => true,
  /** 下达: the office of the task's government. */
  assign: (who: SignedIn): boolean => who === 'office',
  /** 汇总: the office and the leaders of the upper government. */
  readRollup: (who: SignedIn): boolean => who === 'office' || who === 'leader',
  /** 承接: the office gives a task from above to its own units and leaders. */
  setOwners: (who: SignedIn): boolean => who === 'office',
} as const;

export const UPPER_NAME = '矩阵上级人民政府';
export const LOWER_NAME = '矩阵下级人民政府';

export interface GovernmentTree {
  /** The fixture's government's name (given here when the notice left it without one). */
  ownName: string;
  upperId: number;
  lowerId: number;
  /** A task of the fixture's government handed down to the lower government. */
  assignedTaskId: number;
  /** The task the upper government handed down to the fixture's government, as it stands in the fixture's ledger. */
  fromAboveTaskId: number;
}

const trees = new WeakMap<ApiFixture, Promise<GovernmentTree>>();

/** The governments above and below the fixture's, made once per fixture. */
export function governmentTree(fx: ApiFixture): Promise<GovernmentTree> {
  let tree = trees.get(fx);
  if (!tree) {
    tree = buildTree(fx);
    trees.set(fx, tree);
  }
  return tree;
}

async function buildTree(fx: ApiFixture): Promise<GovernmentTree> {
  const db = fx.store.db;
  const own = (await listGovernments(db)).find((g) => g.id === fx.governmentId);
  if (!own) throw new Error('the fixture has no government');
  // A government without a name would take the first name given instead of getting one above it.
  const ownName = own.name === '' ? '矩阵本级人民政府' : own.name;
  const upper = await addGovernment(db, fx.operator, { name: UPPER_NAME });
  await setGovernmentNode(db, fx.governmentId, ownName, upper.id);
  const lower = await addGovernment(db, fx.operator, { name: LOWER_NAME, parentName: ownName });

  // The upper government's own ledger (the sample notice), one of its tasks handed down to the fixture's government.
  const upperActor = systemActor(upper.id, 'test-operator');
  const bytes = new Uint8Array(readFileSync(samplePath('notice.txt')));
  const imported = await commitImport(fx.store, upperActor, { fileName: 'notice.txt', bytes, units: readFileSync(samplePath('units.json'), 'utf8') });
  const [upperTask] = await listTasks(db, upper.id, { planId: imported.planId });
  if (!upperTask) throw new Error('the upper government has no task');
  const down = await assignTask(db, upperActor, upperTask.id, { governmentIds: [fx.governmentId] });
  const fromAboveTaskId = down.items[0]?.taskId;
  if (fromAboveTaskId === undefined) throw new Error('the task from above was not made');

  const ownTasks = await listTasks(db, fx.governmentId, { planId: fx.planId });
  const handed = ownTasks.find((t) => t.status === 'active' && !t.source && t.id !== fx.tasks.a.id && t.id !== fx.tasks.b.id);
  if (!handed) throw new Error('the fixture has no spare task to hand down');
  await assignTask(db, fx.operator, handed.id, { governmentIds: [lower.id] });
  return { ownName, upperId: upper.id, lowerId: lower.id, assignedTaskId: handed.id, fromAboveTaskId };
}

/** A government of its own below the fixture's, for each request that hands a task down. */
export async function freshLowerGovernment(fx: ApiFixture): Promise<number> {
  const tree = await governmentTree(fx);
  return (await addGovernment(fx.store.db, fx.operator, { name: uniqueName('矩阵乡镇'), parentName: tree.ownName })).id;
}

/** The owners of the task from above, at the version it has now: unit B hosts it, no leader, no co-unit. */
export async function ownersRequest(
  fx: ApiFixture,
): Promise<{ url: string; body: { version: number; leaderIds: number[]; hostUnitIds: number[]; coUnitIds: number[] } }> {
  const tree = await governmentTree(fx);
  return {
    url: `/api/tasks/${tree.fromAboveTaskId}/owners`,
    body: { version: await taskVersion(fx, tree.fromAboveTaskId), leaderIds: [], hostUnitIds: [fx.units.b.id], coUnitIds: [] },
  };
}

export const MATRIX: Record<string, Variant[]> = {
  'GET /api/governments': [
    {
      object: 'own government, the one above and the one below',
      request: async ({ fx }) => {
        await governmentTree(fx);
        return { url: '/api/governments' };
      },
      allowed: governmentRules.listGovernments,
    },
  ],
  'POST /api/tasks/:id/assignments': [
    {
      object: 'a task of its own government, to a government below',
      request: async ({ fx }) => {
        const tree = await governmentTree(fx);
        return { url: `/api/tasks/${tree.assignedTaskId}/assignments`, body: { governmentIds: [await freshLowerGovernment(fx)] } };
      },
      allowed: governmentRules.assign,
      success: 201,
      audited: true,
    },
  ],
  'GET /api/tasks/:id/assignments': [
    {
      object: 'a task handed down to the government below',
      request: async ({ fx }) => ({ url: `/api/tasks/${(await governmentTree(fx)).assignedTaskId}/assignments` }),
      allowed: governmentRules.readRollup,
    },
  ],
  'GET /api/tasks/:id/rollup': [
    {
      object: 'a task handed down to the government below',
      request: async ({ fx }) => ({ url: `/api/tasks/${(await governmentTree(fx)).assignedTaskId}/rollup?asOf=2026-06-30` }),
      allowed: governmentRules.readRollup,
    },
  ],
  'GET /api/rollup': [
    {
      object: 'the governments below',
      request: async ({ fx }) => {
        await governmentTree(fx);
        return { url: '/api/rollup?asOf=2026-06-30' };
      },
      allowed: governmentRules.readRollup,
    },
  ],
  'GET /api/governments/:id/assigned': [
    {
      object: 'the government below',
      request: async ({ fx }) => ({ url: `/api/governments/${(await governmentTree(fx)).lowerId}/assigned?asOf=2026-06-30` }),
      allowed: governmentRules.readRollup,
    },
  ],
  'PUT /api/tasks/:id/owners': [
    {
      object: `a task from the government above, given to ${UNIT_B}`,
      request: ({ fx }) => ownersRequest(fx),
      allowed: governmentRules.setOwners,
      audited: true,
    },
  ],
  'GET /api/tasks/:id/links': [
    {
      object: 'a task from the government above',
      request: async ({ fx }) => ({ url: `/api/tasks/${(await governmentTree(fx)).fromAboveTaskId}/links` }),
      allowed: governmentRules.listGovernments,
    },
  ],
  'GET /api/tasks/:id/link-proposals': [
    {
      object: 'a task from the government above',
      request: async ({ fx }) => ({ url: `/api/tasks/${(await governmentTree(fx)).fromAboveTaskId}/link-proposals` }),
      allowed: governmentRules.setOwners,
    },
  ],
  'PUT /api/tasks/:id/links': [
    {
      object: 'a task from the government above, taken up by one of its own',
      request: ({ fx }) => linksRequest(fx),
      allowed: governmentRules.setOwners,
      audited: true,
      restore: async ({ fx }) => {
        await clearLinks(fx);
        return undefined;
      },
    },
  ],
};

/** The task from above taken up by task b of the fixture's own notice. */
export async function linksRequest(fx: ApiFixture): Promise<{ url: string; body: { taskIds: number[] } }> {
  const tree = await governmentTree(fx);
  return { url: `/api/tasks/${tree.fromAboveTaskId}/links`, body: { taskIds: [fx.tasks.b.id] } };
}

/** Puts the links back behind the API (set-up, not a step of the flow), so that the next request changes them again. */
export async function clearLinks(fx: ApiFixture): Promise<void> {
  const tree = await governmentTree(fx);
  await fx.store.db
    .deleteFrom('task_links')
    .where('assignment_id', 'in', (eb) => eb.selectFrom('task_assignments').select('id').where('task_id', '=', tree.fromAboveTaskId))
    .execute();
}
