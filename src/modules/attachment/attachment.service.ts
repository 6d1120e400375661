/**
 * Evidence attachments: a unit attaches files to its report while the report
 * is open (draft or returned); whoever may read the report may download them.
 * The type is sniffed from the content; the bytes go to the file store under
 * their checksum and are verified on every read.
 */
import { ImportError } from '../../importer/index.js';
import { filesOfGovernment } from '../government/government-files.js';
import type { Tx } from '../../store/tx.js';
import { nowIso } from '../../store/tx.js';
import { FileCorruptError, type FileStore } from '../../store/files.js';
import { appendAudit } from '../audit/audit.repository.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { mayRead, workSubject } from '../report/report.access.js';
import type { Report } from '../report/report.model.js';
import { reportWorkflow } from '../report/report.workflow.js';
import { stateLabel } from '../workflow/workflow.js';
import { touchOpenReport } from '../report/report.repository.js';
import { loadReport } from '../report/report.service.js';
import { MAX_ATTACHMENT_BYTES, type Attachment } from './attachment.model.js';
import { presentAttachment, type AttachmentView } from './attachment.presenter.js';
import { deleteAttachment, findAttachment, insertAttachment } from './attachment.repository.js';
import { cleanFileName } from './file-name.js';
import { ACCEPTED_KINDS, sniff } from './sniff.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

const isOpen = (report: Report): boolean => report.status === 'draft' || report.status === 'returned';

const closed = (report: Pick<Report, 'status'>, what: string): AppError =>
  new AppError(409, 'invalid_state', `报告当前为“${stateLabel(reportWorkflow, report.status)}”，只有草稿或退回的报告才能${what}附件`, {
    status: report.status,
  });

/** Who may change the report's attachments now; throws otherwise. */
async function openForAttachments(db: Tx, actor: AuthActor, reportId: number, what: string): Promise<Report> {
  const { report, task } = await loadReport(db, actor, reportId);
  authorize(actor, 'attachment.write', workSubject(report, task));
  if (!isOpen(report)) throw closed(report, what);
  return report;
}

/** Refuses what is not acceptable evidence: empty, too large (as sent or once inflated), or of a kind not accepted. */
async function admit(bytes: Uint8Array): Promise<{ mediaType: string }> {
  if (bytes.length === 0) throw badRequest('文件是空的', 'empty_file');
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw badRequest(`文件为 ${(bytes.length / 1048576).toFixed(1)} MB，超过 ${MAX_ATTACHMENT_BYTES / 1048576} MB 上限，已拒绝`, 'file_too_large');
  }
  const kind = await sniff(bytes).catch((err: unknown) => {
    // The ZIP guard's sentence names the limit the content passed (inflated size, ratio, number of parts).
    if (err instanceof ImportError) throw badRequest(err.message, 'zip_bomb');
    throw err;
  });
  if (!kind) throw new AppError(415, 'unsupported_media_type', `不支持的文件类型（按文件内容识别，与文件名无关）。可上传：${ACCEPTED_KINDS}`);
  return { mediaType: kind.mediaType };
}

/**
 * Attaches a file to an open report. The file is written to the store before
 * the transaction, so that no file is written while the database's write lock
 * is held; if the transaction then fails, the store keeps at most a file no row
 * refers to (harmless: named by its content, and written again by the next
 * upload of the same bytes).
 */
export async function attachReport(db: Tx, actor: AuthActor, reportId: number, input: UploadedFile, files: FileStore, clock?: Clock): Promise<AttachmentView> {
  await openForAttachments(db, actor, reportId, '添加');
  const { mediaType } = await admit(input.bytes);
  const fileName = cleanFileName(input.fileName);
  const checksum = await (await filesOfGovernment(db, files, actor.governmentId)).put(input.bytes);
  const attachment = await changing(db, actor.governmentId, async (trx) => {
    const report = await openForAttachments(trx, actor, reportId, '添加');
    await refuseIfArchived(trx, actor.governmentId, 'report', reportId);
    const now = nowIso(clock);
    if (!(await touchOpenReport(trx, reportId, now))) throw closed((await loadReport(trx, actor, reportId)).report, '添加');
    const added = await insertAttachment(
      trx,
      actor.governmentId,
      { reportId, fileName, mediaType, size: input.bytes.length, checksum, uploadedBy: actor.userId },
      now,
    );
    await appendAudit(
      trx,
      actor,
      {
        action: 'attachment.add',
        objectType: 'attachment',
        objectId: added.id,
        after: { reportId: report.id, fileName, mediaType, size: added.size, checksum },
      },
      clock,
    );
    return added;
  });
  return presentAttachment(attachment);
}

/** 404 when the attachment does not exist in the actor's government. */
async function loadAttachment(db: Tx, actor: AuthActor, id: number): Promise<Attachment> {
  const attachment = await findAttachment(db, actor.governmentId, id);
  if (!attachment) throw notFound('附件');
  return attachment;
}

/** The attachment's bytes, verified against its checksum, for whoever may read its report. */
export async function downloadAttachment(db: Tx, actor: AuthActor, id: number, files: FileStore): Promise<{ attachment: AttachmentView; bytes: Uint8Array }> {
  const attachment = await loadAttachment(db, actor, id);
  const { report, task } = await loadReport(db, actor, attachment.reportId);
  if (!mayRead(actor, report, task)) throw new ForbiddenError('attachment.read');
  try {
    return { attachment: presentAttachment(attachment), bytes: await (await filesOfGovernment(db, files, actor.governmentId)).get(attachment.checksum) };
  } catch (err) {
    if (err instanceof FileCorruptError) {
      const what = err.reason === 'missing' ? '附件文件缺失' : '附件文件已损坏或被改动（内容与登记的校验值不符）';
      throw new AppError(500, 'file_corrupt', `${what}，无法下载。请联系系统管理员从备份中恢复。`, { attachmentId: id, checksum: attachment.checksum });
    }
    throw err;
  }
}

/**
 * Takes an attachment off an open report. The row goes; its audit row keeps
 * the checksum. The file stays in the store: other rows may share its content,
 * and a report restored from a backup still finds it.
 */
export async function removeAttachment(db: Tx, actor: AuthActor, id: number, clock?: Clock): Promise<void> {
  await changing(db, actor.governmentId, async (trx) => {
    const attachment = await loadAttachment(trx, actor, id);
    await openForAttachments(trx, actor, attachment.reportId, '删除');
    await refuseIfArchived(trx, actor.governmentId, 'report', attachment.reportId);
    const now = nowIso(clock);
    if (!(await touchOpenReport(trx, attachment.reportId, now))) throw closed((await loadReport(trx, actor, attachment.reportId)).report, '删除');
    await deleteAttachment(trx, id);
    const { fileName, mediaType, size, checksum, reportId } = attachment;
    await appendAudit(
      trx,
      actor,
      { action: 'attachment.delete', objectType: 'attachment', objectId: id, before: { reportId, fileName, mediaType, size, checksum } },
      clock,
    );
  });
}
