/** Evidence files attached to a report, as the services see them. */

/** Largest file accepted, like the notices the importer takes. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export interface Attachment {
  id: number;
  reportId: number;
  /** For display only: cleaned of path parts and control characters, never used to find the file. */
  fileName: string;
  /** Sniffed from the content. */
  mediaType: string;
  size: number;
  /** SM3 of the content, hex: the file's name in the file store. */
  checksum: string;
  uploadedBy: number | null;
  createdAt: string;
}

export interface NewAttachment {
  reportId: number;
  fileName: string;
  mediaType: string;
  size: number;
  checksum: string;
  uploadedBy: number | null;
}
