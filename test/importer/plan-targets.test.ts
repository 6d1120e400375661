/**
 * What `luoshi import --json` and the preview carry about each target: its
 * scope and whether it is measured, on every target (headline targets too),
 * and the checks a plan from elsewhere passes before it is stored.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TARGET_SCOPES, type Plan, type Target } from '../../src/domain/plan.js';
import { importNotice } from '../../src/importer/index.js';
import { validatePlan } from '../../src/modules/plan/plan-validate.js';
import { samplePath } from '../helpers/paths.js';

const notice = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the targets of an imported plan', () => {
  let sample: Plan;
  beforeAll(async () => {
    sample = await importNotice(new Uint8Array(readFileSync(samplePath('notice.txt'))));
  });

  it('carry a scope and whether they are measured, in the JSON as well', () => {
    const json = JSON.parse(JSON.stringify(sample)) as Plan;
    const all = [...json.headlineTargets, ...json.tasks.flatMap((t) => t.targets)];
    expect(all.length).toBeGreaterThan(20);
    for (const t of all) {
      expect(TARGET_SCOPES, t.text).toContain(t.scope);
      expect(t.measured, t.text).toBe(t.scope === 'annual');
    }
    expect(json.headlineTargets.length).toBeGreaterThan(0);
  });

  it('read a horizon against the notice’s own year', async () => {
    const text = [
      '某区人民政府关于分解落实2031年政府工作报告任务目标的通知',
      '一、产业发展',
      '1.到2031年底，新建充电桩300个；到2033年，新能源产业营收突破800亿元。（牵头领导：张三。承办单位：区发展改革局）',
      '某区人民政府',
      '2031年2月1日',
    ].join('\n');
    const plan = await importNotice(notice(text));
    expect(plan.year).toBe(2031);
    expect(plan.tasks[0]?.targets.map((t) => [t.value, t.scope])).toEqual([
      [300, 'annual'],
      [800, 'long_term'],
    ]);
  });

  it('pass the plan check, which refuses an unknown scope or a measured flag that is not a boolean', () => {
    expect(() => validatePlan(sample)).not.toThrow();
    const withTarget = (change: Partial<Record<keyof Target, unknown>>): Plan => {
      const [first, ...rest] = sample.tasks;
      if (!first?.targets[0]) throw new Error('the sample’s first task has targets');
      const [target, ...others] = first.targets;
      return { ...sample, tasks: [{ ...first, targets: [{ ...target, ...change } as Target, ...others] }, ...rest] };
    };
    expect(() => validatePlan(withTarget({ scope: 'someday' }))).toThrow(/目标的性质不正确/);
    expect(() => validatePlan(withTarget({ measured: 'yes' }))).toThrow(/是否衡量/);
    // A plan written before targets had a scope is still accepted: its targets are annual and measured.
    expect(() => validatePlan(withTarget({ scope: undefined, measured: undefined }))).not.toThrow();
  });
});
