/**
 * Spreadsheets whose header uses other words than 序号/工作任务/牵头单位:
 * each variant governments use is read into the same roles, with the header
 * below a title row, over two rows, and beside columns the plan ignores.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { importNotice } from '../../src/importer/index.js';

type Workbook = InstanceType<typeof ExcelJS.Workbook>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;
type Cell = string | number | null;

async function sheet(fill: (ws: Worksheet) => void): Promise<Plan> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('分解表'));
  return importNotice(new Uint8Array(await wb.xlsx.writeBuffer()));
}

/** A title row above the header, as most 分解表 have, then the header and the rows. */
const titled = (header: Cell[], rows: Cell[][]) => (ws: Worksheet) => {
  ws.getCell('A1').value = '南屏县2026年政府工作报告重点任务分解表';
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
};

const owners = (plan: Plan) => plan.tasks.map((t) => [t.number, t.text, t.leaders, t.hostUnits, t.coUnits, t.deadline]);

describe('spreadsheet headers in other words', () => {
  it('编号 | 重点工作 | 责任领导 | 牵头部门 | 配合部门 | 完成时限 | 备注', async () => {
    const plan = await sheet(
      titled(
        ['编号', '重点工作', '责任领导', '牵头部门', '配合部门', '完成时限', '备注'],
        [
          [1, '新建高标准农田2万亩', '林海波', '县农业农村局', '县财政局、县自然资源局', '2026年10月底', '跨年度项目'],
          [2, '建成县级物流园1个', '林海波', '县商务局', null, '2026年底', null],
        ],
      ),
    );
    expect(owners(plan)).toEqual([
      [1, '新建高标准农田2万亩', ['林海波'], ['县农业农村局'], ['县财政局', '县自然资源局'], '2026-10-31'],
      [2, '建成县级物流园1个', ['林海波'], ['县商务局'], [], '2026-12-31'],
    ]);
    expect(plan.title).toBe('南屏县2026年政府工作报告重点任务分解表');
  });

  it('序号 | 工作任务 | 牵头领导 | 主办单位 | 协办单位 | 完成时间', async () => {
    const plan = await sheet(
      titled(
        ['序号', '工作任务', '牵头领导', '主办单位', '协办单位', '完成时间'],
        [[1, '改造供热管网6公里', '陶志远', '县住建局', '县发展改革局', '2026年9月底']],
      ),
    );
    expect(owners(plan)).toEqual([[1, '改造供热管网6公里', ['陶志远'], ['县住建局'], ['县发展改革局'], '2026-09-30']]);
  });

  it('序号 | 目标任务 | 责任部门 | 时间节点, with a guessed lead where a cell lists several units', async () => {
    const plan = await sheet(
      titled(
        ['序号', '目标任务', '责任部门', '时间节点'],
        [
          [1, '城镇新增就业3000人', '县人社局', '2026年12月底'],
          [2, '完成植树造林1万亩', '县林业局、县自然资源局', '2026年5月底'],
        ],
      ),
    );
    expect(owners(plan)).toEqual([
      [1, '城镇新增就业3000人', [], ['县人社局'], [], '2026-12-31'],
      [2, '完成植树造林1万亩', [], ['县林业局'], ['县自然资源局'], '2026-05-31'],
    ]);
    expect(plan.warnings.filter((w) => w.code === 'host_guess').map((w) => [w.task, w.line])).toEqual([[2, 4]]);
  });

  it('序号 | 任务内容 | 工作目标 | 责任单位: the goal column joins the task text', async () => {
    const plan = await sheet(titled(['序号', '任务内容', '工作目标', '责任单位'], [[1, '推进城乡供水一体化', '新增农村集中供水人口1.2万人', '县水利局']]));
    expect(owners(plan)).toEqual([[1, '推进城乡供水一体化。新增农村集中供水人口1.2万人', [], ['县水利局'], [], null]]);
    expect(plan.tasks[0]?.targets.map((t) => [t.value, t.unit])).toEqual([[1.2, '万人']]);
  });

  it('编号 | 具体任务 | 牵头负责领导 | 牵头责任单位 | 协同责任单位', async () => {
    const plan = await sheet(
      titled(
        ['编号', '具体任务', '牵头负责领导', '牵头责任单位', '协同责任单位'],
        [[1, '培育国家级高新技术企业8家', '韩立新', '县科技局', '县工信局、县税务局']],
      ),
    );
    expect(owners(plan)).toEqual([[1, '培育国家级高新技术企业8家', ['韩立新'], ['县科技局'], ['县工信局', '县税务局'], null]]);
  });

  it('a header over two rows: 责任部门 over 牵头部门 | 配合部门, below a title and a document number', async () => {
    const plan = await sheet((ws) => {
      ws.getCell('A1').value = '南屏县2026年重点工作任务清单';
      ws.mergeCells('A1:E1');
      ws.getCell('A2').value = '南政办发〔2026〕7号';
      ws.getRow(3).values = ['序号', '重点任务', '责任部门', null, '完成时限'];
      ws.getRow(4).values = [null, null, '牵头部门', '配合部门', null];
      ws.mergeCells('A3:A4');
      ws.mergeCells('B3:B4');
      ws.mergeCells('C3:D3');
      ws.mergeCells('E3:E4');
      ws.getRow(5).values = [1, '新建污水处理厂1座', '县住建局', '县生态环境分局', '2026年11月底'];
      ws.getRow(6).values = [2, '完成城区雨污分流改造3公里', '县住建局', null, '2026年8月底'];
    });
    expect(owners(plan)).toEqual([
      [1, '新建污水处理厂1座', [], ['县住建局'], ['县生态环境分局'], '2026-11-30'],
      [2, '完成城区雨污分流改造3公里', [], ['县住建局'], [], '2026-08-31'],
    ]);
    expect(plan.docNumber).toBe('南政办发〔2026〕7号');
  });
});

describe('a workbook with one table per sheet', () => {
  it('reads every sheet, numbers the tasks in one sequence and puts each under its sheet’s title', async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('附件1');
    first.addRow(['附件1']);
    first.addRow(['2026年主要预期目标分解表']);
    first.addRow(['序号', '预期目标', '责任单位']);
    first.addRow([1, '地区生产总值增长6%', '县发展改革局']);
    first.addRow([2, '居民人均可支配收入增长7%', '县统计局']);
    const second = wb.addWorksheet('重点工作');
    second.addRow(['序号', '重点工作', '牵头单位', '配合单位']);
    second.addRow([1, '建成县城停车场2个', '县住建局', '县公安局']);
    const plan = await importNotice(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(plan.tasks.map((t) => [t.number, t.section, t.hostUnits, t.coUnits])).toEqual([
      [1, '附件1', ['县发展改革局'], []],
      [2, '附件1', ['县统计局'], []],
      [3, '二', ['县住建局'], ['县公安局']],
    ]);
    expect(plan.sections).toEqual([
      { number: '附件1', title: '2026年主要预期目标分解表' },
      { number: '二', title: '重点工作' },
    ]);
    expect(plan.warnings.filter((w) => w.code === 'numbering_duplicate')).toEqual([]);
  });
});

describe('a workbook whose later sheets repeat tasks of the first', () => {
  it('reads each task once', async () => {
    const wb = new ExcelJS.Workbook();
    const all = wb.addWorksheet('全部任务');
    all.addRow(['序号', '工作任务', '牵头单位']);
    all.addRow([1, '建成污水处理站2座', '县住建局']);
    all.addRow([2, '新增绿地5公顷', '县林业局']);
    const part = wb.addWorksheet('一、城乡建设');
    part.addRow(['序号', '工作任务', '牵头单位']);
    part.addRow([2, '新增绿地5公顷', '县林业局']);
    const plan = await importNotice(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(plan.tasks.map((t) => [t.number, t.hostUnits])).toEqual([
      [1, ['县住建局']],
      [2, ['县林业局']],
    ]);
  });
});

describe('owner cells listing one unit per line', () => {
  it('reads units apart by line breaks or spaces as a list, and keeps groups apart by ，', async () => {
    const plan = await sheet(
      titled(
        ['序号', '工作任务', '牵头单位', '配合单位'],
        [
          [1, '建成农村供水保障工程3处', '县水利局', '县财政局\n县自然资源局'],
          [2, '改造城区老旧燃气管道10公里', '县住建局 县城管局', '县应急局'],
        ],
      ),
    );
    expect(plan.tasks.map((t) => [t.number, t.hostUnits, t.coUnits])).toEqual([
      [1, ['县水利局'], ['县财政局', '县自然资源局']],
      [2, ['县住建局', '县城管局'], ['县应急局']],
    ]);
  });
});
