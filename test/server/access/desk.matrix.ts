/**
 * Access matrix variants of the desk routes; merged into test/server/matrix.test.ts through areas.ts.
 * Both read the ledger (ledger.read: every signed-in role); what each item shows is filtered per item.
 */
import { rules, type Variant } from './matrix-rules.js';

export const MATRIX: Record<string, Variant[]> = {
  'GET /api/workplans': [
    {
      object: 'the plans awaiting the caller, only those the caller decides',
      request: () => ({ url: '/api/workplans?awaiting=me' }),
      allowed: rules.readLedger,
    },
  ],
  'GET /api/events': [
    {
      object: 'the recent events, only those the caller may see',
      request: ({ fx }) => ({ url: `/api/events?planId=${fx.planId}` }),
      allowed: rules.readLedger,
    },
  ],
  'GET /api/desk': [
    {
      object: "the caller's desk: only what awaits the caller",
      request: () => ({ url: '/api/desk' }),
      allowed: rules.readLedger,
    },
  ],
  'GET /api/desk/counts': [
    {
      object: "the counts of the caller's desk",
      request: () => ({ url: '/api/desk/counts' }),
      allowed: rules.readLedger,
    },
  ],
};
