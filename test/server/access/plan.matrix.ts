/**
 * Access matrix variants of the plan archive routes; merged into
 * test/server/matrix.test.ts through areas.ts. From the table in
 * src/modules/auth/actions.ts: archiving and restoring a plan is
 * plan.configure, the office's.
 */
import type { SignedIn, Variant } from './matrix-rules.js';
import { sparePlan } from './plan-archive.cases.js';

const configure = (who: SignedIn): boolean => who === 'office';

export const MATRIX: Record<string, Variant[]> = {
  'POST /api/plans/:id/archive': [
    {
      object: 'a plan in use',
      request: async ({ fx }) => {
        const plan = await sparePlan(fx, false);
        return { url: `/api/plans/${plan.id}/archive`, body: { version: plan.version, reason: '年度结束' } };
      },
      allowed: configure,
      audited: true,
    },
  ],
  'POST /api/plans/:id/restore': [
    {
      object: 'an archived plan',
      request: async ({ fx }) => {
        const plan = await sparePlan(fx, true);
        return { url: `/api/plans/${plan.id}/restore`, body: { version: plan.version, reason: '补录' } };
      },
      allowed: configure,
      audited: true,
    },
  ],
};
