/** The shape attachments leave the server in; the checksum lets a reader verify a downloaded copy. */
import type { Static } from 'typebox';
import type { Attachment } from './attachment.model.js';
import type { AttachmentViewSchema } from './attachment.schema.js';

export type AttachmentView = Static<typeof AttachmentViewSchema>;

export const presentAttachment = (a: Attachment): AttachmentView => ({
  id: a.id,
  fileName: a.fileName,
  mediaType: a.mediaType,
  size: a.size,
  checksum: a.checksum,
  uploadedBy: a.uploadedBy,
  createdAt: a.createdAt,
});
