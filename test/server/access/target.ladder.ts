/** Ladder cases of the target routes (指标调整); merged into test/server/ladder.test.ts through areas.ts. */
import { PASSWORD_DUE, type LadderCase } from './ladder-case.js';
import { clearTargetChanges, firstTarget, setTargetChange, targetsNow } from './target.matrix.js';

export const LADDER: Record<string, LadderCase> = {
  'GET /api/tasks/:id/targets': {
    valid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}/targets` }),
    invalid: () => ({ url: '/api/tasks/first/targets' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/tasks/:id/targets/history': {
    valid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}/targets/history` }),
    invalid: () => ({ url: '/api/tasks/0/targets/history' }),
    may: 'liaisonB',
    mayNot: PASSWORD_DUE,
  },
  'PATCH /api/targets/:id': {
    valid: async (fx) => {
      const t = await firstTarget(fx, 'a');
      return { url: `/api/targets/${t.id}`, body: { version: t.version, measured: t.measured !== 1, reason: '属长远目标。' } };
    },
    invalid: (fx) => ({ url: `/api/targets/${fx.tasks.a.id}`, body: { version: 1, kind: 'percentage', reason: '改类型。' } }),
    may: 'office',
    mayNot: 'leader',
  },
  'POST /api/targets/:id/split': {
    valid: async (fx) => {
      const t = await firstTarget(fx, 'a');
      const into = [
        { metric: '一期', kind: 'count', value: 1 },
        { metric: '二期', kind: 'count', value: 2 },
      ];
      return { url: `/api/targets/${t.id}/split`, body: { version: t.version, into, reason: '分期考核。' } };
    },
    invalid: (fx) => ({ url: `/api/targets/${fx.tasks.a.id}/split`, body: { version: 1, into: [{ metric: '一期', kind: 'count' }], reason: '分期。' } }),
    may: 'office',
    mayNot: 'headA',
  },
  'POST /api/targets/:id/retire': {
    valid: async (fx) => {
      const t = await firstTarget(fx, 'a');
      return { url: `/api/targets/${t.id}/retire`, body: { version: t.version, reason: '重复。' } };
    },
    invalid: (fx) => ({ url: `/api/targets/${fx.tasks.a.id}/retire`, body: { version: 1, reason: '重复。', force: true } }),
    may: 'office',
    mayNot: 'liaisonA',
  },
  'POST /api/tasks/:id/targets': {
    valid: (fx) => ({
      url: `/api/tasks/${fx.tasks.a.id}/targets`,
      body: { target: { metric: '新增企业', kind: 'count', value: 5, unit: '家' }, reason: '增列。' },
    }),
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}/targets`, body: { target: { metric: '新增企业', kind: 'count', value: 1e13 }, reason: '增列。' } }),
    may: 'office',
    mayNot: 'observer',
  },
  'POST /api/tasks/:id/targets/merge': {
    valid: async (fx) => {
      await clearTargetChanges(fx, 'a');
      const [x, y] = await targetsNow(fx, 'a');
      const targets = [x, y].map((t) => ({ id: t?.id ?? 0, version: t?.version ?? 0 }));
      return { url: `/api/tasks/${fx.tasks.a.id}/targets/merge`, body: { targets, into: { metric: '合并', kind: 'count', value: 3 }, reason: '合并。' } };
    },
    invalid: (fx) => ({
      url: `/api/tasks/${fx.tasks.a.id}/targets/merge`,
      body: { targets: [1, 2], into: { metric: '合并', kind: 'count', value: 3 }, reason: '合并。' },
    }),
    may: 'office',
    mayNot: 'headA',
  },
  'GET /api/target-changes': {
    valid: () => ({ url: '/api/target-changes?awaiting=me' }),
    invalid: () => ({ url: '/api/target-changes?awaiting=everyone' }),
    may: 'leader',
    mayNot: PASSWORD_DUE,
  },
  'POST /api/target-changes/:id/approve': {
    valid: async (fx) => ({ url: `/api/target-changes/${await setTargetChange(fx, 'a', 'office')}/approve`, body: { comment: '同意。' } }),
    invalid: () => ({ url: '/api/target-changes/first/approve', body: {} }),
    may: 'leader',
    mayNot: 'office',
  },
  'POST /api/target-changes/:id/reject': {
    valid: async (fx) => ({ url: `/api/target-changes/${await setTargetChange(fx, 'a', 'office')}/reject`, body: { comment: '不同意。' } }),
    invalid: (fx) => ({ url: `/api/target-changes/${fx.tasks.a.id}/reject`, body: { comment: '' } }),
    may: 'leader',
    mayNot: 'liaisonA',
  },
  'POST /api/target-changes/:id/withdraw': {
    valid: async (fx) => ({ url: `/api/target-changes/${await setTargetChange(fx, 'a', 'office')}/withdraw` }),
    invalid: () => ({ url: '/api/target-changes/0/withdraw' }),
    may: 'office',
    mayNot: 'leader',
  },
};
