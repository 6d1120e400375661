/**
 * Golden test on a real notice (read from ../shared/seeds/, never copied into
 * the repository): 39 tasks with their leaders, hosts and co-units exactly as
 * the notice assigns them.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan, Task } from '../../src/domain/plan.js';
import { importNotice } from '../../src/importer/index.js';
import { hasSeed, seedPath } from '../helpers/paths.js';

describe.runIf(hasSeed)('the seed notice', () => {
  let plan: Plan;
  const task = (n: number): Task => {
    const t = plan.tasks.find((x) => x.number === n);
    if (!t) throw new Error(`task ${n} missing`);
    return t;
  };

  beforeAll(async () => {
    plan = await importNotice(new Uint8Array(readFileSync(seedPath)));
  });

  it('reads the identity of the notice', () => {
    expect(plan.docNumber).toMatch(/〔2026〕1号$/);
    expect(plan.year).toBe(2026);
    expect(plan.date).toBe('2026-02-13');
    expect(plan.title).toMatch(/^.+人民政府关于分解落实2026年政府工作报告任务目标的通知$/);
    expect(plan.issuer).toMatch(/人民政府$/);
  });

  it('finds 39 tasks numbered 1 to 39 in sections 二 to 十一', () => {
    expect(plan.tasks.map((t) => t.number)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    const used = [...new Set(plan.tasks.map((t) => t.section))];
    expect(used).toEqual(['二', '三', '四', '五', '六', '七', '八', '九', '十', '十一']);
    expect(plan.sections.map((s) => s.number)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一']);
  });

  it('joins a section title split over two lines', () => {
    const seven = plan.sections.find((s) => s.number === '七');
    expect(seven?.title).toMatch(/走在前、勇争先$/);
  });

  it('reads the headline GDP target', () => {
    const gdp = plan.headlineTargets.find((t) => t.metric.includes('GDP'));
    expect(gdp).toMatchObject({ kind: 'growth_rate', value: 6, unit: '%' });
  });

  it('assigns task 1 to its host and four co-units', () => {
    expect(task(1).hostUnits).toEqual(['区工业和信息化局']);
    expect(task(1).coUnits).toEqual(['区发展改革局', '工业园区', '颜店新城建设管理服务中心', '各镇街']);
    expect(task(1).leaders).toHaveLength(1);
  });

  it('gives task 9 two host units', () => {
    expect(task(9).hostUnits).toEqual(['工业园区', '颜店新城建设管理服务中心']);
  });

  it('gives task 34 three leaders and task 36 a leader group', () => {
    expect(task(34).leaders).toHaveLength(3);
    expect(task(36).leaders).toEqual(['各区政府领导']);
    expect(task(36).hostUnits).toEqual(['区直各部门']);
    expect(task(36).coUnits).toEqual(['各镇街']);
  });

  it('repairs words broken at page ends', () => {
    // Task 5's annotation is split inside 牵头领导 by a page break.
    expect(task(5).leaders).toHaveLength(1);
    expect(task(5).hostUnits).toEqual(['区科学技术局']);
    expect(task(27).text).not.toMatch(/\s/);
    expect(task(27).targets).toContainEqual(expect.objectContaining({ value: 10, unit: '处' }));
  });

  it('warns where bold and structure disagree, and only there', () => {
    const conflicts = plan.warnings.filter((w) => w.code === 'host_conflict').map((w) => w.task);
    expect(conflicts).toEqual([10, 11]);
    expect(task(10).hostUnits).toEqual(['区委改革办', '区工业和信息化局', '区行政审批服务局']);
    expect(task(11).hostUnits).toEqual(['区商务局']);
    expect(task(11).coUnits).toEqual(['各镇街']);
  });

  it('gives every task leaders, a host and its text without the annotation', () => {
    for (const t of plan.tasks) {
      expect(t.leaders.length, `task ${t.number}`).toBeGreaterThan(0);
      expect(t.hostUnits.length, `task ${t.number}`).toBeGreaterThan(0);
      expect(t.text, `task ${t.number}`).not.toMatch(/牵头领导|承办单位|^\d/);
    }
  });

  it('reads the increments and totals of task 1', () => {
    const t = task(1).targets;
    expect(t).toContainEqual(expect.objectContaining({ kind: 'increment', value: 140, unit: '亿元' }));
    expect(t).toContainEqual(expect.objectContaining({ kind: 'total', value: 200, unit: '亿元' }));
  });

  it('measures the annual targets of task 1 only, not its long-term aims and capacities', () => {
    const t = task(1).targets;
    // The cluster levels and the clusters counted by their level are aims beyond the year.
    const aims = t.filter((x) => x.kind === 'level' || /亿级/.test(x.metric));
    expect(aims.length).toBeGreaterThanOrEqual(6);
    for (const x of aims) expect(x, x.text).toMatchObject({ scope: 'long_term', measured: false });
    // Battery lines in GWh and plants in 万吨 are capacities.
    const capacities = t.filter((x) => x.unit === 'GWh' || x.unit === '万吨');
    expect(capacities.length).toBeGreaterThanOrEqual(5);
    for (const x of capacities) expect(x, x.text).toMatchObject({ scope: 'capacity', measured: false });
    // What is left is this year's: the revenue of each industry, new and reached.
    const annual = t.filter((x) => x.measured);
    expect(annual.length).toBeGreaterThan(0);
    for (const x of annual) {
      expect(x, x.text).toMatchObject({ scope: 'annual', unit: '亿元' });
      expect(['increment', 'total'], x.text).toContain(x.kind);
    }
  });

  it('names the revenue of task 1 with its industry, one industry per pair of targets', () => {
    const revenue = task(1).targets.filter((x) => x.measured);
    for (const x of revenue) expect(x.metric, x.text).toMatch(/^.{2,}产业营收$/);
    const industries = new Set(revenue.map((x) => x.metric));
    expect(industries.size).toBe(6);
    expect(revenue).toHaveLength(2 * industries.size);
  });

  it('never types an amount of money as a count, and keeps every target typed and measured only when annual', () => {
    const all = [...plan.headlineTargets, ...plan.tasks.flatMap((x) => x.targets)];
    const money = all.filter((x) => x.unit !== null && x.unit.endsWith('元'));
    expect(money.length).toBeGreaterThan(20);
    for (const x of money) expect(x.kind, x.text).not.toBe('count');
    // The funds to be obtained (task 12) and the loans handed out (task 24) are increments.
    expect(task(12).targets.filter((x) => x.unit === '亿元' && x.kind === 'increment')).toHaveLength(1);
    expect(
      task(24)
        .targets.filter((x) => x.unit === '万元')
        .map((x) => x.kind),
    ).toEqual(['increment']);
    for (const x of all) {
      expect(x.metric, x.text).not.toBe('');
      expect(x.measured, x.text).toBe(x.scope === 'annual');
    }
    expect(plan.headlineTargets.every((x) => x.scope === 'annual' && x.measured)).toBe(true);
  });

  it('does not leave the signature or copy list in the last task', () => {
    expect(task(39).text).not.toMatch(/抄送|印发|此件/);
  });
});
