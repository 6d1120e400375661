/** Ladder cases of the plan archive routes; merged into test/server/ladder.test.ts through areas.ts. */
import type { LadderCase } from './ladder-case.js';
import { sparePlan } from './plan-archive.cases.js';

export const LADDER: Record<string, LadderCase> = {
  'POST /api/plans/:id/archive': {
    valid: async (fx) => {
      const plan = await sparePlan(fx, false);
      return { url: `/api/plans/${plan.id}/archive`, body: { version: plan.version, reason: '年度结束' } };
    },
    invalid: (fx) => ({ url: `/api/plans/${fx.planId}/archive`, body: { version: 1 } }),
    may: 'office',
    mayNot: 'headA',
  },
  'POST /api/plans/:id/restore': {
    valid: async (fx) => {
      const plan = await sparePlan(fx, true);
      return { url: `/api/plans/${plan.id}/restore`, body: { version: plan.version, reason: '补录' } };
    },
    invalid: (fx) => ({ url: `/api/plans/${fx.planId}/restore`, body: { version: 'one', reason: '补录' } }),
    may: 'office',
    mayNot: 'leader',
  },
};
