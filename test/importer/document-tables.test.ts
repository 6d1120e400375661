/**
 * Tables inside Word and Markdown notices in the shapes governments publish:
 * other header words, a header over two rows, merged cells, a table split at a
 * page break with its header repeated, several attachments, prose beside the
 * table.
 */
import { Document, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { importNotice } from '../../src/importer/index.js';

const cell = (text: string, opts: { columnSpan?: number; rowSpan?: number; bold?: boolean } = {}): TableCell =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: opts.bold ?? false })] })],
    ...(opts.columnSpan ? { columnSpan: opts.columnSpan } : {}),
    ...(opts.rowSpan ? { rowSpan: opts.rowSpan } : {}),
  });

const row = (cells: TableCell[]): TableRow => new TableRow({ children: cells });

async function docxOf(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

const para = (text: string): Paragraph => new Paragraph({ text });

const NOTICE = [
  para('东川县人民政府办公室关于印发2026年重点工作任务分解表的通知'),
  para('东政办〔2026〕5号'),
  para('各乡镇人民政府，县政府各部门：'),
  para('现将2026年重点工作任务分解表印发给你们，请结合实际认真贯彻落实。'),
  para('一、提高认识。各单位要把重点工作摆在突出位置，主要负责同志亲自抓。'),
  para('二、强化督查。县政府督查室按季度通报各项任务进展情况。'),
  para('附件：2026年重点工作任务分解表'),
  para('东川县人民政府办公室'),
  para('2026年3月2日'),
];

/** "编号 | 具体任务 | 分管领导 | 责任单位 (主办单位 | 协办单位) | 时间节点 | 备注": the header over two rows. */
const twoRowHeader = (): TableRow[] => [
  row([
    cell('编号', { rowSpan: 2, bold: true }),
    cell('具体任务', { rowSpan: 2, bold: true }),
    cell('分管领导', { rowSpan: 2, bold: true }),
    cell('责任单位', { columnSpan: 2, bold: true }),
    cell('时间节点', { rowSpan: 2, bold: true }),
    cell('备注', { rowSpan: 2, bold: true }),
  ]),
  row([cell('主办单位', { bold: true }), cell('协办单位', { bold: true })]),
];

const essence = (plan: Plan) => plan.tasks.map((t) => [t.number, t.text, t.leaders, t.hostUnits, t.coUnits, t.deadline]);

describe('a Word notice with prose and a table split over two pages', () => {
  it('reads the table under a two-row header, merged leader cells, and the rows after the repeated header', async () => {
    const bytes = await docxOf([
      ...NOTICE,
      para('附件'),
      para('2026年重点工作任务分解表'),
      new Table({
        rows: [
          ...twoRowHeader(),
          row([
            cell('1'),
            cell('新建污水管网8公里'),
            cell('赵明远', { rowSpan: 2 }),
            cell('县住建局'),
            cell('县水利局、县生态环境分局'),
            cell('2026年9月底'),
            cell('续建'),
          ]),
          row([cell('2'), cell('建成垃圾中转站2座'), cell('县城管局'), cell(''), cell('2026年11月底'), cell('')]),
        ],
      }),
      new Paragraph({ children: [new PageBreak()] }),
      new Table({
        rows: [
          ...twoRowHeader(),
          row([cell('3'), cell('新增公共停车位500个'), cell('钱晓峰'), cell('县公安局'), cell('县交通运输局'), cell('2026年底'), cell('')]),
        ],
      }),
    ]);
    const plan = await importNotice(bytes);
    expect(essence(plan)).toEqual([
      [1, '新建污水管网8公里', ['赵明远'], ['县住建局'], ['县水利局', '县生态环境分局'], '2026-09-30'],
      [2, '建成垃圾中转站2座', ['赵明远'], ['县城管局'], [], '2026-11-30'],
      [3, '新增公共停车位500个', ['钱晓峰'], ['县公安局'], ['县交通运输局'], '2026-12-31'],
    ]);
    expect(plan.title).toBe('东川县人民政府办公室关于印发2026年重点工作任务分解表的通知');
    expect(plan.date).toBe('2026-03-02');
    expect(plan.warnings.filter((w) => w.code === 'numbering_duplicate' || w.code === 'numbering_gap')).toEqual([]);
  });

  it('reads a header row repeated inside the same table as a header, not as a task', async () => {
    const header = row(['序号', '重点工作', '牵头单位', '配合单位'].map((h) => cell(h, { bold: true })));
    const bytes = await docxOf([
      ...NOTICE,
      new Table({
        rows: [
          header,
          row([cell('1'), cell('建成5G基站300个'), cell('县工信局'), cell('县电信公司')]),
          header,
          row([cell('2'), cell('培育省级专精特新企业3家'), cell('县科技局'), cell('')]),
        ],
      }),
    ]);
    const plan = await importNotice(bytes);
    expect(plan.tasks.map((t) => [t.number, t.text, t.hostUnits, t.coUnits])).toEqual([
      [1, '建成5G基站300个', ['县工信局'], ['县电信公司']],
      [2, '培育省级专精特新企业3家', ['县科技局'], []],
    ]);
  });
});

describe('a Word table whose unit cell holds one unit per paragraph', () => {
  it('reads the paragraphs of the cell as a list of units', async () => {
    const units = new TableCell({ children: [new Paragraph('县财政局'), new Paragraph('县市场监管局')] });
    const bytes = await docxOf([
      ...NOTICE,
      new Table({
        rows: [row(['序号', '工作任务', '牵头单位', '配合单位'].map((h) => cell(h))), row([cell('1'), cell('新增发明专利授权120件'), cell('县科技局'), units])],
      }),
    ]);
    const plan = await importNotice(bytes);
    expect(plan.tasks.map((t) => [t.number, t.hostUnits, t.coUnits])).toEqual([[1, ['县科技局'], ['县财政局', '县市场监管局']]]);
  });
});

describe('a Word notice with two attached tables numbered from 1 each', () => {
  it('numbers the tasks in one sequence and puts each under its attachment', async () => {
    const bytes = await docxOf([
      ...NOTICE,
      para('附件1'),
      para('2026年主要目标任务分解表'),
      new Table({
        rows: [
          row(['序号', '目标任务', '责任单位'].map((h) => cell(h))),
          row([cell('1'), cell('地区生产总值增长6.5%'), cell('县发展改革局')]),
          row([cell('2'), cell('一般公共预算收入增长5%'), cell('县财政局、县税务局')]),
        ],
      }),
      para('附件2'),
      para('2026年民生实事清单'),
      new Table({
        rows: [
          row(['序号', '任务内容', '牵头部门', '配合部门', '完成时间'].map((h) => cell(h))),
          row([cell('1'), cell('改造农村公路20公里'), cell('县交通运输局'), cell('各乡镇'), cell('2026年10月底')]),
        ],
      }),
    ]);
    const plan = await importNotice(bytes);
    expect(plan.tasks.map((t) => [t.number, t.section, t.hostUnits, t.coUnits])).toEqual([
      [1, '附件1', ['县发展改革局'], []],
      [2, '附件1', ['县财政局'], ['县税务局']],
      [3, '附件2', ['县交通运输局'], ['各乡镇']],
    ]);
    expect(plan.sections).toEqual([
      { number: '附件1', title: '2026年主要目标任务分解表' },
      { number: '附件2', title: '2026年民生实事清单' },
    ]);
    expect(plan.warnings.filter((w) => w.code === 'host_guess').map((w) => w.task)).toEqual([2]);
    expect(plan.warnings.filter((w) => w.code === 'numbering_duplicate')).toEqual([]);
  });
});

describe('a Markdown notice with prose and a table', () => {
  const md = [
    '# 西岭区人民政府办公室关于印发2026年重点任务清单的通知',
    '',
    '西政办发〔2026〕12号',
    '',
    '各街道办事处，区政府各部门：',
    '',
    '一、压实责任。各牵头单位要细化措施，按月报送进展。',
    '',
    '二、加强调度。区政府办公室每季度调度一次。',
    '',
    '| 序号 | 任务内容 | 牵头领导 | 牵头部门 | 配合部门 | 完成时间 | 备注 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    '| 1 | 新建口袋公园6个 | 孙立群 | 区城管局 | 区住建局、区财政局 | 2026年6月底 | |',
    '| 2 | 新增城镇就业5000人 | 孙立群 | 区人社局 | | 2026年12月底 | 年度 |',
    '| 序号 | 任务内容 | 牵头领导 | 牵头部门 | 配合部门 | 完成时间 | 备注 |',
    '| 3 | 完成老旧管网改造15公里 | 周文斌 | 区水务局 | 区住建局 | 2026年10月底 | |',
    '',
    '西岭区人民政府办公室',
    '',
    '2026年1月28日',
  ].join('\n');

  it('reads the table under other header words, passes the repeated header, and keeps the notice around it', async () => {
    const plan = await importNotice(new TextEncoder().encode(md));
    expect(essence(plan)).toEqual([
      [1, '新建口袋公园6个', ['孙立群'], ['区城管局'], ['区住建局', '区财政局'], '2026-06-30'],
      [2, '新增城镇就业5000人', ['孙立群'], ['区人社局'], [], '2026-12-31'],
      [3, '完成老旧管网改造15公里', ['周文斌'], ['区水务局'], ['区住建局'], '2026-10-31'],
    ]);
    expect(plan.docNumber).toBe('西政办发〔2026〕12号');
    expect(plan.date).toBe('2026-01-28');
    expect(plan.tasks[1]?.targets.map((t) => [t.value, t.unit])).toEqual([[5000, '人']]);
  });
});
