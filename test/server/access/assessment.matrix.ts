/** Access matrix variants of the routes of this area; merged into test/server/matrix.test.ts through areas.ts. */
import { UNIT_A, UNIT_B } from '../api-fixture.js';
import type { SignedIn, Variant } from './matrix-rules.js';

/**
 * assessment.read (actions.ts): scores are the published outcome of the
 * year's supervision, so the office, the leaders, every unit's head and
 * liaison and the observers read all of them, any unit's statement included;
 * the three administrators run the system and read none.
 */
const readAssessment = (who: SignedIn): boolean => ['office', 'leader', 'headA', 'liaisonA', 'liaisonB', 'observer'].includes(who);

export const MATRIX: Record<string, Variant[]> = {
  'GET /api/assessment': [
    { object: 'ranking of the plan', request: ({ fx }) => ({ url: `/api/assessment?planId=${fx.planId}&asOf=2026-06-30` }), allowed: readAssessment },
  ],
  'GET /api/assessment/units/:id': [
    {
      object: `statement of ${UNIT_B}`,
      request: ({ fx }) => ({ url: `/api/assessment/units/${fx.units.b.id}?planId=${fx.planId}&asOf=2026-06-30` }),
      allowed: readAssessment,
    },
    { object: `statement of ${UNIT_A}`, request: ({ fx }) => ({ url: `/api/assessment/units/${fx.units.a.id}` }), allowed: readAssessment },
  ],
};
