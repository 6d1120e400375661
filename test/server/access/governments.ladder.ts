/** Ladder cases of the routes of governments and tasks handed down (ADR 0031); merged into test/server/ladder.test.ts through areas.ts. */
import { PASSWORD_DUE, type LadderCase } from './ladder-case.js';
import { clearLinks, freshLowerGovernment, governmentTree, linksRequest, ownersRequest } from './governments.matrix.js';

export const LADDER: Record<string, LadderCase> = {
  'GET /api/governments': {
    valid: () => ({ url: '/api/governments' }),
    invalid: { skip: 'GET without parameters, query or body: nothing to get wrong' },
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'POST /api/tasks/:id/assignments': {
    valid: async (fx) => {
      const tree = await governmentTree(fx);
      return { url: `/api/tasks/${tree.assignedTaskId}/assignments`, body: { governmentIds: [await freshLowerGovernment(fx)] } };
    },
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}/assignments`, body: { governmentIds: [], everyone: true } }),
    may: 'office',
    mayNot: 'leader',
    success: 201,
  },
  'GET /api/tasks/:id/assignments': {
    valid: async (fx) => ({ url: `/api/tasks/${(await governmentTree(fx)).assignedTaskId}/assignments` }),
    invalid: () => ({ url: '/api/tasks/first/assignments' }),
    may: 'leader',
    mayNot: 'headA',
  },
  'GET /api/tasks/:id/rollup': {
    valid: async (fx) => ({ url: `/api/tasks/${(await governmentTree(fx)).assignedTaskId}/rollup?asOf=2026-06-30` }),
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}/rollup?asOf=30/06/2026` }),
    may: 'office',
    mayNot: 'observer',
  },
  'GET /api/rollup': {
    valid: async (fx) => {
      await governmentTree(fx);
      return { url: '/api/rollup?asOf=2026-06-30' };
    },
    invalid: () => ({ url: '/api/rollup?asOf=yesterday' }),
    may: 'leader',
    mayNot: 'liaisonA',
  },
  'GET /api/governments/:id/assigned': {
    valid: async (fx) => ({ url: `/api/governments/${(await governmentTree(fx)).lowerId}/assigned` }),
    invalid: () => ({ url: '/api/governments/below/assigned' }),
    may: 'office',
    mayNot: 'auditor',
  },
  'PUT /api/tasks/:id/owners': {
    valid: (fx) => ownersRequest(fx),
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}/owners`, body: { version: 1, leaderIds: [], hostUnitIds: 'all', coUnitIds: [] } }),
    may: 'office',
    mayNot: 'headA',
  },
  'GET /api/tasks/:id/links': {
    valid: async (fx) => ({ url: `/api/tasks/${(await governmentTree(fx)).fromAboveTaskId}/links` }),
    invalid: () => ({ url: '/api/tasks/above/links' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/tasks/:id/link-proposals': {
    valid: async (fx) => ({ url: `/api/tasks/${(await governmentTree(fx)).fromAboveTaskId}/link-proposals` }),
    invalid: () => ({ url: '/api/tasks/0/link-proposals' }),
    may: 'office',
    mayNot: 'leader',
  },
  'PUT /api/tasks/:id/links': {
    valid: async (fx) => {
      await clearLinks(fx);
      return linksRequest(fx);
    },
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}/links`, body: { taskIds: 'all' } }),
    may: 'office',
    mayNot: 'liaisonA',
  },
};
