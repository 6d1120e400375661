/** Ladder cases of the desk routes; merged into test/server/ladder.test.ts through areas.ts. */
import { PASSWORD_DUE, type LadderCase } from './ladder-case.js';

export const LADDER: Record<string, LadderCase> = {
  'GET /api/workplans': {
    valid: () => ({ url: '/api/workplans?awaiting=me' }),
    invalid: () => ({ url: '/api/workplans?awaiting=everyone' }),
    may: 'leader',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/events': {
    valid: (fx) => ({ url: `/api/events?limit=20&planId=${fx.planId}` }),
    invalid: () => ({ url: '/api/events?limit=500' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/desk': {
    valid: () => ({ url: '/api/desk' }),
    invalid: { skip: 'no parameters: nothing the caller sends can be malformed' },
    may: 'liaisonA',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/desk/counts': {
    valid: () => ({ url: '/api/desk/counts' }),
    invalid: { skip: 'no parameters: nothing the caller sends can be malformed' },
    may: 'liaisonA',
    mayNot: PASSWORD_DUE,
  },
};
