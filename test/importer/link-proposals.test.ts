/**
 * Proposing which of a lower government's own tasks take up a task handed down: a fictional county plan against
 * a city's tasks worded otherwise; and the seed notice against itself reworded, the realistic case of one plan's
 * tasks told in another's words.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { DEFAULT_MIN_SCORE, importNotice, normalMetric, proposeLinks, unitDimension, type LinkCandidate, type LinkTarget } from '../../src/importer/index.js';
import { hasSeed, seedPath } from '../helpers/paths.js';

const target = (metric: string, kind: string, value: number | null, unit: string | null): LinkTarget => ({ metric, kind, value, unit });

/** A county's own plan (fictional). */
const county: LinkCandidate[] = [
  {
    id: 1,
    text: '加快县经济开发区扩区，新增工业用地500亩，开发区营业收入增长15%。',
    targets: [target('工业用地', 'increment', 500, '亩'), target('开发区营业收入', 'growth_rate', 15, '%')],
  },
  { id: 2, text: '实施县城老旧小区改造，改造小区24个，惠及居民3000户。', targets: [target('小区', 'count', 24, '个')] },
  {
    id: 3,
    text: '新增城镇就业2800人，开展职业技能培训1500人次。',
    targets: [target('城镇就业', 'increment', 2800, '人'), target('职业技能培训', 'count', 1500, '人次')],
  },
  { id: 4, text: '推动农村公路提档升级，新改建农村公路60公里。', targets: [target('农村公路', 'total', 60, '公里')] },
  {
    id: 5,
    text: '固定资产投资增长8%，谋划储备重点项目80个。',
    targets: [target('固定资产投资', 'growth_rate', 8, '%'), target('重点项目', 'count', 80, '个')],
  },
  { id: 6, text: '打造乡村振兴示范片区3个，发展特色种植基地。', targets: [target('乡村振兴示范片区', 'count', 3, '个')] },
  { id: 7, text: '加强校园安全管理，完善学校安保设施。', targets: [] },
  { id: 8, text: '创建省级文明城市，整治背街小巷40条。', targets: [target('背街小巷', 'count', 40, '条')] },
  { id: 9, text: '推进污水处理厂提标改造，新建污水管网12公里。', targets: [target('污水管网', 'total', 12, '公里')] },
  { id: 10, text: '培育高新技术企业，净增高企8家。', targets: [target('高企', 'increment', 8, '家')] },
  { id: 11, text: '发展跨境电商，外贸进出口额增长10%。', targets: [target('外贸进出口额', 'growth_rate', 10, '%')] },
  { id: 12, text: '全面完成年度各项工作任务，确保年内见效。', targets: [] },
];

/** A city's tasks (fictional), each worded its own way, with the county task that answers it. */
const city: { text: string; targets: LinkTarget[]; answer: number; reason: string }[] = [
  { text: '推进产业园区扩区提质，园区营收增长12%', targets: [target('园区营收', 'growth_rate', 12, '%')], answer: 1, reason: '指标相同：营业收入' },
  {
    text: '实施城镇老旧小区改造提升工程，全市改造老旧小区120个',
    targets: [target('老旧小区', 'count', 120, '个')],
    answer: 2,
    reason: '用语相近：老旧小区改造、老旧小区、改造',
  },
  { text: '稳定和扩大就业，城镇新增就业1.5万人', targets: [target('城镇新增就业', 'increment', 1.5, '万人')], answer: 3, reason: '指标相同：城镇就业' },
  { text: '加快农村公路建设，新改建农村公路300公里', targets: [target('农村公路', 'total', 300, '公里')], answer: 4, reason: '指标相同：农村公路' },
  { text: '扩大有效投资，固投增长10%', targets: [target('固投', 'growth_rate', 10, '%')], answer: 5, reason: '指标相同：固定资产投资' },
  { text: '全面推进乡村振兴，建设和美乡村示范片区', targets: [], answer: 6, reason: '用语相近：乡村振兴、示范片区、乡村' },
  { text: '高新技术企业总数达到600家', targets: [target('高新技术企业', 'total', 600, '家')], answer: 10, reason: '指标相同：高新技术企业' },
  { text: '外贸进出口总额突破300亿元', targets: [target('外贸进出口总额', 'total', 300, '亿元')], answer: 11, reason: '指标相同：进出口' },
  { text: '推进城镇污水管网建设，新建管网80公里', targets: [target('污水管网', 'total', 80, '公里')], answer: 9, reason: '用语相近：污水管网、新建、管网' },
];

describe('proposing the lower tasks that take up a task from above', () => {
  it.each(city)('ranks the answering task first: $text', ({ text, targets, answer, reason }) => {
    const proposals = proposeLinks({ text, targets }, county);
    expect(proposals[0]?.taskId).toBe(answer);
    expect(proposals[0]?.reasons).toContain(reason);
    expect(proposals[0]?.score).toBeGreaterThan(DEFAULT_MIN_SCORE);
  });

  it('proposes no task for words of the genre alone, nor for one common word', () => {
    expect(proposeLinks({ text: '全面加快推进，确保年内完成各项工作', targets: [] }, county)).toEqual([]);
    expect(proposeLinks({ text: '加快建设城市供热管网，确保年内完成', targets: [] }, county)).toEqual([]);
    for (const { text, targets } of city) expect(proposeLinks({ text, targets }, county).map((p) => p.taskId)).not.toContain(12);
  });

  it('lets the targets break a tie of the texts: the same metric first, then a comparable unit', () => {
    const text = '支持软件产业发展，培育软件企业。';
    const candidates: LinkCandidate[] = [
      { id: 1, text, targets: [target('软件企业', 'count', 5, '家')] },
      { id: 2, text, targets: [target('软件产业营业收入', 'growth_rate', 10, '%')] },
      { id: 3, text, targets: [target('软件产业主营业务收入', 'increment', 3000, '万元')] },
      { id: 4, text: '开展消防安全检查。', targets: [] },
    ];
    const proposals = proposeLinks({ text: '做大软件产业，软件产业营收新增2亿元', targets: [target('软件产业营收', 'increment', 2, '亿元')] }, candidates);
    expect(proposals.map((p) => p.taskId)).toEqual([3, 2, 1]);
    expect(proposals[0]?.reasons).toContain('指标相同：软件产业营业收入');
    expect(proposals[0]!.score).toBeGreaterThan(proposals[1]!.score);
    expect(proposals[1]!.score).toBeGreaterThan(proposals[2]!.score);
  });

  it('gives at most `limit` proposals above `minScore`, one for each task', () => {
    const source = { text: '推进老旧小区改造和农村公路建设，新建污水管网', targets: [] };
    expect(proposeLinks(source, county, { limit: 1 })).toHaveLength(1);
    expect(proposeLinks(source, county, { limit: 0 })).toEqual([]);
    const all = proposeLinks(source, county, { minScore: 0, limit: 100 });
    expect(all.length).toBeGreaterThan(proposeLinks(source, county, { minScore: 0.5, limit: 100 }).length);
    expect(all.every((p) => p.score > 0)).toBe(true);
    const twice = proposeLinks(source, [...county, { ...county[1]!, text: '开展消防安全检查。' }], { limit: 100 });
    expect(twice.filter((p) => p.taskId === 2)).toHaveLength(1);
    expect(proposeLinks(source, [])).toEqual([]);
  });

  it('reads one metric however it is written, and units by what they measure', () => {
    expect(normalMetric('营收')).toBe(normalMetric('营业收入'));
    expect(normalMetric('主营业务收入')).toBe('营业收入');
    expect(normalMetric('固投')).toBe('固定资产投资');
    expect(normalMetric('城镇新增就业')).toBe(normalMetric('新增城镇就业'));
    expect(normalMetric('外贸进出口总额')).toBe(normalMetric('进出口额'));
    expect(normalMetric('“社零”')).toBe(normalMetric('社会消费品零售总额'));
    expect(unitDimension('亿元')).toBe(unitDimension('万元'));
    expect(unitDimension('万吨')).toBe(unitDimension('吨'));
    expect(unitDimension('%')).toBe(unitDimension('个百分点'));
    expect(unitDimension('个')).not.toBe(unitDimension('家'));
    expect(unitDimension('亿美元')).not.toBe(unitDimension('亿元'));
  });
});

const fragments = [
  '老旧小区改造',
  '农村公路',
  '污水管网',
  '乡村振兴',
  '高新技术企业',
  '营业收入',
  '全面完成',
  '确保年内',
  '招商引资',
  '文明城市',
  '校园安全',
  '产业园区',
];
const sentence = fc.array(fc.constantFrom(...fragments), { minLength: 0, maxLength: 4 }).map((xs) => `${xs.join('，')}。`);
const aTarget = fc.record({
  metric: fc.constantFrom('营收', '营业收入', '农村公路', '高企', '固投'),
  kind: fc.constantFrom('increment', 'total', 'growth_rate'),
  value: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
  unit: fc.constantFrom('亿元', '万元', '%', '公里', '家'),
});
const task = fc.record({ text: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join('')), targets: fc.array(aTarget, { maxLength: 2 }) });

/** A permutation drawn from a seed, the same on every run. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('proposals over any plan', () => {
  it('score in [0, 1], come sorted (ties by id), and do not depend on the order of the candidates', () => {
    fc.assert(
      fc.property(task, fc.array(task, { maxLength: 12 }), fc.integer(), fc.integer({ min: 1, max: 8 }), (source, tasks, seed, limit) => {
        const candidates = tasks.map((t, i) => ({ ...t, id: i + 1 }));
        const proposals = proposeLinks(source, candidates, { limit, minScore: 0 });
        expect(proposals.length).toBeLessThanOrEqual(limit);
        for (const [i, p] of proposals.entries()) {
          expect(p.score).toBeGreaterThan(0);
          expect(p.score).toBeLessThanOrEqual(1);
          const next = proposals[i + 1];
          if (next) expect(p.score > next.score || (p.score === next.score && p.taskId < next.taskId)).toBe(true);
        }
        expect(proposeLinks(source, shuffled(candidates, seed), { limit, minScore: 0 })).toEqual(proposals);
      }),
      { numRuns: 300 },
    );
  });
});

/** The upper government's words for a task: its first clause dropped, verbs of the genre swapped, figures five times larger. */
const SWAPS: [RegExp, string][] = [
  [/加快/g, '加速'],
  [/推进/g, '推动'],
  [/全面/g, '全力'],
  [/积极/g, '主动'],
  [/力争/g, '确保'],
  [/打造/g, '建成'],
  [/深化/g, '深入'],
];
function reworded(text: string): string {
  let out = text.replace(/^[^，。；]*[，。；]/, '');
  for (const [from, to] of SWAPS) out = out.replace(from, to);
  return out.replace(/\d+(?:\.\d+)?/g, (figure) => String(Number(figure) * 5));
}
const upperTargets = (targets: readonly LinkTarget[]): LinkTarget[] => targets.map((t) => ({ ...t, value: t.value === null ? null : t.value * 5 }));

describe.runIf(hasSeed)('the seed notice against itself reworded', () => {
  let plan: Plan;
  let candidates: LinkCandidate[];
  beforeAll(async () => {
    plan = await importNotice(new Uint8Array(readFileSync(seedPath)));
    candidates = plan.tasks.map((t) => ({ id: t.number, text: t.text, targets: t.targets }));
  });

  const firstShare = (source: (text: string) => string): number => {
    const first = plan.tasks.filter((t) => proposeLinks({ text: source(t.text), targets: upperTargets(t.targets) }, candidates)[0]?.taskId === t.number);
    return first.length / plan.tasks.length;
  };

  it('ranks the original task first for at least four in five of its tasks', () => {
    expect(firstShare(reworded)).toBeGreaterThanOrEqual(0.8);
  });

  it('does so from one sentence of a task too (the upper task as one part of the lower)', () => {
    const second = (text: string): string => {
      const sentences = text.split('。').filter((s) => s.trim() !== '');
      return reworded(`${sentences[1] ?? sentences[0] ?? ''}。`);
    };
    expect(firstShare(second)).toBeGreaterThanOrEqual(0.8);
  });
});
