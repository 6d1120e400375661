/** Ladder cases of the work plan and extension routes; merged into test/server/ladder.test.ts through areas.ts. */
import { PASSWORD_DUE, type LadderCase } from './ladder-case.js';
import { clearOpenPlans, clearRequests, laterDeadline, restoreDeadline, setExtension, setWorkPlan } from './workplan.matrix.js';

export const LADDER: Record<string, LadderCase> = {
  'GET /api/tasks/:id/workplans': {
    valid: async (fx) => {
      await setWorkPlan(fx, 'a', { status: 'draft', author: 'liaisonA' });
      return { url: `/api/tasks/${fx.tasks.a.id}/workplans` };
    },
    invalid: () => ({ url: '/api/tasks/first/workplans' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'POST /api/tasks/:id/workplans': {
    valid: async (fx) => {
      await clearOpenPlans(fx, 'a');
      return { url: `/api/tasks/${fx.tasks.a.id}/workplans`, body: {} };
    },
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}/workplans`, body: { unitId: fx.units.a.id, revision: 3 } }),
    may: 'liaisonA',
    mayNot: 'liaisonB',
  },
  'GET /api/workplans/:id': {
    valid: async (fx) => ({ url: `/api/workplans/${(await setWorkPlan(fx, 'a', { status: 'draft', author: 'liaisonA' })).id}` }),
    invalid: () => ({ url: '/api/workplans/latest' }),
    may: 'leader',
    mayNot: 'liaisonB',
  },
  'PATCH /api/workplans/:id': {
    valid: async (fx) => {
      const plan = await setWorkPlan(fx, 'a', { status: 'draft', author: 'liaisonA' });
      return { url: `/api/workplans/${plan.id}`, body: { version: plan.version, measures: '建立链长制，按季度调度。' } };
    },
    invalid: (fx) => ({ url: `/api/workplans/${fx.tasks.a.id}`, body: { version: 1, milestones: [{ dueOn: '六月底', title: '开工', unitId: null }] } }),
    may: 'liaisonA',
    mayNot: 'liaisonB',
  },
  'POST /api/workplans/:id/submit': {
    valid: async (fx) => ({ url: `/api/workplans/${(await setWorkPlan(fx, 'a', { status: 'draft', author: 'liaisonA' })).id}/submit` }),
    invalid: () => ({ url: '/api/workplans/0/submit' }),
    may: 'headA',
    mayNot: 'liaisonA',
  },
  'POST /api/workplans/:id/approve': {
    valid: async (fx) => ({
      url: `/api/workplans/${(await setWorkPlan(fx, 'a', { status: 'submitted', author: 'liaisonA' })).id}/approve`,
      body: { comment: '同意。' },
    }),
    invalid: () => ({ url: '/api/workplans/0/approve', body: {} }),
    may: 'leader',
    mayNot: 'office',
  },
  'POST /api/workplans/:id/return': {
    valid: async (fx) => ({
      url: `/api/workplans/${(await setWorkPlan(fx, 'a', { status: 'submitted', author: 'liaisonA' })).id}/return`,
      body: { comment: '请补充季度计划。' },
    }),
    invalid: (fx) => ({ url: `/api/workplans/${fx.tasks.a.id}/return`, body: { comment: '' } }),
    may: 'leader',
    mayNot: 'headA',
  },
  'POST /api/tasks/:id/extensions': {
    valid: async (fx) => {
      await clearRequests(fx, 'a');
      return { url: `/api/tasks/${fx.tasks.a.id}/extensions`, body: { reason: '主体工程受汛期影响顺延。', newDeadline: laterDeadline() } };
    },
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}/extensions`, body: { reason: '顺延。', newDeadline: '明年三月' } }),
    may: 'liaisonA',
    mayNot: 'office',
  },
  'GET /api/extensions': {
    valid: (fx) => ({ url: `/api/extensions?taskId=${fx.tasks.a.id}` }),
    invalid: () => ({ url: '/api/extensions?status=maybe' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'POST /api/extensions/:id/approve': {
    valid: async (fx) => ({ url: `/api/extensions/${await setExtension(fx, 'a', 'liaisonA')}/approve`, body: {} }),
    invalid: () => ({ url: '/api/extensions/first/approve', body: {} }),
    may: 'leader',
    mayNot: 'office',
    restore: (fx) => restoreDeadline(fx, 'a'),
  },
  'POST /api/extensions/:id/reject': {
    valid: async (fx) => ({ url: `/api/extensions/${await setExtension(fx, 'a', 'liaisonA')}/reject`, body: { comment: '时限不变。' } }),
    invalid: (fx) => ({ url: `/api/extensions/${fx.tasks.a.id}/reject`, body: { comment: '时限不变。', newDeadline: '2027-01-31' } }),
    may: 'leader',
    mayNot: 'liaisonA',
  },
};
