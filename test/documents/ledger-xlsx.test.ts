/**
 * The ledger workbook as people open it: exceljs reads back every task and
 * target row with its owners; the header is frozen and filtered, pages print
 * A3 landscape with the title rows repeated; one sheet per section on
 * request; text that looks like a formula stays text; LibreOffice opens it.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry, LedgerExport } from '../../src/documents/ledger-content.js';
import { ledgerRowCount } from '../../src/documents/ledger-content.js';
import { LEDGER_HEADERS, renderLedgerXlsx, sheetName } from '../../src/documents/ledger-xlsx.js';
import { pdfText, pdfWords, toPdf } from '../helpers/office.js';

type Worksheet = ReturnType<InstanceType<typeof ExcelJS.Workbook>['addWorksheet']>;

const task = (over: Partial<LedgerEntry> & Pick<LedgerEntry, 'number' | 'section' | 'text'>): LedgerEntry => ({
  leaders: ['闵晓川'],
  hostUnits: ['区工业和信息化局'],
  coUnits: ['区发展和改革局', '各镇街'],
  deadline: '2026-12-31',
  deadlineText: '年内',
  light: 'none',
  completed: false,
  lastReportedOn: null,
  reasons: [],
  targets: [],
  ...over,
});

const LEDGER: LedgerExport = {
  plan: { title: '临河区2026年重点任务分解', year: 2026, docNumber: '临河政发〔2026〕3号', issuer: '青川市临河区人民政府' },
  asOf: '2026-03-31',
  sections: [
    { number: '二', title: '坚持产业强区' },
    { number: '三', title: '坚持创新驱动：培育[新质]生产力/提升能级?又一个很长很长很长的标题' },
  ],
  tasks: [
    task({
      number: 1,
      section: '二',
      text: '锚定新能源材料产业集群，年内新增营收18亿元、突破160亿元，认定专精特新企业25家以上。',
      light: 'yellow',
      lastReportedOn: '2026-04-05',
      targets: [
        { text: '年内新增营收18亿元', value: 18, unit: '亿元', qualifiers: [], actual: 12, completion: 12 / 18 },
        { text: '突破160亿元', value: 160, unit: '亿元', qualifiers: [], actual: null, completion: null },
        { text: '认定专精特新企业25家以上', value: 25, unit: '家', qualifiers: ['以上'], actual: 3, completion: 0.12 },
      ],
    }),
    task({
      number: 2,
      section: '二',
      text: '出台新兴产业培育专项扶持办法。',
      hostUnits: ['区商务局'],
      coUnits: [],
      light: 'red',
      deadline: '2026-06-30',
      deadlineText: '6月底前',
      reasons: ['3月份进展报告应于 4月5日前报送，逾期未报', '督办〔2026〕第1号（红色）尚未办结'],
    }),
    task({
      number: 1,
      section: '三',
      text: '建设科技创新平台，研发投入增长10%。',
      light: 'green',
      completed: true,
      targets: [{ text: '研发投入增长10%', value: 10, unit: '%', qualifiers: [], actual: 12, completion: 1.2 }],
    }),
  ],
};

/** Text a spreadsheet would take for a formula, were it not stored as a string. */
const INJECTIONS = ['=HYPERLINK("http://example.invalid","点击")', '+1+2', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1\r\n=2'];

const INJECTED: LedgerExport = {
  ...LEDGER,
  tasks: [
    task({
      number: 1,
      section: '二',
      text: INJECTIONS[0] ?? '',
      leaders: [INJECTIONS[1] ?? ''],
      hostUnits: [INJECTIONS[2] ?? ''],
      coUnits: [INJECTIONS[3] ?? ''],
      targets: [
        { text: INJECTIONS[4] ?? '', value: -5, unit: '%', qualifiers: [], actual: null, completion: null },
        { text: INJECTIONS[5] ?? '', value: null, unit: null, qualifiers: [], actual: null, completion: null },
      ],
    }),
  ],
};

async function load(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook;
}

function rowTexts(sheet: Worksheet, row: number): unknown[] {
  return LEDGER_HEADERS.map((_, i) => sheet.getRow(row).getCell(i + 1).value);
}

const column = (header: string): number => LEDGER_HEADERS.indexOf(header) + 1;

describe('the ledger workbook', () => {
  it('holds a title row, one header row and one row per task and target, with the owners', async () => {
    const workbook = await load(await renderLedgerXlsx(LEDGER));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['任务台账']);
    const sheet = workbook.worksheets[0] as Worksheet;
    expect(sheet.getCell('A1').text).toBe('临河区2026年重点任务分解\n任务台账（临河政发〔2026〕3号，截至2026年3月31日）');
    expect(sheet.getCell('N1').isMerged).toBe(true);
    expect(rowTexts(sheet, 2)).toEqual([
      '序号',
      '部分',
      '工作任务',
      '牵头领导',
      '牵头单位',
      '责任单位',
      '完成时限',
      '目标',
      '计划值',
      '最新完成值',
      '完成率',
      '状态',
      '最近报送日期',
      '亮灯原因',
    ]);
    expect(sheet.rowCount).toBe(2 + ledgerRowCount(LEDGER));
    expect(ledgerRowCount(LEDGER)).toBe(5);

    // Task 1 takes three rows, one per target; its own cells are merged over them, read back on each.
    for (const [row, target, planned, actual] of [
      [3, '年内新增营收18亿元', '18亿元', '12亿元'],
      [4, '突破160亿元', '160亿元', ''],
      [5, '认定专精特新企业25家以上', '25家以上', '3家'],
    ] as const) {
      const cells = rowTexts(sheet, row);
      expect(cells.slice(0, 8)).toEqual([1, '二、坚持产业强区', LEDGER.tasks[0]?.text, '闵晓川', '区工业和信息化局', '区发展和改革局、各镇街', '年内', target]);
      expect(cells.slice(8, 10)).toEqual([planned, actual]);
      expect(cells[11]).toBe('黄');
      expect(cells[12]).toEqual(new Date('2026-04-05T00:00:00Z'));
    }
    expect(sheet.getRow(3).getCell(column('完成率')).value).toBeCloseTo(12 / 18, 12);
    expect(sheet.getRow(3).getCell(column('完成率')).numFmt).toBe('0.0%');
    expect(sheet.getRow(4).getCell(column('完成率')).value).toBeNull();

    // A task without targets takes one row with its target cells empty.
    expect(rowTexts(sheet, 6)).toEqual([
      2,
      '二、坚持产业强区',
      '出台新兴产业培育专项扶持办法。',
      '闵晓川',
      '区商务局',
      '',
      '6月底前',
      '',
      '',
      '',
      null,
      '红',
      null,
      '3月份进展报告应于 4月5日前报送，逾期未报\n督办〔2026〕第1号（红色）尚未办结',
    ]);
    expect(rowTexts(sheet, 7).slice(0, 2)).toEqual([1, '三、坚持创新驱动：培育[新质]生产力/提升能级?又一个很长很长很长的标题']);
    expect(sheet.getRow(7).getCell(column('状态')).value).toBe('绿（已销号）');
    // Why a light: one reason a line, wrapped; none for a task without reasons.
    expect(sheet.getRow(6).getCell(column('亮灯原因')).alignment.wrapText).toBe(true);
    expect(sheet.getRow(3).getCell(column('亮灯原因')).value).toBe('');

    // The light is a coloured cell.
    const fill = (row: number): unknown => {
      const f = sheet.getRow(row).getCell(column('状态')).fill;
      return f.type === 'pattern' ? f.fgColor?.argb : undefined;
    };
    expect([fill(3), fill(6), fill(7)]).toEqual(['FFFFD966', 'FFF4796B', 'FF70C17A']);
  });

  it('freezes the header, filters it, and prints A3 landscape fitted to the width with the header row on every page', async () => {
    const workbook = await load(await renderLedgerXlsx(LEDGER));
    const sheet = workbook.worksheets[0] as Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBe('A2:N7');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' });
    expect(sheet.getColumn(column('工作任务')).width).toBeGreaterThanOrEqual(40);
    expect(sheet.getRow(3).getCell(column('工作任务')).alignment.wrapText).toBe(true);
  });

  it('puts each section on a sheet of its own after the whole ledger, under names Excel accepts', async () => {
    const workbook = await load(await renderLedgerXlsx(LEDGER, { bySection: true }));
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toHaveLength(3);
    expect(names[0]).toBe('全部任务');
    expect(names[1]).toBe('二、坚持产业强区');
    for (const name of names) {
      expect([...name].length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    const [all, second, third] = workbook.worksheets as [Worksheet, Worksheet, Worksheet];
    expect(all.rowCount).toBe(7);
    expect(second.rowCount).toBe(2 + 4);
    expect(third.rowCount).toBe(2 + 1);
    expect(third.getRow(3).getCell(column('工作任务')).value).toBe('建设科技创新平台，研发投入增长10%。');
    expect(third.pageSetup.printTitlesRow).toBe('2:2');
    expect(third.autoFilter).toBe('A2:N3');
    expect(sheetName('a'.repeat(40))).toHaveLength(31);
    expect(sheetName('[]:*?/\\')).not.toMatch(/[[\]:*?/\\]/);
  });

  it('stores text that starts with = + - @, a tab or a carriage return as text, never as a formula, and gives it back verbatim', async () => {
    const bytes = await renderLedgerXlsx(INJECTED, { bySection: true });
    const zip = await JSZip.loadAsync(bytes);
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n));
    expect(sheets.length).toBe(2);
    for (const name of sheets) {
      const xml = (await zip.file(name)?.async('string')) ?? '';
      expect(xml).not.toMatch(/<f[\s>/]/);
    }
    const sheet = (await load(bytes)).worksheets[0] as Worksheet;
    const cells = [
      sheet.getRow(3).getCell(column('工作任务')),
      sheet.getRow(3).getCell(column('牵头领导')),
      sheet.getRow(3).getCell(column('牵头单位')),
      sheet.getRow(3).getCell(column('责任单位')),
      sheet.getRow(3).getCell(column('目标')),
      sheet.getRow(4).getCell(column('目标')),
    ];
    cells.forEach((cell, i) => {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      // Line breaks are stored as Excel stores them: a line feed.
      expect(cell.value).toBe(INJECTIONS[i]?.replace(/\r\n?/g, '\n'));
    });
    expect(sheet.getRow(3).getCell(column('计划值')).value).toBe('-5%');
  });

  it('writes each task once: its own cells merged over its target rows, wrapped, each row as tall as its text', async () => {
    const sheet = (await load(await renderLedgerXlsx(LEDGER))).worksheets[0] as Worksheet;
    const TASK_COLUMNS = ['序号', '部分', '工作任务', '牵头领导', '牵头单位', '责任单位', '完成时限', '状态', '最近报送日期', '亮灯原因'];
    for (const header of LEDGER_HEADERS) {
      const [first, second, third] = [3, 4, 5].map((row) => sheet.getRow(row).getCell(column(header)));
      if (TASK_COLUMNS.includes(header)) {
        // One value, in the first row; the rows below belong to its merged range.
        expect(second?.type, header).toBe(ExcelJS.ValueType.Merge);
        expect(third?.master.address, header).toBe(first?.address);
      } else {
        expect(second?.type, header).not.toBe(ExcelJS.ValueType.Merge);
      }
    }
    // The task's text is held once per task, in the first of its rows.
    const texts: string[] = [];
    sheet.getColumn(column('工作任务')).eachCell((cell, row) => {
      if (row > 2 && cell.type === ExcelJS.ValueType.String && typeof cell.value === 'string') texts.push(cell.value);
    });
    expect(texts).toEqual(LEDGER.tasks.map((t) => t.text));
    // Rows carry their height: a task's long text makes its rows taller than one line.
    const long = { ...LEDGER, tasks: [task({ number: 1, section: '二', text: '推进'.repeat(200), targets: [] })] };
    const tall = (await load(await renderLedgerXlsx(long))).worksheets[0] as Worksheet;
    expect(tall.getRow(3).height).toBeGreaterThan(10 * 15);
    for (const row of [3, 4, 5, 6, 7]) expect(sheet.getRow(row).height, `row ${row}`).toBeGreaterThanOrEqual(15);
    expect(sheet.getRow(3).getCell(column('工作任务')).font.size).toBeGreaterThanOrEqual(10);
  });

  it('prints in LibreOffice on A3 landscape in type of 10 points or more, each task once, the header on every page', { timeout: 120_000 }, async () => {
    const many: LedgerExport = {
      ...LEDGER,
      tasks: Array.from({ length: 40 }, (_, i) =>
        task({
          number: i + 1,
          section: '二',
          text: `第${i + 1}项任务：${'统筹推进重点项目建设，'.repeat(8)}`,
          targets: [{ text: `完成投资${i + 1}亿元`, value: i + 1, unit: '亿元', qualifiers: [], actual: null, completion: null }],
        }),
      ),
    };
    const pdf = await toPdf(await renderLedgerXlsx(many), 'xlsx');
    const { pages, pageSize } = await pdfText(pdf);
    expect(pageSize.width).toBeCloseTo(1190.55, 0);
    expect(pageSize.height).toBeCloseTo(841.89, 0);
    expect(pages).toBeGreaterThan(1);
    const words = await pdfWords(pdf);
    // The header on every page; a full-width character is one em wide, so 工作任务 is four times the printed size.
    const headers = words.filter((w) => w.text === '工作任务');
    expect(headers.map((w) => w.page)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    for (const h of headers) expect((h.xMax - h.xMin) / 4).toBeGreaterThanOrEqual(10);
    // Each task's text starts once, and the text is wrapped (its words come on several lines).
    for (let i = 1; i <= 40; i++)
      expect(
        words.filter((w) => w.text.startsWith(`第${i}项任务`)),
        `task ${i}`,
      ).toHaveLength(1);
  });

  it('opens in LibreOffice, which prints the title and the host units', { timeout: 120_000 }, async () => {
    const { text } = await pdfText(await toPdf(await renderLedgerXlsx(LEDGER), 'xlsx'));
    expect(text).toContain('临河区2026年重点任务分解');
    expect(text).toContain('区工业和信息化局');
    expect(text).toContain('区商务局');
  });
});
