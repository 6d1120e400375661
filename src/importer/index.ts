/**
 * The importer: a notice's bytes to a plan. Pure: no file system, no network;
 * the caller reads the file. Each format is a front end to one internal model.
 */
import type { Plan } from '../domain/plan.js';
import { plainTextDeep } from '../domain/text.js';
import {
  converted as convertedBy,
  documentFromOcr,
  imageKind,
  isOle,
  legacyKind,
  MAX_SCAN_PAGES,
  NO_OCR,
  NO_OFFICE_CONVERTER,
  OCR_WARNING,
  type NoticeConverter,
  type ScanKind,
} from './convert.js';
import { readDocx } from './docx.js';
import { tableFromDocument } from './document-table.js';
import { flatTableFromDocument } from './flat-table.js';
import type { NoticeDocument } from './document.js';
import { ImportError, MAX_INPUT_BYTES } from './errors.js';
import { readPdf } from './pdf.js';
import { planFromDocument } from './prose.js';
import { planFromTable } from './tabular.js';
import { inSimplified } from './script.js';
import { readText } from './text.js';
import { UnitResolver, type UnitDirectory } from './units.js';
import { readXlsx } from './xlsx.js';
import { checkZip } from './zip-guard.js';

export { ImportError, MAX_INPUT_BYTES } from './errors.js';
export { isUnitGroup, parseUnitDirectory, unitNameForms, type UnitDirectory } from './units.js';
export { checkInflatedSizes, checkZip, type ZipLimits } from './zip-guard.js';
export {
  DEFAULT_MIN_SCORE,
  normalMetric,
  proposeLinks,
  unitDimension,
  type LinkCandidate,
  type LinkOptions,
  type LinkProposal,
  type LinkSource,
  type LinkTarget,
} from './link-proposals.js';
export type { LegacyKind, NoticeConverter, ScanKind } from './convert.js';

/** doc: an old Word/WPS file, xls: an old Excel file (both OLE); image: PNG, JPEG or TIFF. */
export type NoticeFormat = 'text' | 'docx' | 'xlsx' | 'pdf' | 'doc' | 'xls' | 'image';

export interface ImportOptions {
  directory?: UnitDirectory;
  /** Reads old Word/WPS/Excel files and scans (LibreOffice, tesseract); without it those are refused with the reason. */
  converter?: NoticeConverter;
}

const startsWith = (bytes: Uint8Array, sig: readonly number[]): boolean => sig.every((b, i) => bytes[i] === b);

/** Tells the format from the content, never from the file name alone. */
export async function detectFormat(bytes: Uint8Array): Promise<NoticeFormat> {
  if (bytes.length === 0) throw new ImportError('empty', '文件是空的');
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new ImportError('too_large', `文件为 ${(bytes.length / 1048576).toFixed(1)} MB，超过 20 MB 上限，已拒绝`);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const names = (await checkZip(bytes)).entries.map((e) => e.name);
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    throw new ImportError('unsupported', '压缩文件既不是 Word（.docx）也不是 Excel（.xlsx）文档');
  }
  if (isOle(bytes)) return legacyKind(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new ImportError('corrupt', '文件已损坏或不完整，无法作为 Word/Excel 文档读取');
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (imageKind(bytes) !== null) return 'image';
  return 'text';
}

/**
 * A document whose tasks stand in a table (Word or Markdown) is read as a table, unless its prose holds more tasks;
 * so are tables flattened to one cell per paragraph (flat-table.ts). A table also wins where it gives owners to more
 * tasks than the prose does and holds at least half as many (a notice's numbered requirements are no tasks).
 * Every prose document is read in simplified characters (script.ts), whatever its format.
 */
async function planFromProse(source: NoticeDocument, resolver: UnitResolver): Promise<Plan> {
  const doc = await inSimplified(source);
  const prose = planFromDocument(doc, resolver);
  const table = tableFromDocument(doc);
  const tablePlan = table && table.rows.length > 0 ? planFromTable(table, resolver) : null;
  const plan = tablePlan && (tablePlan.tasks.length >= prose.tasks.length || ownsMore(tablePlan, prose)) ? tablePlan : prose;
  const flat = flatTableFromDocument(doc);
  const flatPlan = flat ? planFromTable(flat, resolver) : null;
  return flatPlan && (flatPlan.tasks.length > plan.tasks.length || ownsMore(flatPlan, plan)) ? flatPlan : plan;
}

/** Tasks with a leader or a unit. */
const owned = (plan: Plan): number => plan.tasks.filter((t) => t.leaders.length + t.hostUnits.length + t.coUnits.length > 0).length;
const ownsMore = (table: Plan, prose: Plan): boolean => owned(table) > owned(prose) && table.tasks.length * 2 >= prose.tasks.length;

/** The plan in NFC, without the invisible characters a copied notice may carry (domain/text.ts). */
export async function importNotice(bytes: Uint8Array, options: ImportOptions = {}): Promise<Plan> {
  return plainTextDeep(await readPlan(bytes, options));
}

async function readPlan(bytes: Uint8Array, options: ImportOptions): Promise<Plan> {
  const resolver = new UnitResolver(options.directory);
  const format = await detectFormat(bytes);
  switch (format) {
    case 'text':
      return planFromProse(readText(bytes), resolver);
    case 'docx':
      return planFromProse(await readDocx(bytes), resolver);
    case 'xlsx':
      return planFromTable(await readXlsx(bytes), resolver);
    case 'pdf': {
      // pdfjs is loaded with the first PDF only (pdf.ts): the text path does not pay for it.
      const pdf = await readPdf(bytes);
      if (pdf.kind === 'text') return planFromProse(pdf.document, resolver);
      if (pdf.pages > MAX_SCAN_PAGES) {
        throw new ImportError('too_large', `扫描版 PDF 共 ${pdf.pages} 页，超过文字识别 ${MAX_SCAN_PAGES} 页的上限，请只保留任务分解通知或导入文字版`);
      }
      return readScan(bytes, 'pdf', resolver, options);
    }
    case 'image':
      return readScan(bytes, imageKind(bytes) ?? 'png', resolver, options);
    case 'doc':
    case 'xls': {
      const converted = options.converter ? await convertedBy(options.converter.toOpenXml(bytes, format)) : null;
      if (converted === null) throw new ImportError('unsupported', NO_OFFICE_CONVERTER[format]);
      if (converted.length > MAX_INPUT_BYTES) throw new ImportError('too_large', '转换后的文件超过 20 MB 上限，已拒绝');
      return format === 'doc' ? planFromProse(await readDocx(converted), resolver) : planFromTable(await readXlsx(converted), resolver);
    }
  }
}

/** A scan read by OCR through the text front end; the plan says so first, for the office to check it. */
async function readScan(bytes: Uint8Array, kind: ScanKind, resolver: UnitResolver, options: ImportOptions): Promise<Plan> {
  const text = options.converter ? await convertedBy(options.converter.ocr(bytes, kind)) : null;
  if (text === null) throw new ImportError('unsupported', NO_OCR);
  const plan = await planFromProse(documentFromOcr(text), resolver);
  return { ...plan, warnings: [{ code: 'ocr', task: null, line: null, message: OCR_WARNING }, ...plan.warnings] };
}
