/** Access matrix variants of the routes of this area; merged into test/server/matrix.test.ts through areas.ts. */
import type { SignedIn, Variant } from './matrix-rules.js';

/** From the table in src/modules/auth/actions.ts: ledger.read (the ledger, its export included) is every signed-in role's. */
const readsLedger = (_who: SignedIn): boolean => true;

export const MATRIX: Record<string, Variant[]> = {
  'GET /api/ledger.xlsx': [
    { request: ({ fx }) => ({ url: `/api/ledger.xlsx?planId=${fx.planId}&asOf=2026-06-30` }), allowed: readsLedger },
    {
      object: 'one sheet per section',
      request: ({ fx }) => ({ url: `/api/ledger.xlsx?planId=${fx.planId}&bySection=true&asOf=2026-06-30` }),
      allowed: readsLedger,
    },
  ],
};
