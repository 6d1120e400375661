/**
 * The flow of a bulletin (通报), as data: the office's draft is revised (its
 * remarks, or its figures gathered again) and then issued, numbered within
 * the plan, its .docx and PDF kept; an issued bulletin never changes.
 */
import type { Action } from '../auth/actions.js';
import type { AuthActor } from '../auth/authorize.js';
import type { BulletinSubject } from '../auth/subjects.js';
import { badRequest, notFound } from '../errors.js';
import type { BulletinContent } from '../../documents/bulletin-content.js';
import { allowedActions } from '../workflow/runner.js';
import { defineWorkflow, type VersionInput } from '../workflow/workflow.js';
import { bulletinContent } from './bulletin.gather.js';
import { MAX_REMARKS, type Bulletin, type BulletinStatus } from './bulletin.model.js';
import { findBulletin, updateBulletin, type BulletinChange, type StoredFile } from './bulletin.repository.js';

export interface BulletinInputs {
  /** The office's remarks, and/or the figures gathered again from the live ledger. */
  write: VersionInput & { remarks?: string; refresh?: boolean };
  /** What issuing made before the transaction: the serial, the numbered content and the stored files. */
  issue: VersionInput & { serial: number; content: BulletinContent; docx: StoredFile; pdf: StoredFile | null };
}

export const bulletinSubject = (b: Pick<Bulletin, 'governmentId' | 'status'>): BulletinSubject => ({
  kind: 'bulletin',
  governmentId: b.governmentId,
  issued: b.status === 'issued',
});

const STATES: Record<BulletinStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  issued: { zh: '已签发', en: 'Issued' },
};

export const bulletinWorkflow = defineWorkflow<Bulletin, null, BulletinInputs, BulletinChange>()({
  entity: 'bulletin',
  describe: () => '通报',
  states: STATES,
  transitions: {
    write: {
      from: ['draft'],
      to: 'draft',
      may: 'bulletin.write',
      label: { zh: '修改', en: 'edit' },
      audit: 'bulletin.write',
      guard: ({ input }) => {
        if (input.remarks !== undefined && [...input.remarks].length > MAX_REMARKS) throw badRequest(`下步工作要求不能超过 ${MAX_REMARKS} 字`);
      },
      set: async ({ trx, actor, entity, input, now }) => {
        const content = input.refresh ? await bulletinContent(trx, actor.governmentId, entity.planId, entity.period, () => new Date(now)) : undefined;
        const remarks = input.remarks?.trim();
        return { ...(content ? { content, asOf: content.asOf } : {}), ...(remarks === undefined ? {} : { remarks }) };
      },
      auditBefore: ({ entity }) => ({ asOf: entity.asOf, remarks: entity.remarks }),
      auditAfter: ({ entity }, change) => ({
        version: entity.version + 1,
        ...(change.content ? { refreshed: true, asOf: change.asOf } : {}),
        ...(change.remarks === undefined ? {} : { remarks: change.remarks }),
      }),
    },
    issue: {
      from: ['draft'],
      to: 'issued',
      may: 'bulletin.issue',
      label: { zh: '签发', en: 'issue' },
      audit: 'bulletin.issue',
      set: ({ actor, input, now }) => ({
        serial: input.serial,
        content: input.content,
        docx: input.docx,
        pdf: input.pdf,
        issuedBy: actor.userId,
        issuedAt: now,
      }),
      auditAfter: ({ input }) => ({ serial: input.serial, documentNumber: input.content.documentNumber, docx: input.docx, pdf: input.pdf }),
    },
  },
  load: async (trx, actor, id) => {
    const b = await findBulletin(trx, actor.governmentId, id);
    if (!b) throw notFound('通报');
    return { entity: b, ctx: null };
  },
  subject: (b) => bulletinSubject(b),
  write: (trx, b, change, now, audit) => updateBulletin(trx, b, change, now, audit),
});

/** The steps the actor may take on the bulletin now, for the client's buttons. */
export const bulletinActions = (actor: AuthActor, b: Bulletin): Action[] => allowedActions(actor, bulletinWorkflow, b, bulletinSubject(b));
