/**
 * Access matrix variants of the supervision routes (settings, schedules,
 * notifications, orders); merged into test/server/matrix.test.ts through
 * areas.ts. The rules, from the table in src/modules/auth/actions.ts:
 *
 * - plan.configure (settings, schedules, the government's profile): the office;
 * - ledger.read (settings, schedules, the government's profile read): everyone signed in;
 * - session.self (one's own notifications): everyone signed in, also with a password change due;
 * - order.issue, order.close: the office;
 * - order.read: the office, the task's lead leaders and the ordered unit's head and liaison;
 * - order.respond: the ordered unit's head and liaison.
 */
import { systemActor } from '../../../src/domain/actor.js';
import { notify } from '../../../src/modules/notification/notification.service.js';
import { orderService } from '../../../src/modules/order/order.service.js';
import { setTaskSchedule } from '../../../src/modules/schedule/schedule.service.js';
import { loadPlanSettings } from '../../../src/modules/settings/settings.repository.js';
import { loadProfile } from '../../../src/modules/government/government.repository.js';
import { documentProfile } from '../../../src/modules/government/government.service.js';
import { LEADER, UNIT_A, UNIT_B, uniqueName, type ApiFixture, type PersonKey, type TaskRef } from '../api-fixture.js';
import { rules, TASK_A, TASK_B, UNIT_OF, type SignedIn, type Variant } from './matrix-rules.js';

const configure = (who: SignedIn): boolean => who === 'office';
const orderStaff = (who: SignedIn): boolean => who === 'office' || who === 'leader' || UNIT_OF[who] !== undefined;
const readOrder = (who: SignedIn, task: TaskRef, unit: string): boolean =>
  who === 'office' || (who === 'leader' && task.leaders.includes(LEADER)) || UNIT_OF[who] === unit;
const respondOrder = (who: SignedIn, unit: string): boolean => UNIT_OF[who] === unit;

export type OrderKey = 'a' | 'b';
const ORDER_MODEL: Record<OrderKey, { task: TaskRef; unit: string }> = { a: { task: TASK_A, unit: UNIT_A }, b: { task: TASK_B, unit: UNIT_B } };

/** A new order to unit A on task a or unit B on task b, put in the given state behind the API. */
export async function orderIn(fx: ApiFixture, key: OrderKey, status: 'issued' | 'signed' | 'answered' = 'issued'): Promise<number> {
  const operator = systemActor(fx.governmentId, 'test-operator');
  const order = await orderService.issue(fx.store.db, operator, {
    taskId: fx.tasks[key].id,
    unitId: fx.units[key].id,
    grade: 'blue',
    reason: '请加快推进进度',
  });
  if (status !== 'issued')
    await fx.store.db
      .updateTable('orders')
      .set({ status, ...(status === 'answered' ? { response: '已整改。' } : {}) })
      .where('id', '=', order.id)
      .execute();
  return order.id;
}

/** The government's profile as it stands, with its version (0 while none is stored): a PUT of it changes nothing but the version. */
export async function governmentBody(fx: ApiFixture): Promise<Record<string, unknown>> {
  const stored = await loadProfile(fx.store.db, fx.governmentId);
  return { version: stored?.version ?? 0, ...(await documentProfile(fx.store.db, fx.governmentId)) };
}

/** The version of the plan's settings now (0 while none are stored). */
export const settingsVersion = async (fx: ApiFixture): Promise<number> => (await loadPlanSettings(fx.store.db, fx.governmentId, fx.planId)).version;

/** Task b has a schedule of its own, so that removing it can succeed. */
export async function taskScheduleOn(fx: ApiFixture): Promise<string> {
  await setTaskSchedule(fx.store.db, systemActor(fx.governmentId, 'test-operator'), fx.tasks.b.id, { kind: 'quarterly', dueDay: 10, dueOffset: 'next' });
  return `/api/tasks/${fx.tasks.b.id}/schedule`;
}

/** A fresh notification of the person's own. */
export async function notificationOf(fx: ApiFixture, key: PersonKey): Promise<number> {
  const dedupeKey = uniqueName('test:');
  await fx.store.db
    .transaction()
    .execute((trx) =>
      notify(
        trx,
        fx.governmentId,
        [fx.userIds[key]],
        { kind: 'reminder_due', title: '催报：今天截止', body: '请于今日报送。', objectType: null, objectId: null, dedupeKey },
        new Date().toISOString(),
        {},
      ),
    );
  return (await fx.store.db.selectFrom('notifications').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow()).id;
}

const orderStep = (
  key: OrderKey,
  step: 'sign' | 'respond' | 'close',
  status: 'issued' | 'signed' | 'answered',
  allowed: (who: SignedIn) => boolean,
  body?: unknown,
): Variant => ({
  object: `${status} order to ${ORDER_MODEL[key].unit}`,
  request: async ({ fx }) => ({ url: `/api/orders/${await orderIn(fx, key, status)}/${step}`, ...(body === undefined ? {} : { body }) }),
  allowed,
  audited: true,
});

export const MATRIX: Record<string, Variant[]> = {
  'GET /api/plans/:id/settings': [{ request: ({ fx }) => ({ url: `/api/plans/${fx.planId}/settings` }), allowed: rules.readLedger }],
  'PUT /api/plans/:id/settings': [
    {
      request: async ({ fx }) => ({ url: `/api/plans/${fx.planId}/settings`, body: { version: await settingsVersion(fx), orders: { respondDays: 7 } } }),
      allowed: configure,
      audited: true,
    },
  ],
  'GET /api/government': [{ request: () => ({ url: '/api/government' }), allowed: rules.readLedger }],
  'PUT /api/government': [{ request: async ({ fx }) => ({ url: '/api/government', body: await governmentBody(fx) }), allowed: configure, audited: true }],
  'GET /api/schedules': [{ request: ({ fx }) => ({ url: `/api/schedules?planId=${fx.planId}` }), allowed: rules.readLedger }],
  'PUT /api/plans/:id/schedule': [
    {
      request: ({ fx }) => ({ url: `/api/plans/${fx.planId}/schedule`, body: { kind: 'monthly', dueDay: 25, dueOffset: 'same' } }),
      allowed: configure,
      audited: true,
    },
  ],
  'PUT /api/tasks/:id/schedule': [
    {
      object: `task hosted by ${UNIT_B}`,
      request: ({ fx }) => ({ url: `/api/tasks/${fx.tasks.b.id}/schedule`, body: { kind: 'quarterly', dueDay: 10, dueOffset: 'next' } }),
      allowed: configure,
      audited: true,
    },
  ],
  'DELETE /api/tasks/:id/schedule': [
    {
      object: `own schedule of a task hosted by ${UNIT_B}`,
      request: async ({ fx }) => ({ url: await taskScheduleOn(fx) }),
      allowed: configure,
      success: 204,
      audited: true,
    },
  ],
  'GET /api/notifications': [{ object: 'own notifications', request: () => ({ url: '/api/notifications?unread=true' }), allowed: 'signedIn' }],
  'POST /api/notifications/:id/read': [
    {
      object: 'own notification',
      request: async ({ fx, who }) => ({ url: `/api/notifications/${await notificationOf(fx, who === 'anonymous' ? 'spare' : who)}/read` }),
      allowed: 'signedIn',
    },
  ],
  'POST /api/notifications/read-all': [{ object: 'own notifications', request: () => ({ url: '/api/notifications/read-all' }), allowed: 'signedIn' }],
  'POST /api/orders': [
    {
      object: `${UNIT_B} on its task`,
      request: ({ fx }) => ({ url: '/api/orders', body: { taskId: fx.tasks.b.id, unitId: fx.units.b.id, grade: 'blue', reason: '报告逾期未报送' } }),
      allowed: configure,
      audited: true,
    },
  ],
  'GET /api/orders': [
    { object: `orders to ${UNIT_B}, only the visible ones listed`, request: ({ fx }) => ({ url: `/api/orders?unitId=${fx.units.b.id}` }), allowed: orderStaff },
  ],
  'GET /api/orders/:id': [
    {
      object: `order to ${UNIT_B}`,
      request: async ({ fx }) => ({ url: `/api/orders/${await orderIn(fx, 'b')}` }),
      allowed: (who) => readOrder(who, TASK_B, UNIT_B),
    },
    {
      object: `order to ${UNIT_A} on a task led by ${LEADER}`,
      request: async ({ fx }) => ({ url: `/api/orders/${await orderIn(fx, 'a')}` }),
      allowed: (who) => readOrder(who, TASK_A, UNIT_A),
    },
  ],
  'POST /api/orders/:id/sign': [
    orderStep('b', 'sign', 'issued', (who) => respondOrder(who, UNIT_B)),
    orderStep('a', 'sign', 'issued', (who) => respondOrder(who, UNIT_A)),
  ],
  'POST /api/orders/:id/respond': [
    orderStep('b', 'respond', 'signed', (who) => respondOrder(who, UNIT_B), { response: '已召开专题会研究整改。' }),
    orderStep('a', 'respond', 'issued', (who) => respondOrder(who, UNIT_A), { response: '已召开专题会研究整改。' }),
  ],
  'POST /api/orders/:id/close': [orderStep('b', 'close', 'answered', configure, { comment: '同意办结。' })],
};
