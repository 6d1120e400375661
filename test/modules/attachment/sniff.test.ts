/** The sniffer tells a file's kind from its content alone; names and claimed types play no part. */
import { describe, expect, it } from 'vitest';
import { MEDIA, sniff } from '../../../src/modules/attachment/sniff.js';
import {
  compoundFile,
  DOC,
  DOCM,
  DOCX,
  DOCX_BOMB,
  DOCX_LIAR,
  DOCX_SWARM,
  EXE,
  GBK_TEXT,
  GIF,
  JPEG,
  MSI,
  OFD,
  OTHER_OOXML,
  PDF,
  PLAIN_ZIP,
  PNG,
  PPTX,
  TEXT,
  WEBP,
  XLS,
  XLSX,
  ZIP_BOMB,
} from './samples.js';

describe('sniff', () => {
  it.each([
    ['PDF', PDF, MEDIA.pdf.mediaType],
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['GIF', GIF, 'image/gif'],
    ['WebP', WEBP, 'image/webp'],
    ['OFD (a ZIP holding OFD.xml)', OFD, 'application/ofd'],
    ['Word .docx (the sample notice)', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['Excel .xlsx (the sample notice)', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['PowerPoint .pptx', PPTX, 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['legacy Word .doc (OLE2 with a WordDocument stream)', DOC, 'application/msword'],
    ['legacy Excel .xls (OLE2 with a Workbook stream)', XLS, 'application/vnd.ms-excel'],
    ['legacy Excel 5 .xls (OLE2 with a Book stream)', compoundFile(['Book']), 'application/vnd.ms-excel'],
    ['UTF-8 text in Chinese', TEXT, 'text/plain; charset=utf-8'],
    ['UTF-8 text with a byte order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...TEXT]), 'text/plain; charset=utf-8'],
    ['UTF-8 text that begins like an XML file', new TextEncoder().encode('<?xml version="1.0"?><说明>已落地项目 3 个</说明>'), 'text/plain; charset=utf-8'],
  ])('recognises %s', async (_name, bytes, mediaType) => {
    expect((await sniff(bytes))?.mediaType).toBe(mediaType);
  });

  it.each([
    ['an empty file', new Uint8Array()],
    ['a Windows executable', EXE],
    ['an ELF binary', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00])],
    ['text with a NUL byte', new Uint8Array([...TEXT, 0, ...TEXT])],
    ['GBK text (not UTF-8)', GBK_TEXT],
    ['a ZIP holding an executable', PLAIN_ZIP],
    ['an Office Open XML package that is not Word, Excel or PowerPoint', OTHER_OOXML],
    ['a macro-enabled Word document (.docm)', DOCM],
    ['an installer (.msi, OLE2 without Word or Excel streams)', MSI],
    ['an encrypted Office file (OLE2 with EncryptedPackage)', compoundFile(['EncryptedPackage', 'EncryptionInfo', 'WordDocument'])],
    ['a truncated OLE2 header', DOC.subarray(0, 100)],
    ['a truncated ZIP', DOCX.subarray(0, 2000)],
    ['a RIFF file that is not WebP (WAV)', new Uint8Array([...new TextEncoder().encode('RIFF'), 0x24, 0, 0, 0, ...new TextEncoder().encode('WAVEfmt ')])],
  ])('refuses %s', async (_name, bytes) => {
    expect(await sniff(bytes)).toBeNull();
  });

  it.each([
    ['a Word document whose parts declare 150 MB', DOCX_BOMB, '文件中的“word/document.xml”解压后为 150 MB，超过 100 MB 上限，疑似压缩炸弹，已拒绝'],
    [
      'a Word document whose directory lies (10 kB declared, 1 GB inside)',
      DOCX_LIAR,
      '文件中的“word/document.xml”解压后远超其声明的 9.8 KB，疑似压缩炸弹，已拒绝',
    ],
    ['a plain ZIP holding 200 MB of zeros', ZIP_BOMB, '文件中的“照片.bmp”解压后为 200 MB，超过 100 MB 上限，疑似压缩炸弹，已拒绝'],
    ['a Word document of 10,001 parts', DOCX_SWARM, '文件内含 10001 个部件，超过 10000 个的上限，疑似压缩炸弹，已拒绝'],
  ])('refuses %s as too large, not as an unknown kind', async (_name, bytes, message) => {
    await expect(sniff(bytes)).rejects.toMatchObject({ code: 'zip_bomb', message });
  });

  it('finds the Word stream in a directory that spans several sectors', async () => {
    const many = compoundFile([
      '\u0001CompObj',
      '\u0005SummaryInformation',
      '\u0005DocumentSummaryInformation',
      'Data',
      'ObjectPool',
      '1Table',
      'WordDocument',
    ]);
    // Header, allocation table, and two directory sectors: WordDocument is the eighth entry, in the second.
    expect(many.length).toBe(4 * 512);
    expect((await sniff(many))?.mediaType).toBe('application/msword');
  });

  it('refuses an OLE2 file whose directory chain loops', async () => {
    const looped = compoundFile(['A', 'B', 'C', 'D', 'E', 'F', 'WordDocument']);
    // Point the last directory sector back at the first: the reader must stop, not spin.
    const v = new DataView(looped.buffer);
    v.setUint32(512 + 2 * 4, 1, true);
    expect(await sniff(looped)).toBeNull();
  });

  it('does not take a PDF signature that is not at the start', async () => {
    expect(await sniff(new Uint8Array([0x4d, 0x5a, 0, 0, ...PDF]))).toBeNull();
  });
});
