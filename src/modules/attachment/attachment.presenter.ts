/** The shape attachments leave the server in; the checksum lets a reader verify a downloaded copy. */
import type { Attachment } from './attachment.model.js';

export interface AttachmentView {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  checksum: string;
  uploadedBy: number | null;
  createdAt: string;
}

export const presentAttachment = (a: Attachment): AttachmentView => ({
  id: a.id,
  fileName: a.fileName,
  mediaType: a.mediaType,
  size: a.size,
  checksum: a.checksum,
  uploadedBy: a.uploadedBy,
  createdAt: a.createdAt,
});
