/**
 * Formats the importer cannot read itself: old binary Word/WPS/Excel files
 * (OLE compound files) and scans (images, PDFs without a text layer). The
 * importer stays pure: the caller gives it a converter (LibreOffice and
 * tesseract behind it, src/documents/notice-converter.ts), and this file only
 * tells what a file is and turns the OCR text into the text front end's model.
 */
import { dropRunningLines, type PageLine } from './pdf.js';
import type { NoticeDocument } from './document.js';
import { ImportError, type ImportErrorCode } from './errors.js';
import { readText } from './text.js';

export type ScanKind = 'pdf' | 'png' | 'jpeg' | 'tiff';
export type LegacyKind = 'doc' | 'xls';

/**
 * Programs behind the importer, given by the CLI and the server. Null where
 * the program is not installed (the importer says what to install); a failure
 * is an Error whose `code` (unsupported, corrupt, empty, too_large) and
 * Chinese message the importer passes on as an ImportError.
 */
export interface NoticeConverter {
  /** An old Word/WPS file as .docx, or an old Excel file as .xlsx. */
  toOpenXml(bytes: Uint8Array, kind: LegacyKind): Promise<Uint8Array | null>;
  /** The text of a scan by OCR, pages separated by form feeds. */
  ocr(bytes: Uint8Array, kind: ScanKind): Promise<string | null>;
}

const PASSED_ON = new Set<string>(['unsupported', 'corrupt', 'empty', 'too_large']);

/** A converter's failure as the ImportError the doors word; anything unexpected is a failed conversion. */
export async function converted<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const code = err instanceof Error && 'code' in err ? String((err as { code: unknown }).code) : '';
    if (err instanceof Error && PASSED_ON.has(code)) throw new ImportError(code as ImportErrorCode, err.message);
    throw new ImportError('corrupt', '文件转换失败，无法读取；请另存为 .docx、.xlsx 或文字版后再导入', { cause: err });
  }
}

/** Pages of a scanned PDF read by OCR at most: a notice is a few pages, OCR takes seconds a page. */
export const MAX_SCAN_PAGES = 30;

export const NO_OFFICE_CONVERTER: Record<LegacyKind, string> = {
  doc: '这是旧版 Word（.doc）或 WPS 文件，需要服务器安装 LibreOffice 才能读取；也可在 Word/WPS 中另存为 .docx 后再导入',
  xls: '这是旧版 Excel（.xls）文件，需要服务器安装 LibreOffice 才能读取；也可在 Excel/WPS 中另存为 .xlsx 后再导入',
};

export const NO_OCR =
  '这是扫描件（图片），需要服务器安装文字识别程序 tesseract 及其简体中文语言包（tesseract-ocr、tesseract-ocr-chi-sim）才能读取；也可导入通知的 Word 或文字版';

/** The warning every plan read by OCR carries, first: the office checks it against the paper. */
export const OCR_WARNING = '本文件是扫描件，文字经 OCR 识别，可能有错字，请逐项核对任务、单位和指标';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
export const isOle = (bytes: Uint8Array): boolean => bytes.length >= 512 && OLE.every((b, i) => bytes[i] === b);

/**
 * The names of an OLE compound file's streams and storages. Directory entries
 * are 128 bytes on 128-byte boundaries (sectors are 512 or 4096 bytes), so
 * reading every boundary for a well-formed entry finds them without walking
 * the allocation tables.
 */
export function oleEntryNames(bytes: Uint8Array): Set<string> {
  const names = new Set<string>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    const length = view.getUint16(at + 64, true);
    const type = bytes[at + 66];
    if (length < 4 || length > 64 || length % 2 !== 0 || (type !== 1 && type !== 2 && type !== 5)) continue;
    if (view.getUint16(at + length - 2, true) !== 0) continue;
    let name = '';
    let ok = true;
    for (let i = 0; i < length - 2; i += 2) {
      const c = view.getUint16(at + i, true);
      if (c === 0) {
        ok = false;
        break;
      }
      name += String.fromCharCode(c);
    }
    if (ok) names.add(name);
  }
  return names;
}

/** What an OLE compound file holds: a Word/WPS document, an Excel workbook, or neither; encrypted .docx/.xlsx refused. */
export function legacyKind(bytes: Uint8Array): LegacyKind {
  const names = oleEntryNames(bytes);
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) {
    throw new ImportError('unsupported', '文件已加密，请先在 Office 中取消密码后再导入');
  }
  // WPS writes its documents in Word's binary format (the WordDocument stream).
  if (names.has('WordDocument')) return 'doc';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  throw new ImportError('unsupported', '文件是 Office 复合文档，但不是 Word（.doc）、WPS（.wps）或 Excel（.xls）文档，无法导入');
}

/** PNG, JPEG and TIFF by their first bytes. */
export function imageKind(bytes: Uint8Array): ScanKind | null {
  const is = (sig: readonly number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (is([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (is([0xff, 0xd8, 0xff])) return 'jpeg';
  if (is([0x49, 0x49, 0x2a, 0x00]) || is([0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  return null;
}

const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef';
const ASCII_PUNCT = ',.;:!?()';
/** Spaces OCR puts between Chinese characters, and between them and punctuation read as ASCII. */
const OCR_SPACE = new RegExp(`(?<=[${CJK}])[ \\t\\u3000]+(?=[${CJK}${ASCII_PUNCT}])|(?<=[${CJK}${ASCII_PUNCT}])[ \\t\\u3000]+(?=[${CJK}])`, 'g');

/**
 * What OCR does to a line of Chinese: spaces between characters and around
 * punctuation, a space inside a number's marker (2 .), and a full-width
 * opening parenthesis read as a book-title or angle bracket that nothing
 * closes while a parenthesis does.
 */
export function tidyOcrLine(line: string): string {
  let text = line
    .replace(OCR_SPACE, '')
    .replace(/^(\d{1,3})\s+(?=[.．、])/, '$1')
    .trim();
  if (!/[》〉]/.test(text)) text = text.replace(/[《〈](?=[^《〈]*[)）])/g, '（');
  return text;
}

/**
 * OCR text (pages split by form feeds) as a text notice: each line tidied,
 * running headers, footers and page numbers dropped as for a PDF.
 */
export function documentFromOcr(text: string): NoticeDocument {
  const pages: PageLine[][] = text
    .split('\f')
    .map((page) =>
      page
        .split(/\r\n|\r|\n/)
        .map(tidyOcrLine)
        .filter((line) => line !== '')
        .map((line) => ({ text: line, heading: false })),
    )
    .filter((page) => page.length > 0);
  const lines = dropRunningLines(pages).flat();
  if (lines.length === 0) throw new ImportError('empty', '扫描件中没有识别出文字，请确认图片清晰、方向正确');
  return readText(new TextEncoder().encode(lines.map((l) => l.text).join('\n')));
}
