/** Access matrix variants of the routes of this area; merged into test/server/matrix.test.ts through areas.ts. */
import { UNIT_B } from '../api-fixture.js';
import type { SignedIn, Variant } from './matrix-rules.js';
import { freshRound } from './status.ladder.js';

/** From the table in src/modules/auth/actions.ts: ledger.read is every signed-in role's; round.manage (调度) the office's alone. */
const readsLedger = (_who: SignedIn): boolean => true;
const managesRounds = (who: SignedIn): boolean => who === 'office';

export const MATRIX: Record<string, Variant[]> = {
  'GET /api/dashboard': [{ request: ({ fx }) => ({ url: `/api/dashboard?planId=${fx.planId}&asOf=2026-06-30` }), allowed: readsLedger }],
  'GET /api/lights': [{ request: ({ fx }) => ({ url: `/api/lights?planId=${fx.planId}&asOf=2026-06-30` }), allowed: readsLedger }],
  'GET /api/tasks/:id/status': [
    { object: `task hosted by ${UNIT_B}`, request: ({ fx }) => ({ url: `/api/tasks/${fx.tasks.b.id}/status?asOf=2026-06-30` }), allowed: readsLedger },
  ],
  'GET /api/light-history': [
    {
      object: `tasks hosted by ${UNIT_B} and others`,
      request: ({ fx }) => ({ url: `/api/light-history?taskIds=${fx.tasks.b.id},${fx.tasks.a.id}` }),
      allowed: readsLedger,
    },
  ],
  'POST /api/rounds/:id/close': [
    {
      object: 'an open round',
      request: async ({ fx }) => {
        const round = await freshRound(fx);
        return { url: `/api/rounds/${round.id}/close`, body: { version: round.version } };
      },
      allowed: managesRounds,
      audited: true,
    },
  ],
};
