/**
 * Tables flattened to text (a web page or a PDF of a Word table: one cell per
 * paragraph) are read as tables: header found by its column words, rows by
 * their number cells, tables of several attachments numbered in one sequence.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { readText } from '../../src/importer/text.js';
import { flatTableFromDocument } from '../../src/importer/flat-table.js';
import { importNotice } from '../../src/importer/index.js';
import { hasSeed, samplePath, seedPath } from '../helpers/paths.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = async (text: string): Promise<Plan> => importNotice(utf8(text));

/** Paragraphs as a web page gives them: a blank line between cells. */
const page = (lines: string[]): string => lines.join('\n\n');

const HEAD = [
  '青禾县人民政府办公室关于印发2026年县政府工作报告目标任务分解表的通知',
  '青政办发〔2026〕3号',
  '各乡镇人民政府，县级各部门：',
  '现将2026年县政府工作报告目标任务分解表印发给你们，请认真抓好落实。',
  '附件：1. 2026年主要预期目标分解表',
  '2. 2026年重点工作任务分解表',
  '青禾县人民政府办公室',
  '2026年2月12日',
];

const TWO_ATTACHMENTS = [
  ...HEAD,
  '附件1',
  '2026年主要预期目标分解表',
  ...['序号', '2026年预期目标', '责任单位'],
  ...['1', '地区生产总值增长6%左右', '县发展改革局'],
  ...['2', '规模以上工业增加值增长8%', '县工信局、县科技局'],
  ...['3', '城镇新增就业2000人', '县人社局'],
  '附件2',
  '2026年重点工作任务分解表',
  ...['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
  // A topic cell stands before the task text.
  ...['1', '产业升级', '新建标准化厂房5万平方米，引进配套企业10家', '县工信局', '县自然资源局、县住建局', '2026年底'],
  // No co-unit: the empty cell left no paragraph, the deadline follows the host.
  ...['2', '改造老旧小区12个，惠及居民3000户', '县住建局', '2026年10月底'],
  // The header repeated at the top of the next page; the numbering goes on.
  ...['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
  ...['3', '新增普惠托育位200个', '县卫健局', '县教育局', '2026年12月底'],
];

describe('a notice whose tables were flattened to one cell per paragraph', () => {
  it('reads both attachments as tasks numbered in one sequence, each under its attachment', async () => {
    const plan = await read(page(TWO_ATTACHMENTS));
    expect(plan.tasks.map((t) => [t.number, t.section, t.hostUnits, t.coUnits])).toEqual([
      [1, '附件1', ['县发展改革局'], []],
      [2, '附件1', ['县工信局'], ['县科技局']],
      [3, '附件1', ['县人社局'], []],
      [4, '附件2', ['县工信局'], ['县自然资源局', '县住建局']],
      [5, '附件2', ['县住建局'], []],
      [6, '附件2', ['县卫健局'], ['县教育局']],
    ]);
    expect(plan.sections).toEqual([
      { number: '附件1', title: '2026年主要预期目标分解表' },
      { number: '附件2', title: '2026年重点工作任务分解表' },
    ]);
    expect(plan.title).toBe('青禾县人民政府办公室关于印发2026年县政府工作报告目标任务分解表的通知');
    expect(plan.docNumber).toBe('青政办发〔2026〕3号');
  });

  it('keeps the topic cell in front of the task text, reads targets and the deadline column', async () => {
    const plan = await read(page(TWO_ATTACHMENTS));
    const task = (n: number) => plan.tasks.find((t) => t.number === n);
    expect(task(4)?.text).toBe('产业升级：新建标准化厂房5万平方米，引进配套企业10家');
    expect(task(4)?.deadline).toBe('2026-12-31');
    expect(task(5)?.deadline).toBe('2026-10-31');
    expect(task(1)?.targets.map((t) => [t.value, t.unit, t.kind])).toEqual([[6, '%', 'growth_rate']]);
    expect(task(6)?.targets.map((t) => [t.value, t.unit])).toEqual([[200, '个']]);
  });

  it('never reads header cells, row numbers or the notice around the tables as tasks or units', async () => {
    const plan = await read(page(TWO_ATTACHMENTS));
    const units = plan.tasks.flatMap((t) => [...t.hostUnits, ...t.coUnits]);
    for (const word of ['序号', '责任单位', '牵头单位', '配合单位', '完成时限', '1', '2']) expect(units).not.toContain(word);
    expect(plan.tasks.map((t) => t.text).join()).not.toMatch(/序号|工作任务|附件/);
  });

  it('warns where a 责任单位 cell lists several units and the notice does not say which leads', async () => {
    const plan = await read(page(TWO_ATTACHMENTS));
    expect(plan.warnings.filter((w) => w.code === 'host_guess').map((w) => [w.task, w.message])).toEqual([
      [2, '第 2 项任务列了多个责任单位，通知没有写明哪一个牵头，已按排在第一位的“县工信局”确定为牵头单位，请核对'],
    ]);
  });

  it('takes the first unit as the host without a warning when the notice says the first listed leads', async () => {
    const stated = TWO_ATTACHMENTS.map((l) => (l.startsWith('现将') ? `${l}责任单位中排在第一位的为牵头单位。` : l));
    const plan = await read(page(stated));
    expect(plan.tasks[1]?.hostUnits).toEqual(['县工信局']);
    expect(plan.warnings.filter((w) => w.code === 'host_guess')).toEqual([]);
  });

  it('reads paragraphs without blank lines between them, and a row cut short at the end of an excerpt', async () => {
    const cut = [
      ...HEAD,
      '附件',
      '重点工作任务清单',
      ...['序号', '重点工作', '责任领导', '牵头单位'],
      '1',
      '建成乡村振兴示范村5个',
      '副县长',
      '县农业农村局',
      '2',
      '新建公办幼儿园2所',
    ];
    const plan = await read(cut.join('\n'));
    expect(plan.tasks.map((t) => [t.number, t.text, t.leaders, t.hostUnits])).toEqual([
      [1, '建成乡村振兴示范村5个', ['副县长'], ['县农业农村局']],
      [2, '新建公办幼儿园2所', [], []],
    ]);
  });

  it('reads a two-row header flattened (责任单位 over 牵头单位 and 配合单位) and heading rows inside the table', async () => {
    const lines = [
      ...HEAD,
      '附件',
      '2026年县政府工作报告重点任务分解表',
      ...['序号', '重点任务', '责任领导', '责任单位', '牵头单位', '配合单位'],
      '一、推动产业提质增效',
      ...['1', '新增规模以上工业企业15家', '刘卫东', '县工信局', '县统计局、县税务局'],
      ...['2', '实现旅游综合收入增长12%', '刘卫东', '县文旅局', '各乡镇'],
      // "二" in the number column, its title in the next cell.
      ...['二', '办好民生实事'],
      ...['1', '新建城乡社区养老服务站8个', '陈静怡', '县民政局', '县卫健局'],
      '抄送：县委办公室，县人大常委会办公室。',
    ];
    const plan = await read(page(lines));
    expect(plan.tasks.map((t) => [t.number, t.section, t.leaders, t.hostUnits, t.coUnits])).toEqual([
      [1, '一', ['刘卫东'], ['县工信局'], ['县统计局', '县税务局']],
      [2, '一', ['刘卫东'], ['县文旅局'], ['各乡镇']],
      [3, '二', ['陈静怡'], ['县民政局'], ['县卫健局']],
    ]);
    expect(plan.sections).toEqual([
      { number: '一', title: '推动产业提质增效' },
      { number: '二', title: '办好民生实事' },
    ]);
  });

  it('carries a merged 类别 cell down its rows and places units where no leader is named', async () => {
    const lines = [
      ...HEAD,
      '附件',
      '2026年重点任务分解表',
      ...['序号', '类别', '重点任务', '牵头领导', '牵头单位', '配合单位'],
      ...['1', '产业发展', '新建农产品冷链仓储中心1个', '王刚', '县商务局', '县农业农村局'],
      ...['2', '引进亿元以上项目20个', '县投资促进中心'],
      ...['3', '社会事业', '新建公办幼儿园3所', '李芳', '县教育局', '县住建局、县财政局'],
    ];
    const plan = await read(page(lines));
    expect(plan.tasks.map((t) => [t.number, t.section, t.text, t.leaders, t.hostUnits, t.coUnits])).toEqual([
      [1, '一', '新建农产品冷链仓储中心1个', ['王刚'], ['县商务局'], ['县农业农村局']],
      [2, '一', '引进亿元以上项目20个', [], ['县投资促进中心'], []],
      [3, '二', '新建公办幼儿园3所', ['李芳'], ['县教育局'], ['县住建局', '县财政局']],
    ]);
    expect(plan.sections).toEqual([
      { number: '一', title: '产业发展' },
      { number: '二', title: '社会事业' },
    ]);
  });

  it('ends the last row where the page goes on after the table, and keeps a leader who is a 常委', async () => {
    const lines = [
      ...HEAD,
      '附件',
      '重点任务清单',
      ...['序号', '工作任务', '责任领导', '牵头单位', '配合单位'],
      ...['1', '建成智慧停车平台1个', '县委常委', '县公安局', '县城管局'],
      ...['2', '新增公共充电桩300个', '副县长', '县发展改革局'],
      '扫一扫在手机打开当前页',
      '打印本页 关闭窗口',
    ];
    const plan = await read(page(lines));
    expect(plan.tasks.map((t) => [t.number, t.leaders, t.hostUnits, t.coUnits])).toEqual([
      [1, ['县委常委'], ['县公安局'], ['县城管局']],
      [2, ['副县长'], ['县发展改革局'], []],
    ]);
  });

  it('joins a task cell broken over several paragraphs, a short last piece too', async () => {
    const lines = [
      ...HEAD,
      '附件',
      '重点任务清单',
      ...['序号', '工作任务', '牵头单位', '配合单位'],
      ...['1', '加快建设县域医疗次中心，新增床位200张，', '引进专业技术人才', '30名。', '县卫健局', '县人社局'],
      // Full-width digits, as some pages print them.
      ...['２', '建成数字乡村示范点5个', '县农业农村局', '县大数据中心'],
    ];
    const plan = await read(page(lines));
    expect(plan.tasks.map((t) => [t.number, t.text, t.hostUnits, t.coUnits])).toEqual([
      [1, '加快建设县域医疗次中心，新增床位200张，引进专业技术人才30名。', ['县卫健局'], ['县人社局']],
      [2, '建成数字乡村示范点5个', ['县农业农村局'], ['县大数据中心']],
    ]);
  });

  it('does not take a short task for a topic when a longer deadline follows it', async () => {
    const lines = [
      ...HEAD,
      '附件',
      '民生实事清单',
      ...['序号', '工作任务', '完成时限', '责任单位'],
      ...['1', '新建口袋公园3个', '2026年12月底前完成', '县住建局'],
    ];
    const plan = await read(page(lines));
    expect(plan.tasks.map((t) => [t.number, t.text, t.hostUnits, t.deadline])).toEqual([[1, '新建口袋公园3个', ['县住建局'], '2026-12-31']]);
  });

  it('reads a table whose number column has no header cell', async () => {
    const lines = [
      ...HEAD,
      '附件',
      '重点任务清单',
      ...['工作任务', '牵头单位', '配合单位'],
      ...['1', '新建标准化菜市场2个', '县商务局', '县市场监管局'],
      ...['2', '新增停车泊位800个', '县公安局'],
    ];
    const plan = await read(page(lines));
    expect(plan.tasks.map((t) => [t.number, t.hostUnits, t.coUnits])).toEqual([
      [1, ['县商务局'], ['县市场监管局']],
      [2, ['县公安局'], []],
    ]);
  });

  it('finds no flattened table in a notice written as prose, quickly', () => {
    const docs = [readText(readFileSync(samplePath('notice.txt'))), ...(hasSeed ? [readText(readFileSync(seedPath))] : [])];
    for (const doc of docs) expect(flatTableFromDocument(doc)).toBeNull();
    const started = performance.now();
    for (let i = 0; i < 20; i++) for (const doc of docs) flatTableFromDocument(doc);
    // Well under a millisecond each on an idle machine; the bound leaves room for a loaded one.
    expect((performance.now() - started) / 20).toBeLessThan(20);
  });
});

/** The real notices of other governments live outside the repository, in ../shared/corpus/. */
const corpusFile = (name: string): string => fileURLToPath(new URL(`../../../shared/corpus/${name}`, import.meta.url));
const SHAPINGBA = '12-shapingba-2022';

interface TruthTask {
  number: number;
  hostUnits: string[];
  coUnits?: string[];
  complete?: boolean;
}

describe.runIf(existsSync(corpusFile(`${SHAPINGBA}.txt`)))('a real notice with two flattened tables (corpus 12)', () => {
  it('finds every task and the exact hosts of every complete one', async () => {
    const plan = await importNotice(new Uint8Array(readFileSync(corpusFile(`${SHAPINGBA}.txt`))));
    const truth = JSON.parse(readFileSync(corpusFile(`${SHAPINGBA}.truth.json`), 'utf8')) as { tasks: TruthTask[]; sections: { number: string }[] };
    expect(plan.tasks.length).toBe(truth.tasks.length);
    for (const t of truth.tasks.filter((x) => x.complete !== false)) {
      const got = plan.tasks.find((p) => p.number === t.number);
      expect({ number: t.number, hosts: got?.hostUnits, co: got?.coUnits }).toEqual({ number: t.number, hosts: t.hostUnits, co: t.coUnits ?? [] });
    }
    expect(plan.sections.map((s) => s.number)).toEqual(truth.sections.map((s) => s.number));
  });
});
