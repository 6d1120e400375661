/** Ladder cases of the routes of this area; merged into test/server/ladder.test.ts through areas.ts. */
import { PASSWORD_DUE, type LadderCase } from './ladder-case.js';

export const LADDER: Record<string, LadderCase> = {
  'GET /api/ledger.xlsx': {
    valid: (fx) => ({ url: `/api/ledger.xlsx?planId=${fx.planId}&bySection=true&asOf=2026-06-30` }),
    invalid: () => ({ url: '/api/ledger.xlsx?bySection=maybe' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
};
