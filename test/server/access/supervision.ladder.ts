/** Ladder cases of the supervision routes; merged into test/server/ladder.test.ts through areas.ts. */
import { PASSWORD_DUE, type LadderCase } from './ladder-case.js';
import { governmentBody, notificationOf, orderIn, settingsVersion, taskScheduleOn } from './supervision.matrix.js';

const SELF = { none: 'session.self: every signed-in user, even one whose password change is due, for their own notifications' };

export const LADDER: Record<string, LadderCase> = {
  'GET /api/plans/:id/settings': {
    valid: (fx) => ({ url: `/api/plans/${fx.planId}/settings` }),
    invalid: () => ({ url: '/api/plans/latest/settings' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'PUT /api/plans/:id/settings': {
    valid: async (fx) => ({ url: `/api/plans/${fx.planId}/settings`, body: { version: await settingsVersion(fx), reminders: { daysBefore: [3] } } }),
    invalid: (fx) => ({ url: `/api/plans/${fx.planId}/settings`, body: { version: 0, reminders: { weekly: true } } }),
    may: 'office',
    mayNot: 'headA',
  },
  'GET /api/government': {
    valid: () => ({ url: '/api/government' }),
    invalid: { skip: 'GET /api/government takes no parameters' },
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'PUT /api/government': {
    valid: async (fx) => ({ url: '/api/government', body: await governmentBody(fx) }),
    invalid: () => ({ url: '/api/government', body: { version: 0, name: '临河区人民政府', seal: '公章' } }),
    may: 'office',
    mayNot: 'leader',
  },
  'GET /api/schedules': {
    valid: (fx) => ({ url: `/api/schedules?planId=${fx.planId}` }),
    invalid: () => ({ url: '/api/schedules?planId=current' }),
    may: 'liaisonA',
    mayNot: PASSWORD_DUE,
  },
  'PUT /api/plans/:id/schedule': {
    valid: (fx) => ({ url: `/api/plans/${fx.planId}/schedule`, body: { kind: 'monthly', dueDay: 25, dueOffset: 'same' } }),
    invalid: (fx) => ({ url: `/api/plans/${fx.planId}/schedule`, body: { kind: 'weekly', dueDay: 5, dueOffset: 'same' } }),
    may: 'office',
    mayNot: 'leader',
  },
  'PUT /api/tasks/:id/schedule': {
    valid: (fx) => ({ url: `/api/tasks/${fx.tasks.b.id}/schedule`, body: { kind: 'quarterly', dueDay: 10, dueOffset: 'next' } }),
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.b.id}/schedule`, body: { kind: 'quarterly', dueDay: 0, dueOffset: 'next' } }),
    may: 'office',
    mayNot: 'headA',
  },
  'DELETE /api/tasks/:id/schedule': {
    valid: async (fx) => ({ url: await taskScheduleOn(fx) }),
    invalid: () => ({ url: '/api/tasks/first/schedule' }),
    may: 'office',
    mayNot: 'liaisonB',
    success: 204,
  },
  'GET /api/notifications': {
    valid: () => ({ url: '/api/notifications?unread=true' }),
    invalid: () => ({ url: '/api/notifications?unread=perhaps' }),
    may: 'pending',
    mayNot: SELF,
  },
  'POST /api/notifications/:id/read': {
    valid: async (fx) => ({ url: `/api/notifications/${await notificationOf(fx, 'observer')}/read` }),
    invalid: () => ({ url: '/api/notifications/latest/read' }),
    may: 'observer',
    mayNot: SELF,
  },
  'POST /api/notifications/read-all': {
    valid: () => ({ url: '/api/notifications/read-all' }),
    invalid: { skip: 'POST without parameters or body' },
    may: 'observer',
    mayNot: SELF,
  },
  'POST /api/orders': {
    valid: (fx) => ({ url: '/api/orders', body: { taskId: fx.tasks.a.id, unitId: fx.units.a.id, grade: 'blue', reason: '报告逾期未报送' } }),
    invalid: (fx) => ({ url: '/api/orders', body: { taskId: fx.tasks.a.id, unitId: fx.units.a.id, grade: 'green', reason: '报告逾期未报送' } }),
    may: 'office',
    mayNot: 'headA',
  },
  'GET /api/orders': {
    valid: (fx) => ({ url: `/api/orders?planId=${fx.planId}` }),
    invalid: () => ({ url: '/api/orders?status=lost' }),
    may: 'leader',
    mayNot: 'observer',
  },
  'GET /api/orders/:id': {
    valid: async (fx) => ({ url: `/api/orders/${await orderIn(fx, 'a')}` }),
    invalid: () => ({ url: '/api/orders/first' }),
    may: 'liaisonA',
    mayNot: 'liaisonB',
  },
  'POST /api/orders/:id/sign': {
    valid: async (fx) => ({ url: `/api/orders/${await orderIn(fx, 'a')}/sign` }),
    invalid: () => ({ url: '/api/orders/first/sign' }),
    may: 'liaisonA',
    mayNot: 'liaisonB',
  },
  'POST /api/orders/:id/respond': {
    valid: async (fx) => ({ url: `/api/orders/${await orderIn(fx, 'a', 'signed')}/respond`, body: { response: '已召开专题会研究整改。' } }),
    invalid: (fx) => ({ url: `/api/orders/${fx.tasks.a.id}/respond`, body: { response: '' } }),
    may: 'headA',
    mayNot: 'liaisonB',
  },
  'POST /api/orders/:id/close': {
    valid: async (fx) => ({ url: `/api/orders/${await orderIn(fx, 'a', 'answered')}/close`, body: { comment: '同意办结。' } }),
    invalid: (fx) => ({ url: `/api/orders/${fx.tasks.a.id}/close`, body: { comment: '同意办结。', grade: 'red' } }),
    may: 'office',
    mayNot: 'headA',
  },
};
