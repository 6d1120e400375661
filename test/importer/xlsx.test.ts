import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/importer/errors.js';
import { headerRole, normalizeHeader, type NoticeTable } from '../../src/importer/table.js';
import { readXlsx } from '../../src/importer/xlsx.js';
import { readEntries } from '../../src/importer/zip-guard.js';
import { buildZip } from './zip-fixture.js';

type Workbook = InstanceType<typeof ExcelJS.Workbook>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;

async function xlsxOf(fill: (wb: Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
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

/** Rewrites parts of a real workbook, as a hostile or unusual writer would. */
async function patchZip(bytes: Uint8Array, patch: Record<string, (xml: string) => string>): Promise<Uint8Array> {
  const entries = [];
  for await (const [name, data] of readEntries(bytes, () => true)) {
    const text = new TextDecoder().decode(data);
    entries.push({ name, content: patch[name]?.(text) ?? text });
  }
  return buildZip(entries);
}

async function simpleWorkbook(): Promise<Uint8Array> {
  return xlsxOf((wb) => {
    const ws = wb.addWorksheet('表');
    ws.addRow(['序号', '工作任务', '牵头单位']);
    ws.addRow([1, '建设污水管网 12 公里', '县住建局']);
    ws.mergeCells('A4:C4');
  });
}

/** A typical 分解表: title and document number above a header whose cells wrap. */
function typicalSheet(ws: Worksheet): void {
  ws.getCell('A1').value = '东岚县2026年政府工作报告重点任务分解表';
  ws.mergeCells('A1:F1');
  ws.getCell('A2').value = '东政办发〔2026〕9号';
  ws.getRow(3).values = ['序\n号', '工作\n任务', '责任\n领导', '牵头\n单位', '配合 单位', '完成时限（月）'];
  ws.getCell('A4').value = '一、聚力产业升级';
  ws.mergeCells('A4:F4');
  ws.getRow(5).values = [1, '新培育规上企业 12 家', '吴一帆', null, '县财政局', new Date(Date.UTC(2026, 5, 30))];
  ws.getCell('D5').value = {
    richText: [{ text: '县工信局', font: { bold: true } }, { text: '、' }, { text: '县科技局', font: { bold: true } }],
  };
  ws.getRow(6).values = [{ formula: 'A5+1', result: 2 }, '建成冷链物流中心 1 个', null, '县商务局', '', '2026年底'];
  ws.mergeCells('C5:C6');
  ws.getCell('A7').value = '二、改善民生福祉';
  ws.mergeCells('A7:F7');
  ws.getRow(8).values = [3, '=不是公式，是原文', '何晓青', { text: '县教育局', hyperlink: 'https://example.org' }, null, null];
  ws.getRow(10).values = ['注：加粗为主办单位。'];
  ws.mergeCells('A10:F10');
}

describe('readXlsx on a typical table', () => {
  let table: NoticeTable;

  it('finds the header through line breaks and spaces in header cells', async () => {
    table = await readXlsx(await xlsxOf((wb) => typicalSheet(wb.addWorksheet('分解表'))));
    expect(table.sheet).toBe('分解表');
    expect(table.headerRow).toBe(3);
    expect(table.columns).toEqual({ number: 1, text: 2, leaders: 3, hosts: 4, coUnits: 5, deadline: 6 });
  });

  it('keeps the rows above the header as preamble', () => {
    expect(table.preamble).toEqual([
      { row: 1, text: '东岚县2026年政府工作报告重点任务分解表' },
      { row: 2, text: '东政办发〔2026〕9号' },
    ]);
  });

  it('reads task rows with their section, rich text, formula results, dates and links', () => {
    expect(table.rows).toEqual([
      {
        row: 5,
        section: '一、聚力产业升级',
        cells: { number: '1', text: '新培育规上企业 12 家', leaders: '吴一帆', hosts: '县工信局、县科技局', coUnits: '县财政局', deadline: '2026-06-30' },
        bold: { hosts: ['县工信局', '县科技局'] },
      },
      {
        row: 6,
        section: '一、聚力产业升级',
        cells: { number: '2', text: '建成冷链物流中心 1 个', leaders: '吴一帆', hosts: '县商务局', deadline: '2026年底' },
        bold: {},
      },
      {
        row: 8,
        section: '二、改善民生福祉',
        cells: { number: '3', text: '=不是公式，是原文', leaders: '何晓青', hosts: '县教育局' },
        bold: {},
      },
    ]);
  });

  it('puts closing notes in the trailer', () => {
    expect(table.trailer).toEqual([{ row: 10, text: '注：加粗为主办单位。' }]);
  });
});

describe('readXlsx layouts', () => {
  it('reads a two-row header with 责任单位 over 牵头单位 and 配合单位', async () => {
    const bytes = await xlsxOf((wb) => {
      const ws = wb.addWorksheet('表');
      ws.getRow(1).values = ['序号', '重点任务', '责任单位', null, '时间节点'];
      ws.getRow(2).values = [null, null, '牵头单位', '配合单位'];
      ws.mergeCells('A1:A2');
      ws.mergeCells('B1:B2');
      ws.mergeCells('C1:D1');
      ws.mergeCells('E1:E2');
      ws.getRow(3).values = [1, '改造老旧小区 8 个', '县住建局', '各镇街', '11月'];
    });
    const table = await readXlsx(bytes);
    expect(table.headerRow).toBe(2);
    expect(table.columns).toEqual({ number: 1, text: 2, hosts: 3, coUnits: 4, deadline: 5 });
    expect(table.rows.map((r) => r.cells)).toEqual([{ number: '1', text: '改造老旧小区 8 个', hosts: '县住建局', coUnits: '各镇街', deadline: '11月' }]);
  });

  it('treats 责任单位 beside 牵头单位 as the co-units column', async () => {
    const bytes = await xlsxOf((wb) => {
      const ws = wb.addWorksheet('表');
      ws.addRow(['序号', '任务内容', '牵头单位', '责任单位']);
      ws.addRow([1, '建设智慧停车场 2 处', '县城管局', '县公安局、县交通局']);
    });
    const table = await readXlsx(bytes);
    expect(table.columns).toEqual({ number: 1, text: 2, hosts: 3, coUnits: 4 });
    expect(table.rows[0]?.cells.coUnits).toBe('县公安局、县交通局');
  });

  it('uses a 类别 column as the section and reads 一 in the number column as a heading', async () => {
    const bytes = await xlsxOf((wb) => {
      const ws = wb.addWorksheet('表');
      ws.addRow(['类别', '编号', '主要任务', '责任单位', '牵头领导']);
      ws.addRow([null, '一', '文化旅游', null, null]);
      ws.addRow(['文旅', 1, '举办节会活动 6 场', '县文旅局', '孙启明']);
      ws.addRow([null, 2, '创建 4A 景区 1 个', '县文旅局', '孙启明']);
    });
    const table = await readXlsx(bytes);
    expect(table.rows.map((r) => [r.row, r.section])).toEqual([
      [3, '文旅'],
      [4, '一、文化旅游'],
    ]);
  });

  it('does not mistake a first section named like a header for a second header row', async () => {
    const bytes = await xlsxOf((wb) => {
      const ws = wb.addWorksheet('表');
      ws.addRow(['序号', '工作任务', '责任领导', '牵头单位']);
      ws.addRow(['一、重点任务']);
      ws.mergeCells('A2:D2');
      ws.addRow([1, '新建农贸市场 1 个', '钱立群', '县商务局']);
      ws.addRow([null, null, '钱立群']);
      ws.mergeCells('C3:C4');
      ws.addRow(['东岚县人民政府办公室']);
      ws.mergeCells('A5:D5');
    });
    const table = await readXlsx(bytes);
    expect(table.headerRow).toBe(1);
    expect(table.columns).toEqual({ number: 1, text: 2, leaders: 3, hosts: 4 });
    expect(table.rows.map((r) => [r.row, r.section, r.cells.leaders])).toEqual([[3, '一、重点任务', '钱立群']]);
    expect(table.trailer).toEqual([{ row: 5, text: '东岚县人民政府办公室' }]);
  });

  it('skips a first sheet without a header and uses the next one', async () => {
    const bytes = await xlsxOf((wb) => {
      wb.addWorksheet('填表说明').addRow(['请按时填报。']);
      const ws = wb.addWorksheet('任务表');
      ws.addRow(['序号', '工作任务', '承办单位']);
      ws.addRow([1, '新增就业岗位 800 个', '县人社局']);
    });
    const table = await readXlsx(bytes);
    expect(table.sheet).toBe('任务表');
    expect(table.rows[0]?.cells).toEqual({ number: '1', text: '新增就业岗位 800 个', units: '县人社局' });
  });

  it('shows percentages, decimals and errors as Excel displays them', async () => {
    const bytes = await xlsxOf((wb) => {
      const ws = wb.addWorksheet('表');
      ws.addRow(['序号', '工作任务', '牵头单位', '完成时限']);
      ws.addRow([1, { formula: '0.1+0.2', result: 0.30000000000000004 }, '县统计局', { formula: 'NA()', result: { error: '#N/A' } }]);
      ws.addRow([2, '增长率', '县发改局', 0.065]);
      ws.getCell('D3').numFmt = '0.0%';
    });
    const table = await readXlsx(bytes);
    expect(table.rows.map((r) => [r.cells.text, r.cells.deadline])).toEqual([
      ['0.3', '#N/A'],
      ['增长率', '6.5%'],
    ]);
  });
});

describe('readXlsx against expensive structures', () => {
  const sheet = 'xl/worksheets/sheet1.xml';

  it('refuses a merge over the whole sheet before exceljs expands it', async () => {
    const bytes = await patchZip(await simpleWorkbook(), { [sheet]: (xml) => xml.replace('A4:C4', 'A4:XFD1048576') });
    const started = Date.now();
    const err = await importError(readXlsx(bytes));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('合并单元格');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a defined name over a huge range', async () => {
    const bytes = await patchZip(await simpleWorkbook(), {
      'xl/workbook.xml': (xml) => xml.replace('</sheets>', '</sheets><definedNames><definedName name="全部">表!$A$1:$Z$1000000</definedName></definedNames>'),
    });
    expect((await importError(readXlsx(bytes))).code).toBe('unsupported');
  });

  it('reads a sheet whose whole column carries a dropdown, quickly', async () => {
    const validation =
      '<dataValidations count="1"><dataValidation type="list" sqref="C2:C1048576"><formula1>"县住建局,县水利局"</formula1></dataValidation></dataValidations>';
    const bytes = await patchZip(await simpleWorkbook(), {
      [sheet]: (xml) => xml.replace('</mergeCells>', `</mergeCells>${validation}`),
    });
    const started = Date.now();
    const table = await readXlsx(bytes);
    expect(table.rows[0]?.cells.hosts).toBe('县住建局');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('header names', () => {
  it('normalises and matches header cells', () => {
    expect(normalizeHeader(' 牵头\n单位（加粗为主办）：')).toBe('牵头单位');
    expect(headerRole('牵头\r\n单位')).toBe('hosts');
    expect(headerRole('任务序号')).toBe('number');
    expect(headerRole('牵头区领导')).toBe('leaders');
    expect(headerRole('东岚县2026年政府工作报告重点任务分解表')).toBeNull();
    expect(headerRole('')).toBeNull();
  });
});

describe('readXlsx failures', () => {
  it('rejects a sheet without a task header as unsupported', async () => {
    const bytes = await xlsxOf((wb) => {
      wb.addWorksheet('表').addRow(['姓名', '电话']);
    });
    const err = await importError(readXlsx(bytes));
    expect(err.code).toBe('unsupported');
    expect(err.message).toBe('表格中找不到任务表头（应含“序号”“工作任务”“牵头单位”等列）');
  });

  it('rejects a sheet too large to be a notice before loading it', async () => {
    const bytes = buildZip([
      { name: 'xl/workbook.xml', content: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', rawData: new Uint8Array(300_000), declaredSize: 25 * 1024 * 1024 },
    ]);
    const err = await importError(readXlsx(bytes));
    expect(err.code).toBe('too_large');
    expect(err.message).toContain('25.0 MB');
  });

  it('rejects a truncated workbook as corrupt', async () => {
    const bytes = await xlsxOf((wb) => typicalSheet(wb.addWorksheet('表')));
    expect((await importError(readXlsx(bytes.subarray(0, Math.floor(bytes.length / 2))))).code).toBe('corrupt');
  });

  it('rejects a Word document as not a spreadsheet', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('正文')] }] });
    const err = await importError(readXlsx(new Uint8Array(await Packer.toBuffer(doc))));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('Word');
  });

  it('rejects a workbook whose parts are not XML as corrupt', async () => {
    const bytes = buildZip([
      { name: '[Content_Types].xml', content: '<?xml version="1.0"?><Types/>' },
      { name: 'xl/workbook.xml', content: '<<< 损坏 >>>' },
    ]);
    const err = await importError(readXlsx(bytes));
    expect(['corrupt', 'unsupported']).toContain(err.code);
    expect(err.message).not.toContain('\n');
  });
});
