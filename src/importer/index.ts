/**
 * The importer: a notice's bytes to a plan. Pure: no file system, no network;
 * the caller reads the file. Each format is a front end to one internal model.
 */
import type { Plan } from '../domain/plan.js';
import { plainTextDeep } from '../domain/text.js';
import { readDocx } from './docx.js';
import { tableFromDocument } from './document-table.js';
import { flatTableFromDocument } from './flat-table.js';
import type { NoticeDocument } from './document.js';
import { ImportError, MAX_INPUT_BYTES } from './errors.js';
import { planFromDocument } from './prose.js';
import { planFromTable } from './tabular.js';
import { readText } from './text.js';
import { UnitResolver, type UnitDirectory } from './units.js';
import { readXlsx } from './xlsx.js';
import { checkZip } from './zip-guard.js';

export { ImportError, MAX_INPUT_BYTES } from './errors.js';
export { isUnitGroup, parseUnitDirectory, unitNameForms, type UnitDirectory } from './units.js';
export { checkInflatedSizes, checkZip, type ZipLimits } from './zip-guard.js';

export type NoticeFormat = 'text' | 'docx' | 'xlsx';

export interface ImportOptions {
  directory?: UnitDirectory;
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
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportError('unsupported', '这是旧版 Word/Excel 格式（.doc/.xls），请另存为 .docx 或 .xlsx 后再导入');
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new ImportError('unsupported', 'PDF 文件请先转换为文本（.txt）或 Word 文档后再导入');
  }
  return 'text';
}

/**
 * A document whose tasks stand in a table (Word or Markdown) is read as a table, unless its prose holds more tasks;
 * so are tables flattened to one cell per paragraph (flat-table.ts). A table also wins where it gives owners to more
 * tasks than the prose does and holds at least half as many (a notice's numbered requirements are no tasks).
 */
function planFromProse(doc: NoticeDocument, resolver: UnitResolver): Plan {
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
  }
}
