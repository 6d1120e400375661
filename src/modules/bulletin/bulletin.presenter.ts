/** The shape a bulletin leaves the server in. */
import type { Static } from 'typebox';
import type { BulletinContent } from '../../documents/bulletin-content.js';
import type { Action } from '../auth/actions.js';
import type { Bulletin } from './bulletin.model.js';
import type { BulletinViewSchema } from './bulletin.schema.js';

/** The content as it prints: the frozen figures with the office's current remarks. */
export const contentOf = (b: Bulletin): BulletinContent => ({ ...b.content, remarks: b.remarks });

export type BulletinView = Static<typeof BulletinViewSchema>;

export function presentBulletin(b: Bulletin, actions: Action[], options: { withContent?: boolean } = {}): BulletinView {
  return {
    id: b.id,
    planId: b.planId,
    period: b.period,
    periodLabel: b.content.periodLabel,
    asOf: b.asOf,
    status: b.status,
    serial: b.serial,
    documentNumber: b.status === 'issued' ? b.content.documentNumber : null,
    title: b.title,
    remarks: b.remarks,
    hasPdf: b.pdf !== null,
    createdAt: b.createdAt,
    createdBy: b.createdByName,
    issuedAt: b.issuedAt,
    issuedBy: b.issuedByName,
    version: b.version,
    actions,
    ...(options.withContent ? { content: contentOf(b) } : {}),
  };
}
