/**
 * What a file is, from its content alone: the name and the type the client
 * claims are never believed, so an executable named 报告.pdf is refused and a
 * photo named 说明.txt is stored as the image it is. Pure: bytes in, a media
 * type (or null) out.
 *
 * Accepted: PDF, OFD (GB/T 33190, a ZIP holding OFD.xml), PNG, JPEG, GIF,
 * WebP, Office Open XML (.docx/.xlsx/.pptx), legacy Word and Excel (OLE2
 * compound files holding a WordDocument or Workbook stream), and UTF-8 plain
 * text. Everything else, including other ZIPs and other OLE2 files such as
 * installers (.msi), is refused.
 *
 * file-type reads the magic numbers and tells Office Open XML packages apart
 * by the main part their [Content_Types].xml declares. What it cannot tell is
 * ours: OFD (to file-type a plain ZIP), legacy Word from legacy Excel from
 * other compound files (to file-type all "cfb"), and plain text, which has no
 * magic number. Every ZIP passes the importer's ZIP guard before file-type
 * inflates any part of it: every entry is inflated as a stream under the
 * attachment limits, whatever the directory declares. A ZIP over a limit is
 * no unknown kind but a file too large: sniff throws the guard's ImportError
 * (code zip_bomb), whose sentence names the limit.
 */
import { fileTypeFromBuffer } from 'file-type';
import { checkInflatedSizes, ImportError, type ZipLimits } from '../../importer/index.js';

export interface Sniffed {
  mediaType: string;
  /** What a clerk calls it. */
  label: string;
}

export const MEDIA = {
  pdf: { mediaType: 'application/pdf', label: 'PDF' },
  ofd: { mediaType: 'application/ofd', label: 'OFD' },
  png: { mediaType: 'image/png', label: 'PNG 图片' },
  jpeg: { mediaType: 'image/jpeg', label: 'JPEG 图片' },
  gif: { mediaType: 'image/gif', label: 'GIF 图片' },
  webp: { mediaType: 'image/webp', label: 'WebP 图片' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档（.docx）' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 表格（.xlsx）' },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint 演示文稿（.pptx）' },
  doc: { mediaType: 'application/msword', label: 'Word 文档（.doc）' },
  xls: { mediaType: 'application/vnd.ms-excel', label: 'Excel 表格（.xls）' },
  text: { mediaType: 'text/plain; charset=utf-8', label: '纯文本（UTF-8）' },
} as const satisfies Record<string, Sniffed>;

/** The accepted kinds, for the message that refuses the others. */
export const ACCEPTED_KINDS = 'PDF、OFD、Word（.docx、.doc）、Excel（.xlsx、.xls）、PowerPoint（.pptx）、PNG/JPEG/GIF/WebP 图片、UTF-8 纯文本';

/** file-type's answers that are accepted kinds, by its media type. */
const BY_FILE_TYPE: ReadonlyMap<string, Sniffed> = new Map<string, Sniffed>([
  ['application/pdf', MEDIA.pdf],
  ['image/png', MEDIA.png],
  ['image/apng', MEDIA.png], // an animated PNG is a PNG to every viewer
  ['image/jpeg', MEDIA.jpeg],
  ['image/gif', MEDIA.gif],
  ['image/webp', MEDIA.webp],
  ...[MEDIA.docx, MEDIA.xlsx, MEDIA.pptx].map((m): [string, Sniffed] => [m.mediaType, m]),
]);

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The kind of the content, or null when it is none of the accepted kinds. */
export async function sniff(bytes: Uint8Array): Promise<Sniffed | null> {
  if (bytes.length === 0) return null;
  if (ZIP.every((b, i) => bytes[i] === b)) return sniffZip(bytes);
  const type = await fileType(bytes);
  const known = type && BY_FILE_TYPE.get(type.mime);
  if (known) return known;
  if (type?.ext === 'cfb') return sniffOle(bytes);
  // Text with a signature-like start (an XML declaration, "BEGIN:VCARD") is text all the same.
  return isUtf8Text(bytes) ? MEDIA.text : null;
}

const MB = 1024 * 1024;

/** What a ZIP attached as evidence may hold once inflated: a tighter total than a notice's. */
export const ATTACHMENT_ZIP_LIMITS: Partial<ZipLimits> = { maxTotalUncompressed: 100 * MB, maxEntryUncompressed: 100 * MB };

/** A ZIP is accepted only as an OFD or an Office Open XML document. */
async function sniffZip(bytes: Uint8Array): Promise<Sniffed | null> {
  let names: string[];
  try {
    names = (await checkInflatedSizes(bytes, ATTACHMENT_ZIP_LIMITS)).entries.map((e) => e.name);
  } catch (err) {
    // A bomb is refused for its size; a broken or encrypted archive is simply no accepted kind.
    if (err instanceof ImportError && err.code === 'zip_bomb') throw err;
    return null;
  }
  if (names.includes('OFD.xml')) return MEDIA.ofd;
  const type = await fileType(bytes);
  return (type && BY_FILE_TYPE.get(type.mime)) ?? null;
}

/** file-type's answer; content it cannot parse is content it does not know. */
async function fileType(bytes: Uint8Array): Promise<{ ext: string; mime: string } | undefined> {
  try {
    return await fileTypeFromBuffer(bytes);
  } catch {
    return undefined;
  }
}

/** Valid UTF-8 without NUL bytes: executables and other binaries fail one or the other. */
function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * An OLE2 compound file is a small file system; legacy Word keeps its text in
 * a stream named WordDocument, legacy Excel in Workbook (Book before Excel 97).
 * Other compound files (installers, Outlook messages, encrypted Office files)
 * hold other streams and are refused.
 */
function sniffOle(bytes: Uint8Array): Sniffed | null {
  let names: Set<string>;
  try {
    names = oleStreamNames(bytes);
  } catch {
    return null;
  }
  if (names.has('EncryptedPackage')) return null;
  if (names.has('WordDocument')) return MEDIA.doc;
  if (names.has('Workbook') || names.has('Book')) return MEDIA.xls;
  return null;
}

const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTOR = 0xfffffffa;
const DIR_ENTRY = 128;

/** Names of the entries in the compound file's directory (MS-CFB). Throws on a broken structure. */
function oleStreamNames(bytes: Uint8Array): Set<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) throw new Error('sector size');
  const size = 1 << shift;
  // The header fills sector -1; a short last sector still counts (reads past the end throw).
  const sectors = Math.ceil(bytes.length / size) - 1;
  const offset = (sector: number): number => {
    if (sector > MAX_SECTOR || sector >= sectors) throw new Error('sector out of range');
    return (sector + 1) * size;
  };

  // The sectors of the allocation table: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatCount = view.getUint32(0x2c, true);
  if (fatCount > sectors) throw new Error('fat count');
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(view.getUint32(0x4c + i * 4, true));
  let difat = view.getUint32(0x44, true);
  for (let guard = 0; fatSectors.length < fatCount && difat !== END_OF_CHAIN; guard++) {
    if (guard > sectors) throw new Error('difat loop');
    const at = offset(difat);
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i++) fatSectors.push(view.getUint32(at + i * 4, true));
    difat = view.getUint32(at + size - 4, true);
  }
  const next = (sector: number): number => {
    const perSector = size / 4;
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined) throw new Error('sector outside the allocation table');
    return view.getUint32(offset(fatSector) + (sector % perSector) * 4, true);
  };

  const names = new Set<string>();
  let sector = view.getUint32(0x30, true);
  for (let guard = 0; sector !== END_OF_CHAIN; guard++) {
    if (guard > sectors) throw new Error('directory loop');
    const at = offset(sector);
    for (let e = at; e + DIR_ENTRY <= Math.min(at + size, bytes.length); e += DIR_ENTRY) {
      const nameBytes = view.getUint16(e + 0x40, true);
      const type = bytes[e + 0x42];
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      names.add(new TextDecoder('utf-16le').decode(bytes.subarray(e, e + nameBytes - 2)));
    }
    sector = next(sector);
  }
  return names;
}
