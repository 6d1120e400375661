/** Ladder cases of the bulletin routes (通报); merged into test/server/ladder.test.ts through areas.ts. */
import type { LadderCase } from './ladder-case.js';
import { bulletinIn } from './bulletin.matrix.js';

export const LADDER: Record<string, LadderCase> = {
  'GET /api/bulletins': {
    valid: (fx) => ({ url: `/api/bulletins?planId=${fx.planId}` }),
    invalid: () => ({ url: '/api/bulletins?planId=current' }),
    may: 'observer',
    mayNot: 'auditor',
  },
  'POST /api/bulletins': {
    valid: (fx) => ({ url: '/api/bulletins', body: { planId: fx.planId, period: '2026-03' } }),
    invalid: () => ({ url: '/api/bulletins', body: { period: '三月' } }),
    may: 'office',
    mayNot: 'headA',
    // The ladder type knows 200 and 204; a new draft is 201 Created.
    success: 201,
  },
  'GET /api/bulletins/:id': {
    valid: async (fx) => ({ url: `/api/bulletins/${(await bulletinIn(fx, 'issued')).id}` }),
    invalid: () => ({ url: '/api/bulletins/latest' }),
    may: 'liaisonB',
    mayNot: 'sysadmin',
  },
  'PATCH /api/bulletins/:id': {
    valid: async (fx) => {
      const b = await bulletinIn(fx, 'draft');
      return { url: `/api/bulletins/${b.id}`, body: { version: b.version, remarks: '请各单位抓紧推进。' } };
    },
    invalid: () => ({ url: '/api/bulletins/1', body: { version: 1, title: '改标题' } }),
    may: 'office',
    mayNot: 'leader',
  },
  'POST /api/bulletins/:id/issue': {
    valid: async (fx) => {
      const b = await bulletinIn(fx, 'draft');
      return { url: `/api/bulletins/${b.id}/issue`, body: { version: b.version } };
    },
    invalid: () => ({ url: '/api/bulletins/1/issue', body: { version: 'latest' } }),
    may: 'office',
    mayNot: 'headA',
  },
  'GET /api/bulletins/:id/docx': {
    valid: async (fx) => ({ url: `/api/bulletins/${(await bulletinIn(fx, 'issued')).id}/docx` }),
    invalid: () => ({ url: '/api/bulletins/first/docx' }),
    may: 'observer',
    mayNot: 'secadmin',
  },
  'GET /api/bulletins/:id/pdf': {
    valid: async (fx) => ({ url: `/api/bulletins/${(await bulletinIn(fx, 'issued')).id}/pdf` }),
    invalid: () => ({ url: '/api/bulletins/first/pdf' }),
    may: 'leader',
    mayNot: 'auditor',
  },
};
