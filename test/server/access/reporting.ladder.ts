/**
 * Ladder cases of the reporting area's routes (evidence attachments, co-unit
 * inputs, voiding an accepted report, 销号); merged into test/server/ladder.test.ts through areas.ts. The
 * set-up helpers here are shared with reporting.matrix.ts.
 */
import { attachReport } from '../../../src/modules/attachment/attachment.service.js';
import { testFiles } from '../../helpers/files.js';
import { setReport, type ApiFixture } from '../api-fixture.js';
import type { LadderCase } from './ladder-case.js';

const EVIDENCE = new TextEncoder().encode('项目现场核查记录：主体厂房已封顶。\n');
export const UPLOAD = { fileName: '现场核查记录.txt', content: Buffer.from(EVIDENCE).toString('base64') };

/**
 * A new attachment on one of the fixture's reports, written behind the API by
 * the operator into the app's own file store; the report is left in `status`.
 */
export async function attachmentOn(fx: ApiFixture, report: 'a' | 'b', status: string): Promise<number> {
  const id = fx.reports[report];
  const author = report === 'a' ? 'liaisonA' : 'liaisonB';
  await setReport(fx, id, { status: 'draft', authorKey: author });
  const added = await attachReport(fx.store.db, fx.operator, id, { fileName: UPLOAD.fileName, bytes: EVIDENCE }, testFiles(fx.store));
  if (status !== 'draft') await setReport(fx, id, { status, authorKey: author });
  return added.id;
}

/** Puts a task's status behind the API (set-up: no version, no audit row). */
export async function setTaskStatus(fx: ApiFixture, taskId: number, status: 'active' | 'completed'): Promise<void> {
  await fx.store.db.updateTable('tasks').set({ status }).where('id', '=', taskId).execute();
}

export const LADDER: Record<string, LadderCase> = {
  'POST /api/reports/:id/attachments': {
    valid: async (fx) => {
      await setReport(fx, fx.reports.a, { status: 'draft', authorKey: 'liaisonA' });
      return { url: `/api/reports/${fx.reports.a}/attachments`, body: UPLOAD };
    },
    invalid: (fx) => ({ url: `/api/reports/${fx.reports.a}/attachments`, body: { ...UPLOAD, mediaType: 'application/pdf' } }),
    may: 'liaisonA',
    mayNot: 'liaisonB',
  },
  'GET /api/attachments/:id': {
    valid: async (fx) => ({ url: `/api/attachments/${await attachmentOn(fx, 'a', 'draft')}` }),
    invalid: () => ({ url: '/api/attachments/latest' }),
    may: 'leader',
    mayNot: 'liaisonB',
  },
  'DELETE /api/attachments/:id': {
    valid: async (fx) => ({ url: `/api/attachments/${await attachmentOn(fx, 'a', 'draft')}` }),
    invalid: () => ({ url: '/api/attachments/0' }),
    may: 'liaisonA',
    mayNot: 'leader',
    success: 204,
  },
  'GET /api/reports/:id/inputs': {
    valid: async (fx) => {
      await setReport(fx, fx.reports.a, { status: 'draft', authorKey: 'liaisonA' });
      return { url: `/api/reports/${fx.reports.a}/inputs` };
    },
    invalid: () => ({ url: '/api/reports/first/inputs' }),
    may: 'headA',
    mayNot: 'liaisonB',
  },
  'POST /api/reports/:id/void': {
    valid: async (fx) => {
      await setReport(fx, fx.reports.a, { status: 'accepted', authorKey: 'liaisonA' });
      return { url: `/api/reports/${fx.reports.a}/void`, body: { reason: '数值填报有误，作废。' } };
    },
    invalid: (fx) => ({ url: `/api/reports/${fx.reports.a}/void`, body: { comment: '数值填报有误，作废。' } }),
    may: 'office',
    mayNot: 'headA',
  },
  'POST /api/tasks/:id/complete': {
    valid: async (fx) => {
      await setTaskStatus(fx, fx.tasks.b.id, 'active');
      return { url: `/api/tasks/${fx.tasks.b.id}/complete`, body: { comment: '年度目标已完成，同意销号。' } };
    },
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.b.id}/complete`, body: { comment: '同意销号。', force: true } }),
    may: 'office',
    mayNot: 'liaisonB',
    restore: (fx) => setTaskStatus(fx, fx.tasks.b.id, 'active'),
  },
  'POST /api/tasks/:id/reopen': {
    valid: async (fx) => {
      await setTaskStatus(fx, fx.tasks.b.id, 'completed');
      return { url: `/api/tasks/${fx.tasks.b.id}/reopen`, body: { comment: '尚有收尾工作，恢复督办。' } };
    },
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.b.id}/reopen`, body: { reason: '恢复。' } }),
    may: 'office',
    mayNot: 'leader',
    restore: (fx) => setTaskStatus(fx, fx.tasks.b.id, 'active'),
  },
};
