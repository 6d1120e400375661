/** Attachment rows. Only this file touches the attachments table; the bytes live in the file store. */
import type { Selectable } from 'kysely';
import type { AttachmentTable } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import type { Attachment, NewAttachment } from './attachment.model.js';

const toAttachment = (r: Selectable<AttachmentTable>): Attachment => ({
  id: r.id,
  reportId: r.report_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  checksum: r.checksum,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
});

export async function insertAttachment(trx: Tx, governmentId: number, a: NewAttachment, now: string): Promise<Attachment> {
  const row = await trx
    .insertInto('attachments')
    .values({
      government_id: governmentId,
      report_id: a.reportId,
      file_name: a.fileName,
      media_type: a.mediaType,
      size: a.size,
      checksum: a.checksum,
      uploaded_by: a.uploadedBy,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAttachment(row);
}

export async function findAttachment(db: Tx, governmentId: number, id: number): Promise<Attachment | undefined> {
  const row = await db.selectFrom('attachments').selectAll().where('government_id', '=', governmentId).where('id', '=', id).executeTakeFirst();
  return row && toAttachment(row);
}

/** The attachments of each report, oldest first. */
export async function listAttachments(db: Tx, reportIds: readonly number[]): Promise<Map<number, Attachment[]>> {
  const out = new Map<number, Attachment[]>(reportIds.map((id) => [id, []]));
  if (reportIds.length === 0) return out;
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('report_id', 'in', [...reportIds])
    .orderBy('id')
    .execute();
  for (const r of rows) out.get(r.report_id)?.push(toAttachment(r));
  return out;
}

export async function deleteAttachment(trx: Tx, id: number): Promise<void> {
  await trx.deleteFrom('attachments').where('id', '=', id).execute();
}
