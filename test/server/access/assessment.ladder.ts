/** Ladder cases of the routes of this area; merged into test/server/ladder.test.ts through areas.ts. */
import type { LadderCase } from './ladder-case.js';

export const LADDER: Record<string, LadderCase> = {
  'GET /api/assessment': {
    valid: (fx) => ({ url: `/api/assessment?planId=${fx.planId}&asOf=2026-06-30` }),
    invalid: (fx) => ({ url: `/api/assessment?planId=${fx.planId}&asOf=2026-6-30` }),
    may: 'observer',
    // assessment.read: the ledger's people, not the three administrators.
    mayNot: 'auditor',
  },
  'GET /api/assessment/units/:id': {
    valid: (fx) => ({ url: `/api/assessment/units/${fx.units.b.id}?asOf=2026-06-30` }),
    invalid: (fx) => ({ url: `/api/assessment/units/${fx.units.b.id}?rank=1` }),
    may: 'liaisonA',
    mayNot: 'sysadmin',
  },
};
