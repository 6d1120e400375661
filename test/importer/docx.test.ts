import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, type FileChild } from 'docx';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineText, type NoticeDocument } from '../../src/importer/document.js';
import { readDocx, htmlToLines, decodeEntities } from '../../src/importer/docx.js';
import { ImportError } from '../../src/importer/errors.js';
import { buildZip } from './zip-fixture.js';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function docxOf(children: FileChild[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function importError(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error('expected an ImportError');
}

const texts = (d: NoticeDocument): string[] => d.lines.map(lineText);

describe('readDocx', () => {
  it('reads headings, paragraphs and bold runs', async () => {
    const bytes = await docxOf([
      new Paragraph({ text: '青川县人民政府关于印发示例任务分解的通知', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: '一、推动产业提质增效', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({
        children: [
          new TextRun('1.新建标准厂房 20 万平方米。（牵头领导：林远山；承办单位：'),
          new TextRun({ text: '县工信局', bold: true }),
          new TextRun('、县财政局）'),
        ],
      }),
      new Paragraph({ children: [new TextRun({ text: '　　黑体为主办单位，其他为协办单位。', bold: true })] }),
    ]);
    const doc = await readDocx(bytes);
    expect(texts(doc)).toEqual([
      '青川县人民政府关于印发示例任务分解的通知',
      '一、推动产业提质增效',
      '1.新建标准厂房 20 万平方米。（牵头领导：林远山；承办单位：县工信局、县财政局）',
      '黑体为主办单位，其他为协办单位。',
    ]);
    expect(doc.lines.map((l) => l.heading)).toEqual([true, true, false, false]);
    expect(doc.lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
    expect(doc.lines[2]?.runs).toEqual([
      { text: '1.新建标准厂房 20 万平方米。（牵头领导：林远山；承办单位：', bold: false },
      { text: '县工信局', bold: true },
      { text: '、县财政局）', bold: false },
    ]);
    expect(doc.hasBold).toBe(true);
  });

  it('reports hasBold false when nothing is bold', async () => {
    const doc = await readDocx(await docxOf([new Paragraph('普通段落，没有加粗。'), new Paragraph('第二段。')]));
    expect(doc.hasBold).toBe(false);
    expect(texts(doc)).toEqual(['普通段落，没有加粗。', '第二段。']);
  });

  it('decodes characters that HTML escapes', async () => {
    const doc = await readDocx(await docxOf([new Paragraph('增长 5% & 不低于 <3> 个 "重点" 项目')]));
    expect(texts(doc)).toEqual(['增长 5% & 不低于 <3> 个 "重点" 项目']);
  });

  it('turns a Word table into one tab-separated line per row', async () => {
    const cell = (text: string, bold = false): TableCell => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
    const bytes = await docxOf([
      new Paragraph('附件'),
      new Table({
        rows: [
          new TableRow({ children: [cell('序号'), cell('工作任务'), cell('牵头单位')] }),
          new TableRow({ children: [cell('1'), cell('建成示范园区 2 个'), cell('县商务局', true)] }),
          new TableRow({
            children: [cell('2'), new TableCell({ children: [new Paragraph('完善路网'), new Paragraph('新增公交线路 3 条')] }), cell('')],
          }),
        ],
      }),
    ]);
    const doc = await readDocx(bytes);
    expect(texts(doc)).toEqual(['附件', '序号\t工作任务\t牵头单位', '1\t建成示范园区 2 个\t县商务局', '2\t完善路网 新增公交线路 3 条\t']);
    expect(doc.lines[2]?.runs.find((r) => r.bold)?.text).toBe('县商务局');
  });

  it('keeps columns aligned across merged cells', async () => {
    const cell = (text: string, opts: { columnSpan?: number; rowSpan?: number } = {}): TableCell => new TableCell({ children: [new Paragraph(text)], ...opts });
    const bytes = await docxOf([
      new Table({
        rows: [
          new TableRow({ children: [cell('二、改善城乡环境', { columnSpan: 3 })] }),
          new TableRow({ children: [cell('3'), cell('治理河道 5 公里'), cell('郑清和', { rowSpan: 2 })] }),
          new TableRow({ children: [cell('4'), cell('新建公园 2 处')] }),
        ],
      }),
    ]);
    expect(texts(await readDocx(bytes))).toEqual(['二、改善城乡环境\t\t', '3\t治理河道 5 公里\t郑清和', '4\t新建公园 2 处\t郑清和']);
  });

  it('drops images and keeps the text around them', async () => {
    const image = (): ImageRun => new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } });
    const doc = await readDocx(
      await docxOf([
        new Paragraph({ children: [new TextRun('图示：'), image(), new TextRun('见上')] }),
        new Paragraph({ children: [image()] }),
        new Paragraph('结束'),
      ]),
    );
    expect(texts(doc)).toEqual(['图示：见上', '结束']);
  });

  it('starts a new line at a manual line break', async () => {
    const doc = await readDocx(
      await docxOf([new Paragraph({ children: [new TextRun('牵头领导：周明'), new TextRun({ text: '承办单位：县水利局', break: 1 })] })]),
    );
    expect(texts(doc)).toEqual(['牵头领导：周明', '承办单位：县水利局']);
  });
});

describe('readDocx failures', () => {
  it('rejects a truncated document as corrupt', async () => {
    const bytes = await docxOf([new Paragraph('示例内容')]);
    const err = await importError(readDocx(bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(err.code).toBe('corrupt');
  });

  it('rejects random bytes with a ZIP signature as corrupt', async () => {
    const bytes = new Uint8Array(2048).map((_, i) => (i * 31 + 7) % 256);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    expect((await importError(readDocx(bytes))).code).toBe('corrupt');
  });

  it('rejects a spreadsheet as not a Word document', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表1').addRow(['序号', '工作任务']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const err = await importError(readDocx(bytes));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('Excel');
  });

  it('rejects a ZIP without a Word body as unsupported', async () => {
    const err = await importError(readDocx(buildZip([{ name: 'readme.txt', content: '说明' }])));
    expect(err.code).toBe('unsupported');
  });

  it('rejects a Word body that is not XML as corrupt, with a one-line message', async () => {
    const bytes = buildZip([
      { name: '[Content_Types].xml', content: '<?xml version="1.0"?><Types/>' },
      { name: 'word/document.xml', content: '这不是 XML <<<' },
    ]);
    const err = await importError(readDocx(bytes));
    expect(err.code).toBe('corrupt');
    expect(err.message).not.toMatch(/\n|at /);
  });

  it('rejects a body too large to be a notice before converting it', async () => {
    const bytes = buildZip([{ name: 'word/document.xml', rawData: new Uint8Array(300_000), declaredSize: 25 * 1024 * 1024 }]);
    expect((await importError(readDocx(bytes))).code).toBe('too_large');
  });

  it('rejects a body that inflates beyond its declared size as a zip bomb', async () => {
    const huge = new Uint8Array(40 * 1024 * 1024);
    const honest = buildZip([{ name: 'word/document.xml', content: huge }]);
    const entryData = honest.subarray(30 + 'word/document.xml'.length, honest.length - 22 - 46 - 'word/document.xml'.length);
    const liar = buildZip([{ name: 'word/document.xml', rawData: entryData, declaredSize: 4000 }]);
    expect((await importError(readDocx(liar))).code).toBe('zip_bomb');
  });
});

describe('htmlToLines', () => {
  it('handles lists, nested lists, footnote markers and entities', () => {
    const html =
      '<ul><li>甲项<ul><li>甲项之一</li></ul></li></ul>' +
      '<p>正文<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>&#20013;&#x6587;&nbsp;</p>' +
      '<ol><li id="footnote-1"><p>脚注说明 <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(htmlToLines(html).map(lineText)).toEqual(['甲项', '甲项之一', '正文中文', '脚注说明']);
  });

  it('marks bold from <strong> and <b>, nested in other inline tags', () => {
    const lines = htmlToLines('<h2>标题</h2><p><em><strong>加粗</strong></em>与<b>粗体</b></p>');
    expect(lines[0]).toEqual({ line: 1, runs: [{ text: '标题', bold: false }], heading: true });
    expect(lines[1]?.runs).toEqual([
      { text: '加粗', bold: true },
      { text: '与', bold: false },
      { text: '粗体', bold: true },
    ]);
  });

  it('bounds hostile spans', () => {
    const lines = htmlToLines('<table><tr><td colspan="999999999">甲</td><td rowspan="999999999">乙</td></tr><tr><td>丙</td></tr></table>');
    expect(lines.map(lineText)).toEqual(['甲' + '\t'.repeat(64) + '乙', '丙\t' + '\t'.repeat(63) + '乙']);
  });

  it('survives malformed markup', () => {
    expect(htmlToLines('<p>未闭合<strong>粗</p></strong><p>下一段').map(lineText)).toEqual(['未闭合粗', '下一段']);
    expect(decodeEntities('&unknown; &#xZZ; &#0; &amp;lt;')).toBe('&unknown; &#xZZ; &#0; &lt;');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', 'p', 'b', 'br', '&', ';', '#', 'x', '中', ' ', '"', '=') }), (s) => {
        const lines = htmlToLines(s);
        expect(lines.every((l) => l.runs.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
