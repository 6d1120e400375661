/**
 * The pure parts of the PDF and scan front ends: lines rebuilt from placed
 * text, running headers, footers and page numbers dropped by general rules,
 * OCR text tidied, OLE files told apart, and the format told from the bytes.
 */
import { describe, expect, it } from 'vitest';
import { documentFromOcr, imageKind, legacyKind, tidyOcrLine } from '../../src/importer/convert.js';
import { lineText } from '../../src/importer/document.js';
import { detectFormat, ImportError, importNotice, type NoticeConverter } from '../../src/importer/index.js';
import { dropRunningLines, linesOfPage, type PageLine, type PlacedText } from '../../src/importer/pdf.js';

const at = (text: string, x: number, y: number, size = 10): PlacedText => ({ text, x, y, size, width: text.length * size });
const page = (...texts: string[]): PageLine[] => texts.map((text) => ({ text, heading: false }));
const texts = (pages: PageLine[][]): string[][] => pages.map((p) => p.map((l) => l.text));

describe('lines rebuilt from a page', () => {
  it('joins the items of one baseline in x order, top line first', () => {
    const lines = linesOfPage([at('单位', 70, 700), at('牵头', 50, 700.4), at('第二行', 50, 680), at('：', 90, 700)]);
    expect(lines.map((l) => l.text)).toEqual(['牵头单位：', '第二行']);
  });

  it('drops the spaces between Chinese items but keeps them between words and numbers', () => {
    const lines = linesOfPage([
      at('增长', 50, 700),
      at(' ', 70, 700),
      at('6.5%', 75, 700),
      at(' ', 110, 700),
      at('以上', 115, 700),
      at('数据', 50, 680),
      at(' ', 70, 680),
      at('中心', 72, 680),
    ]);
    expect(lines.map((l) => l.text)).toEqual(['增长 6.5% 以上', '数据中心']);
  });

  it('puts a tab between items standing apart as columns', () => {
    expect(linesOfPage([at('序号', 50, 700), at('任务', 150, 700)])[0]?.text).toBe('序号\t任务');
  });
});

describe('running headers, footers and page numbers', () => {
  it('drops a header repeated on most pages and the page numbers in the usual styles', () => {
    const pages = [
      page('某市人民政府文件', '一、总体要求', '正文第一页。', '- 1 -'),
      page('某市人民政府文件', '正文第二页。', '—2—'),
      page('某市人民政府文件', '正文第三页。', '第 3 页 共 4 页'),
      page('正文第四页。', '4/4'),
    ];
    expect(texts(dropRunningLines(pages))).toEqual([['一、总体要求', '正文第一页。'], ['正文第二页。'], ['正文第三页。'], ['正文第四页。']]);
  });

  it('drops a footer whose number changes page by page, and a bare number at the bottom', () => {
    const pages = [
      page('甲。', '2026年重点任务分解表（1）', '1'),
      page('乙。', '2026年重点任务分解表（2）', '2'),
      page('丙。', '2026年重点任务分解表（3）', '3'),
    ];
    expect(texts(dropRunningLines(pages))).toEqual([['甲。'], ['乙。'], ['丙。']]);
  });

  it('keeps what repeats on only a few pages, and body lines that only look alike', () => {
    const pages = [page('（一）加快发展', '正文。'), page('（二）扩大内需', '正文。'), page('一、总体要求', '正文。'), page('二、重点任务', '正文。')];
    const kept = texts(dropRunningLines(pages));
    expect(kept.map((p) => p[0])).toEqual(['（一）加快发展', '（二）扩大内需', '一、总体要求', '二、重点任务']);
  });

  it("keeps a table's header row where it first stands, not its repeats atop the next pages", () => {
    const head = '序号\t重点任务\t牵头单位';
    const pages = [page('2026年重点任务分解表', head, '1\t建设公园\t区园林局'), page(head, '2\t改造管网\t区水务局'), page(head, '3\t修建道路\t区交通局')];
    expect(texts(dropRunningLines(pages))).toEqual([
      ['2026年重点任务分解表', head, '1\t建设公园\t区园林局'],
      ['2\t改造管网\t区水务局'],
      ['3\t修建道路\t区交通局'],
    ]);
  });

  it('keeps a number that is the first line of a one-page text body, but not a page-number line', () => {
    expect(texts(dropRunningLines([page('12', '正文。', '第1页')]))).toEqual([['12', '正文。']]);
  });
});

describe('OCR text', () => {
  it('loses the spaces OCR puts between Chinese characters and around punctuation', () => {
    expect(tidyOcrLine('2 .改 造 老 旧 小 区 。 (牵头单位 : 区水务局 ; 配合单位: 区住建局)')).toBe('2.改造老旧小区。(牵头单位:区水务局;配合单位:区住建局)');
  });

  it('reads an unclosed book-title bracket before a closing parenthesis as an opening parenthesis', () => {
    expect(tidyOcrLine('建设公园。《牵头单位:区园林局)')).toBe('建设公园。（牵头单位:区园林局)');
    expect(tidyOcrLine('学习《政府工作报告》(全文)')).toBe('学习《政府工作报告》(全文)');
  });

  it('becomes a text notice, page footers dropped', () => {
    const doc = documentFromOcr('关于做好工作的通知\n1.建设公园。\n- 1 -\n\f2.改造管网。\n- 2 -\n\f');
    expect(doc.lines.map(lineText)).toEqual(['关于做好工作的通知', '1.建设公园。', '2.改造管网。']);
  });

  it('with no text is an empty scan', () => {
    expect(() => documentFromOcr('\f \n\f')).toThrow(ImportError);
  });
});

describe('formats by their first bytes', () => {
  const ole = (names: string[]): Uint8Array => {
    const bytes = new Uint8Array(1024);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const view = new DataView(bytes.buffer);
    ['Root Entry', ...names].forEach((name, i) => {
      const base = 512 + i * 128;
      for (let c = 0; c < name.length; c++) view.setUint16(base + c * 2, name.charCodeAt(c), true);
      view.setUint16(base + 64, (name.length + 1) * 2, true);
      bytes[base + 66] = i === 0 ? 5 : 2;
    });
    return bytes;
  };

  it('tells Word/WPS, Excel and encrypted Office files apart', async () => {
    expect(legacyKind(ole(['WordDocument', '1Table']))).toBe('doc');
    expect(legacyKind(ole(['Workbook']))).toBe('xls');
    expect(() => legacyKind(ole(['EncryptionInfo', 'EncryptedPackage']))).toThrow(/加密/);
    expect(() => legacyKind(ole(['Contents']))).toThrow(/不是 Word/);
    expect(await detectFormat(ole(['WordDocument']))).toBe('doc');
  });

  it('answers pdf for %PDF and image for PNG, JPEG and TIFF', async () => {
    expect(await detectFormat(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(imageKind(png)).toBe('png');
    expect(imageKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(imageKind(new Uint8Array([0x49, 0x49, 0x2a, 0x00]))).toBe('tiff');
    expect(await detectFormat(png)).toBe('image');
    expect(await detectFormat(new TextEncoder().encode('一、总体要求'))).toBe('text');
  });
});

describe('the converter the importer is given', () => {
  const word = (() => {
    const bytes = new Uint8Array(1024);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'WordDocument';
    const view = new DataView(bytes.buffer);
    for (let c = 0; c < name.length; c++) view.setUint16(512 + c * 2, name.charCodeAt(c), true);
    view.setUint16(512 + 64, (name.length + 1) * 2, true);
    bytes[512 + 66] = 2;
    return bytes;
  })();
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const failing = (err: Error): NoticeConverter => ({ toOpenXml: () => Promise.reject(err), ocr: () => Promise.reject(err) });
  const missing: NoticeConverter = { toOpenXml: () => Promise.resolve(null), ocr: () => Promise.resolve(null) };

  const refusal = async (work: Promise<unknown>): Promise<string> => {
    try {
      await work;
    } catch (err) {
      if (err instanceof ImportError) return `${err.code}: ${err.message}`;
      throw err;
    }
    throw new Error('expected ImportError');
  };

  it('says what to install where the program is missing', async () => {
    expect(await refusal(importNotice(word, { converter: missing }))).toMatch(/^unsupported: .*LibreOffice/);
    expect(await refusal(importNotice(png, { converter: missing }))).toMatch(/^unsupported: .*tesseract-ocr-chi-sim/);
  });

  it("passes a failure's code and message on, and words an unexpected one", async () => {
    const coded = Object.assign(new Error('扫描件无法识别（图片可能已损坏）'), { code: 'corrupt' });
    await expect(importNotice(png, { converter: failing(coded) })).rejects.toMatchObject({ code: 'corrupt', message: coded.message });
    expect(await refusal(importNotice(word, { converter: failing(new TypeError('spawn EACCES')) }))).toMatch(/^corrupt: 文件转换失败/);
  });

  it('marks a plan read by OCR first with the ocr warning', async () => {
    const ocr: NoticeConverter = { toOpenXml: () => Promise.resolve(null), ocr: () => Promise.resolve('1.建设公园。（牵头单位：区园林局）\f') };
    const plan = await importNotice(png, { converter: ocr });
    expect(plan.warnings[0]).toMatchObject({ code: 'ocr', task: null, line: null });
    expect(plan.tasks.map((t) => t.hostUnits)).toEqual([['区园林局']]);
  });
});
