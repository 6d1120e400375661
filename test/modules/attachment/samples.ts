/**
 * Small files of every kind the attachment sniffer must tell apart, built in
 * memory: real Word and Excel files from the project's samples, ZIPs and OLE2
 * compound files written byte by byte, and a Windows executable's header.
 */
import { readFileSync } from 'node:fs';
import { samplePath } from '../../helpers/paths.js';
import { buildZip, concat, deflatedZeros } from '../../importer/zip-fixture.js';

const enc = new TextEncoder();
const bytes = (...parts: (string | number[])[]): Uint8Array => concat(parts.map((p) => (typeof p === 'string' ? enc.encode(p) : new Uint8Array(p))));

export const PDF = bytes('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
/** A 1×1 PNG. */
export const PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
export const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
export const GIF = bytes(
  'GIF89a',
  [
    0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
  ],
);
export const WEBP = bytes('RIFF', [0x1a, 0, 0, 0], 'WEBPVP8L', [0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]);
export const TEXT = enc.encode('关于新能源材料产业集群建设进展的说明\n一、已落地项目 3 个。\n');
/** The same words in GBK: not UTF-8, refused as text. */
export const GBK_TEXT = bytes([0xb9, 0xd8, 0xd3, 0xda, 0xd0, 0xc2, 0xc4, 0xdc, 0xd4, 0xb4]);
/** The start of a Windows executable (MZ header, DOS stub, PE signature). */
export const EXE = bytes(
  'MZ',
  [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00],
  'This program cannot be run in DOS mode.',
  [0, 0, 0, 0],
  'PE',
  [0, 0],
);

export const DOCX = new Uint8Array(readFileSync(samplePath('notice.docx')));
export const XLSX = new Uint8Array(readFileSync(samplePath('notice.xlsx')));
/** An Office Open XML package's [Content_Types].xml, declaring its main part as Office does (or not at all). */
const contentTypes = (main?: { part: string; type: string }): string =>
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  (main ? `<Override PartName="${main.part}" ContentType="${main.type}"/>` : '') +
  '</Types>';
const CONTENT_TYPES = contentTypes();
export const PPTX = buildZip([
  {
    name: '[Content_Types].xml',
    content: contentTypes({ part: '/ppt/presentation.xml', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml' }),
  },
  { name: '_rels/.rels', content: '<Relationships/>' },
  { name: 'ppt/presentation.xml', content: '<p:presentation/>' },
]);
/** A macro-enabled Word document: Word's own folders, but a main part that carries macros. Refused. */
export const DOCM = buildZip([
  { name: '[Content_Types].xml', content: contentTypes({ part: '/word/document.xml', type: 'application/vnd.ms-word.document.macroEnabled.main+xml' }) },
  { name: '_rels/.rels', content: '<Relationships/>' },
  { name: 'word/document.xml', content: '<w:document/>' },
  { name: 'word/vbaProject.bin', content: new Uint8Array(64) },
]);
export const OFD = buildZip([
  { name: 'OFD.xml', content: '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>' },
  { name: 'Doc_0/Document.xml', content: '<ofd:Document/>' },
]);
/** A Word document whose directory declares 150 MB for its parts: the ZIP guard refuses it before anything is inflated. */
export const DOCX_BOMB = buildZip([
  {
    name: '[Content_Types].xml',
    content: contentTypes({ part: '/word/document.xml', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' }),
  },
  { name: 'word/document.xml', rawData: new Uint8Array(2 * 1024 * 1024), declaredSize: 150 * 1024 * 1024 },
]);
const WORD_MAIN = { part: '/word/document.xml', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' };
/** A Word document whose directory lies: its body declares 10 kB and inflates to 1 GB of zeros. */
export const DOCX_LIAR = buildZip([
  { name: '[Content_Types].xml', content: contentTypes(WORD_MAIN) },
  { name: 'word/document.xml', rawData: deflatedZeros(1024), declaredSize: 10_000 },
]);
/** A plain ZIP that honestly declares the 200 MB of zeros it holds. */
export const ZIP_BOMB = buildZip([{ name: '照片.bmp', rawData: deflatedZeros(200), declaredSize: 200 * 1024 * 1024 }]);
/** A Word document of 10,001 parts, each of them empty. */
export const DOCX_SWARM = buildZip([
  { name: '[Content_Types].xml', content: contentTypes(WORD_MAIN) },
  { name: 'word/document.xml', content: '<w:document/>' },
  ...Array.from({ length: 9_999 }, (_, i) => ({ name: `word/media/p${i}.xml`, stored: true })),
]);
/** A ZIP that is no document: refused. */
export const PLAIN_ZIP = buildZip([{ name: 'setup.exe', content: EXE }]);
/** [Content_Types].xml without word/, xl/ or ppt/ parts (e.g. a Visio or XPS package): refused. */
export const OTHER_OOXML = buildZip([
  { name: '[Content_Types].xml', content: CONTENT_TYPES },
  { name: 'visio/document.xml', content: '<VisioDocument/>' },
]);

const SECTOR = 512;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;
const FREE = 0xffffffff;

/**
 * An OLE2 compound file (MS-CFB, 512-byte sectors) whose directory names the
 * given streams. Sector 0 holds the allocation table; the directory (four
 * entries per sector) follows in a chain of sectors.
 */
export function compoundFile(streams: readonly string[]): Uint8Array {
  const entries = ['Root Entry', ...streams];
  const dirSectors = Math.ceil(entries.length / 4);
  const file = new Uint8Array(SECTOR * (2 + dirSectors));
  const v = new DataView(file.buffer);
  file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  v.setUint16(0x18, 0x3e, true);
  v.setUint16(0x1a, 3, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, 1, true); // one FAT sector
  v.setUint32(0x30, 1, true); // the directory starts in sector 1
  v.setUint32(0x38, 0x1000, true);
  v.setUint32(0x3c, END_OF_CHAIN, true);
  v.setUint32(0x44, END_OF_CHAIN, true); // no DIFAT sectors
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + i * 4, i === 0 ? 0 : FREE, true);
  const fat = SECTOR;
  for (let i = 0; i < SECTOR / 4; i++) v.setUint32(fat + i * 4, FREE, true);
  v.setUint32(fat, FAT_SECTOR, true);
  for (let s = 1; s <= dirSectors; s++) v.setUint32(fat + s * 4, s === dirSectors ? END_OF_CHAIN : s + 1, true);
  entries.forEach((name, i) => {
    const at = SECTOR * 2 + i * 128;
    [...name].forEach((c, k) => v.setUint16(at + k * 2, c.charCodeAt(0), true));
    v.setUint16(at + 0x40, (name.length + 1) * 2, true);
    file[at + 0x42] = i === 0 ? 5 : 2;
    v.setUint32(at + 0x44, FREE, true);
    v.setUint32(at + 0x48, FREE, true);
    v.setUint32(at + 0x4c, FREE, true);
  });
  return file;
}

export const DOC = compoundFile(['\u0001CompObj', 'WordDocument', '1Table', '\u0005SummaryInformation']);
export const XLS = compoundFile(['Workbook', '\u0005SummaryInformation']);
/** An installer package is an OLE2 file too: refused. */
export const MSI = compoundFile(['\u4840\u3f3f\u4577\u446c\u3b6a\u45e4\u4824', '\u0005SummaryInformation']);
