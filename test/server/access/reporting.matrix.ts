/**
 * Access matrix variants of the reporting area's routes; merged into
 * test/server/matrix.test.ts through areas.ts. The rules, from the table in
 * src/modules/auth/actions.ts:
 *
 * - attachment.write: the office, and the unit's own head and liaison on a task the unit is responsible for;
 * - downloading evidence and reading a host report's inputs: whoever may read the report
 *   (attachment.read / report.draft.read on unpublished work: the unit, the task's lead leader, the office;
 *   everyone once the report is accepted);
 * - report.review (voiding an accepted report): the office alone;
 * - task.complete (销号, and reopening): the office alone.
 */
import { setReport, UNIT_A, UNIT_B, type ApiFixture, type TaskRef } from '../api-fixture.js';
import { REPORT_MODEL, reportStep, rules, TASK_A, TASK_B, UNIT_OF, type SignedIn, type Variant } from './matrix-rules.js';
import { attachmentOn, setTaskStatus, UPLOAD } from './reporting.ladder.js';

const writeAttachment = (who: SignedIn, task: TaskRef, unit: string): boolean =>
  (who === 'office' || UNIT_OF[who] === unit) && (task.hostUnits.includes(unit) || task.coUnits.includes(unit));
const closeTask = (who: SignedIn): boolean => who === 'office';

/** One attachment on report b for the reading variants, made once per fixture; each request puts the report in its state. */
const made = new WeakMap<ApiFixture, number>();
async function attachmentIn(fx: ApiFixture, status: 'draft' | 'accepted'): Promise<number> {
  const id = made.get(fx) ?? (await attachmentOn(fx, 'b', 'draft'));
  made.set(fx, id);
  await setReport(fx, fx.reports.b, { status, authorKey: 'liaisonB' });
  return id;
}

const upload = (report: 'a' | 'b', status: string): Variant => ({
  object: `${status} report of ${REPORT_MODEL[report].unit}`,
  request: async ({ fx }) => {
    await setReport(fx, fx.reports[report], { status, authorKey: report === 'a' ? 'liaisonA' : 'liaisonB' });
    return { url: `/api/reports/${fx.reports[report]}/attachments`, body: UPLOAD };
  },
  allowed: (who) => writeAttachment(who, REPORT_MODEL[report].task, REPORT_MODEL[report].unit),
  audited: true,
});

const taskDecision = (step: 'complete' | 'reopen'): Variant => ({
  object: `${step === 'complete' ? 'active' : 'completed'} task hosted by ${UNIT_B}`,
  request: async ({ fx }) => {
    await setTaskStatus(fx, fx.tasks.b.id, step === 'complete' ? 'active' : 'completed');
    return { url: `/api/tasks/${fx.tasks.b.id}/${step}`, body: { comment: step === 'complete' ? '同意销号。' : '恢复督办。' } };
  },
  allowed: closeTask,
  audited: true,
  // Task b is active again whatever the answer: a refused reopen leaves it completed by the set-up.
  tearDown: ({ fx }) => setTaskStatus(fx, fx.tasks.b.id, 'active'),
});

export const MATRIX: Record<string, Variant[]> = {
  'POST /api/reports/:id/attachments': [upload('b', 'draft'), upload('a', 'returned')],
  'GET /api/attachments/:id': [
    {
      object: `attachment of a draft of ${UNIT_B}`,
      request: async ({ fx }) => ({ url: `/api/attachments/${await attachmentIn(fx, 'draft')}` }),
      allowed: (who) => rules.readDraft(who, TASK_B, UNIT_B),
    },
    {
      object: `attachment of an accepted report of ${UNIT_B} (public ledger)`,
      request: async ({ fx }) => ({ url: `/api/attachments/${await attachmentIn(fx, 'accepted')}` }),
      allowed: rules.readLedger,
    },
  ],
  'DELETE /api/attachments/:id': [
    {
      object: `attachment of a draft of ${UNIT_B}`,
      request: async ({ fx }) => ({ url: `/api/attachments/${await attachmentOn(fx, 'b', 'draft')}` }),
      allowed: (who) => writeAttachment(who, TASK_B, UNIT_B),
      success: 204,
      audited: true,
    },
    {
      object: `attachment of a returned report of ${UNIT_A}, led by the leader`,
      request: async ({ fx }) => ({ url: `/api/attachments/${await attachmentOn(fx, 'a', 'returned')}` }),
      allowed: (who) => writeAttachment(who, TASK_A, UNIT_A),
      success: 204,
      audited: true,
    },
  ],
  'GET /api/reports/:id/inputs': [
    {
      object: `draft host report of ${UNIT_B}`,
      request: async ({ fx }) => {
        await setReport(fx, fx.reports.b, { status: 'draft', authorKey: 'liaisonB' });
        return { url: `/api/reports/${fx.reports.b}/inputs` };
      },
      allowed: (who) => rules.readDraft(who, TASK_B, UNIT_B),
    },
    {
      object: `accepted host report of ${UNIT_B} (public ledger)`,
      request: async ({ fx }) => {
        await setReport(fx, fx.reports.b, { status: 'accepted', authorKey: 'liaisonB' });
        return { url: `/api/reports/${fx.reports.b}/inputs` };
      },
      allowed: rules.readLedger,
    },
  ],
  'POST /api/reports/:id/void': [reportStep('b', 'void', { status: 'accepted', author: 'liaisonB' }, rules.review, { reason: '数值填报有误，作废。' })],
  'POST /api/tasks/:id/complete': [taskDecision('complete')],
  'POST /api/tasks/:id/reopen': [taskDecision('reopen')],
};
