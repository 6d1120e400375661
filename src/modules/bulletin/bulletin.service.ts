/**
 * Bulletins (通报): the office makes a draft of a period's figures (frozen
 * when made, remade on request), adds its own words, and issues it: the
 * plan's next number, the .docx (and a PDF where LibreOffice is installed)
 * kept in the file store, never changed again. Everyone who works the ledger
 * reads the issued ones. Each step is one transaction with its audit row;
 * the steps on a draft are the transitions of bulletin.workflow.ts.
 */
import type { BulletinContent } from '../../documents/bulletin-content.js';
import { filesOfGovernment } from '../government/government-files.js';
import { renderBulletinDocx, type BulletinDocxOptions } from '../../documents/bulletin-docx.js';
import { convertDocument } from '../../documents/libreoffice.js';
import { bulletinHeader } from '../../domain/settings.js';
import { documentProfile } from '../government/government.service.js';
import { FileCorruptError, type FileStore } from '../../store/files.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { appendAudit } from '../audit/audit.repository.js';
import { authorize, can, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { AppError, notFound, versionConflict } from '../errors.js';
import { loadPlanSettings } from '../settings/settings.repository.js';
import { governmentToday } from '../status/calendar.js';
import { newestPlanRef } from '../status/status.repository.js';
import { stepper } from '../workflow/runner.js';
import { bulletinContent } from './bulletin.gather.js';
import { bulletinTitle, documentNumber, printedBy, type Bulletin } from './bulletin.model.js';
import { contentOf, presentBulletin, type BulletinView } from './bulletin.presenter.js';
import { findBulletin, insertBulletin, isSerialConflict, listBulletins, nextSerial } from './bulletin.repository.js';
import { bulletinActions, bulletinSubject, bulletinWorkflow, type BulletinInputs } from './bulletin.workflow.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

/** What issuing and downloading need beyond the database; tests may replace the renderer and the converter. */
export interface BulletinFiles {
  files: FileStore;
  render?: (content: BulletinContent, options: BulletinDocxOptions) => Promise<Uint8Array>;
  /** .docx to PDF; null when LibreOffice is not installed. */
  convert?: (docx: Uint8Array) => Promise<Uint8Array | null>;
  /** The LibreOffice program the default conversion runs (LUOSHI_SOFFICE); the usual places by default. */
  soffice?: string;
  /** Where a failed conversion is told (the bulletin is issued without PDF). */
  warn?: (message: string) => void;
}

export interface DraftInput {
  /** Default: the newest plan. */
  planId?: number;
  period: string;
}

export type DraftChange = BulletinInputs['write'];

export interface BulletinFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

const subjectOf = bulletinSubject;

const present = (actor: AuthActor, b: Bulletin, withContent = true): BulletinView => presentBulletin(b, bulletinActions(actor, b), { withContent });

async function load(db: Tx, actor: AuthActor, id: number): Promise<Bulletin> {
  const b = await findBulletin(db, actor.governmentId, id);
  if (!b) throw notFound('通报');
  return b;
}

async function reload(db: Tx, actor: AuthActor, id: number): Promise<Bulletin> {
  const b = await findBulletin(db, actor.governmentId, id);
  if (!b) throw new Error(`bulletin ${id} vanished`);
  return b;
}

/** The bulletins of a plan (or all) the actor may read, newest first: the office sees drafts too. */
async function list(db: Tx, actor: AuthActor, filter: { planId?: number }): Promise<BulletinView[]> {
  authorize(actor, 'bulletin.read', governmentSubject(actor.governmentId));
  const draftsToo = can(actor, 'bulletin.read', { kind: 'bulletin', governmentId: actor.governmentId, issued: false });
  const items = await listBulletins(db, actor.governmentId, { ...filter, issuedOnly: !draftsToo });
  return items.filter((b) => can(actor, 'bulletin.read', subjectOf(b))).map((b) => present(actor, b, false));
}

async function get(db: Tx, actor: AuthActor, id: number): Promise<BulletinView> {
  const b = await load(db, actor, id);
  authorize(actor, 'bulletin.read', subjectOf(b));
  return present(actor, b);
}

/** A new draft of the period for the plan: its figures gathered now and frozen. A period may have several drafts. */
async function createDraft(db: Tx, actor: AuthActor, input: DraftInput, clock?: Clock): Promise<BulletinView> {
  authorize(actor, 'bulletin.write', governmentSubject(actor.governmentId));
  const id = await changing(db, actor.governmentId, async (trx) => {
    const planId = input.planId ?? (await newestPlanRef(trx, actor.governmentId))?.id;
    if (planId === undefined) throw notFound('分解方案');
    await refuseIfArchived(trx, actor.governmentId, 'plan', planId);
    const content = await bulletinContent(trx, actor.governmentId, planId, input.period, clock);
    const created = await insertBulletin(
      trx,
      actor.governmentId,
      { planId, period: content.period, asOf: content.asOf, title: content.title, content, createdBy: actor.userId },
      nowIso(clock),
    );
    await appendAudit(
      trx,
      actor,
      {
        action: 'bulletin.create',
        objectType: 'bulletin',
        objectId: created,
        after: { planId, period: content.period, asOf: content.asOf, title: content.title },
      },
      clock,
    );
    return created;
  });
  return present(actor, await reload(db, actor, id));
}

const view = async (db: Tx, actor: AuthActor, id: number): Promise<BulletinView> => present(actor, await reload(db, actor, id));
const step = stepper(bulletinWorkflow, view);

/** Remakes a draft's figures from the live ledger and/or sets the office's remarks. */
const changeDraft = (db: Tx, actor: AuthActor, id: number, change: DraftChange, clock?: Clock): Promise<BulletinView> =>
  step(db, actor, id, 'write', change, clock);

/** How many times an issue is tried again when a concurrent issue took its serial. */
const SERIAL_TRIES = 5;

/**
 * Issues a draft: the plan's next serial, the .docx rendered and (where
 * LibreOffice is installed) converted to PDF before the transaction, both
 * kept in the file store, then numbered in one transaction with its audit
 * row. A failed conversion issues it without PDF. A serial taken by a
 * concurrent issue meanwhile is retried with the next.
 */
async function issue(db: Tx, actor: AuthActor, id: number, version: number, out: BulletinFiles, clock?: Clock): Promise<BulletinView> {
  for (let tries = 1; ; tries++) {
    try {
      return await issueOnce(db, actor, id, version, out, clock);
    } catch (err) {
      if (db.isTransaction || !isSerialConflict(err) || tries >= SERIAL_TRIES) throw err;
    }
  }
}

async function issueOnce(db: Tx, actor: AuthActor, id: number, version: number, out: BulletinFiles, clock?: Clock): Promise<BulletinView> {
  const draft = await load(db, actor, id);
  authorize(actor, 'bulletin.issue', subjectOf(draft));
  if (draft.version !== version) throw versionConflict(present(actor, draft));
  const serial = await nextSerial(db, draft.planId);
  const content = await issuedContent(db, draft, serial, clock);
  const render = out.render ?? renderBulletinDocx;
  const docx = await render(content, { draft: false });
  // LibreOffice converts its own copy, whose chart is the SVG itself: the PDF's chart is vector and text (ADR 0026).
  const pdf = await toPdf(await render(content, { draft: false, forPdf: true }), out);
  const files = await filesOfGovernment(db, out.files, actor.governmentId);
  const docxFile = { checksum: await files.put(docx), size: docx.length };
  const pdfFile = pdf === null ? null : { checksum: await files.put(pdf), size: pdf.length };
  return step(db, actor, id, 'issue', { version, serial, content, docx: docxFile, pdf: pdfFile }, clock);
}

/** The draft's content as issued: numbered and dated today, the head and foot from the plan's settings now, the office's remarks in. */
async function issuedContent(db: Tx, b: Bulletin, serial: number, clock?: Clock): Promise<BulletinContent> {
  const settings = (await loadPlanSettings(db, b.governmentId, b.planId)).settings;
  const header = bulletinHeader(settings.bulletin, await documentProfile(db, b.governmentId));
  const today = governmentToday(clock);
  return {
    ...contentOf(b),
    issuer: header.organ,
    mark: header.mark,
    recipients: header.recipients,
    copyTo: header.copyTo,
    documentNumber: documentNumber(header.numberPrefix, b.content.plan.year, serial),
    date: today,
    printedBy: printedBy(header.organ, today),
  };
}

async function toPdf(docx: Uint8Array, out: BulletinFiles): Promise<Uint8Array | null> {
  try {
    return await (out.convert ?? ((bytes) => convertDocument(bytes, 'docx', 'pdf', { soffice: out.soffice })))(docx);
  } catch (err) {
    const warn = out.warn ?? ((m: string) => process.stderr.write(`${m}\n`));
    warn(`通报转换为 PDF 失败，已只印发 Word 版本：${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/** The .docx: an issued bulletin's as kept; a draft's rendered now, marked 草稿. */
async function docxOf(db: Tx, actor: AuthActor, id: number, out: BulletinFiles): Promise<BulletinFile> {
  const b = await load(db, actor, id);
  authorize(actor, 'bulletin.read', subjectOf(b));
  const mediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (b.status === 'issued' && b.docx)
    return { fileName: `${fileStem(b)}.docx`, mediaType, bytes: await stored(await filesOfGovernment(db, out.files, actor.governmentId), b.docx.checksum) };
  return { fileName: `${fileStem(b)}.docx`, mediaType, bytes: await (out.render ?? renderBulletinDocx)(contentOf(b), { draft: true }) };
}

/** The PDF kept when it was issued; 404 no_pdf when there is none. */
async function pdfOf(db: Tx, actor: AuthActor, id: number, out: BulletinFiles): Promise<BulletinFile> {
  const b = await load(db, actor, id);
  authorize(actor, 'bulletin.read', subjectOf(b));
  if (b.status !== 'issued') throw new AppError(404, 'no_pdf', '通报草稿没有 PDF 版本，请下载 Word 版本审阅');
  if (!b.pdf) throw new AppError(404, 'no_pdf', '该通报印发时未能生成 PDF 版本（服务器未安装 LibreOffice 或转换失败），请下载 Word 版本');
  return {
    fileName: `${fileStem(b)}.pdf`,
    mediaType: 'application/pdf',
    bytes: await stored(await filesOfGovernment(db, out.files, actor.governmentId), b.pdf.checksum),
  };
}

/** 临河督查通报〔2026〕3号; a draft: 关于2026年3月…的通报（草稿）. */
const fileStem = (b: Bulletin): string => (b.status === 'issued' ? b.content.documentNumber : `${b.title || bulletinTitle(b.content.periodLabel)}（草稿）`);

async function stored(files: FileStore, checksum: string): Promise<Uint8Array> {
  try {
    return await files.get(checksum);
  } catch (err) {
    if (err instanceof FileCorruptError) {
      const what = err.reason === 'missing' ? '通报文件缺失' : '通报文件已损坏或被改动（内容与登记的校验值不符）';
      throw new AppError(500, 'file_corrupt', `${what}，无法下载。请联系系统管理员从备份中恢复。`, { checksum });
    }
    throw err;
  }
}

export const bulletinService = { list, get, createDraft, changeDraft, issue, docx: docxOf, pdf: pdfOf };
