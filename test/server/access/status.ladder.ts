/** Ladder cases of the routes of this area; merged into test/server/ladder.test.ts through areas.ts. */
import { roundOpener } from '../../../src/modules/round/round.service.js';
import { uniqueName, type ApiFixture } from '../api-fixture.js';
import { PASSWORD_DUE, type LadderCase } from './ladder-case.js';

/** A round of its own for each request that closes one. */
export async function freshRound(fx: ApiFixture): Promise<{ id: number; version: number }> {
  const { round } = await roundOpener.open(fx.store.db, fx.operator, {
    planId: fx.planId,
    kind: 'adhoc',
    label: uniqueName('待结束调度'),
    periodEnd: '2026-05-31',
    dueOn: '2026-06-05',
  });
  return { id: round.id, version: round.version };
}

export const LADDER: Record<string, LadderCase> = {
  'GET /api/dashboard': {
    valid: (fx) => ({ url: `/api/dashboard?planId=${fx.planId}&asOf=2026-06-30` }),
    invalid: () => ({ url: '/api/dashboard?asOf=yesterday' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/lights': {
    valid: (fx) => ({ url: `/api/lights?planId=${fx.planId}&asOf=2026-06-30` }),
    invalid: () => ({ url: '/api/lights?asOf=2026-02-30' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/tasks/:id/status': {
    valid: (fx) => ({ url: `/api/tasks/${fx.tasks.b.id}/status?asOf=2026-06-30` }),
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.b.id}/status?asOf=30/06/2026` }),
    may: 'liaisonA',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/light-history': {
    valid: (fx) => ({ url: `/api/light-history?taskIds=${fx.tasks.a.id},${fx.tasks.b.id}` }),
    invalid: (fx) => ({ url: `/api/light-history?taskIds=${fx.tasks.a.id};${fx.tasks.b.id}` }),
    may: 'liaisonA',
    mayNot: PASSWORD_DUE,
  },
  'POST /api/rounds/:id/close': {
    valid: async (fx) => {
      const round = await freshRound(fx);
      return { url: `/api/rounds/${round.id}/close`, body: { version: round.version } };
    },
    invalid: (fx) => ({ url: `/api/rounds/${fx.roundId}/close`, body: { version: 1, force: true } }),
    may: 'office',
    mayNot: 'headA',
  },
};
