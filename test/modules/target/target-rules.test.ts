/**
 * The pure rules of a target change: an edit's defaults (a new scope brings
 * its measurement, a new kind its combine rule, unless the office departed
 * from them), what kind of revision an edit is, the change in a clerk's words,
 * and the snapshot a revision keeps read back.
 */
import { describe, expect, it } from 'vitest';
import { describeChange, resolveChange, revisionKind, settleDraft, settleEdit, type OwnerRule } from '../../../src/modules/target/target-change.js';
import { parseSnapshot, snapshotOf, type LedgerTarget, type TargetState } from '../../../src/modules/target/target.model.js';

const owners: OwnerRule = { choices: new Set([7, 8]), unitName: (id) => `“单位${id}”` };

const revenue: TargetState = {
  text: '年内新增营收10亿元',
  metric: '营收',
  kind: 'increment',
  value: 10,
  unit: '亿元',
  qualifiers: [],
  scope: 'annual',
  measured: true,
  combine: 'sum',
  owners: [],
};
const ledger = (id: number, state: TargetState): LedgerTarget => ({
  ...state,
  id,
  taskId: 1,
  planId: 1,
  position: id,
  version: 1,
  createdAt: null,
  retiredAt: null,
});

describe('target change rules', () => {
  it('takes the default measurement with a new scope and the default combine rule with a new kind, unless the office departed from them', () => {
    expect(settleEdit(revenue, { scope: 'long_term' }, owners)).toMatchObject({ scope: 'long_term', measured: false });
    expect(settleEdit({ ...revenue, measured: false }, { scope: 'capacity' }, owners).measured).toBe(false);
    expect(settleEdit({ ...revenue, scope: 'long_term', measured: true }, { scope: 'annual' }, owners).measured).toBe(true);
    expect(settleEdit(revenue, { scope: 'long_term', measured: true }, owners).measured).toBe(true);
    expect(settleEdit(revenue, { kind: 'growth_rate', unit: '%' }, owners)).toMatchObject({ combine: 'per_unit' });
    expect(settleEdit({ ...revenue, combine: 'per_unit' }, { kind: 'total' }, owners).combine).toBe('per_unit');
    expect(settleEdit(revenue, { owners: [8, 7, 8] }, owners).owners).toEqual([7, 8]);
  });

  it('refuses what cannot be a target, naming the field in Chinese', () => {
    expect(() => settleEdit(revenue, { owners: [9] }, owners)).toThrow(/“单位9”不是本任务的主办单位/);
    expect(() => settleEdit(revenue, { metric: '' }, owners)).toThrow(/指标名称不能为空/);
    expect(() => settleEdit(revenue, { value: Number.POSITIVE_INFINITY }, owners)).toThrow(/目标值应为绝对值不超过/);
    expect(() => settleEdit(revenue, { unit: 'x'.repeat(21) }, owners)).toThrow(/计量单位/);
    expect(() => settleDraft({ metric: '新增', kind: 'count', value: 1, scope: 'forever' as 'annual' }, null, owners)).toThrow(/指标性质不正确/);
    expect(() => resolveChange({ op: 'edit', targetId: 1, version: 1, fields: { metric: '营收' } }, [ledger(1, revenue)], owners)).toThrow(/没有要修改的内容/);
  });

  it('fills a new target as the importer would, and a split part from the target it splits', () => {
    expect(settleDraft({ metric: ' 新增规上企业 ', kind: 'count', value: 6 }, null, owners)).toEqual({
      text: '新增规上企业',
      metric: '新增规上企业',
      kind: 'count',
      value: 6,
      unit: null,
      qualifiers: [],
      scope: 'annual',
      measured: true,
      combine: 'sum',
      owners: [],
    });
    expect(settleDraft({ metric: '开发区营收', kind: 'increment', value: 6 }, { ...revenue, owners: [7] }, owners)).toMatchObject({
      text: revenue.text,
      unit: '亿元',
      owners: [7],
    });
  });

  it('names an edit by what it changed', () => {
    expect(revisionKind(revenue, { ...revenue, metric: '主营业务收入' })).toBe('rename');
    expect(revisionKind(revenue, { ...revenue, measured: false })).toBe('exclude');
    expect(revisionKind({ ...revenue, measured: false }, revenue)).toBe('measure');
    expect(revisionKind(revenue, { ...revenue, owners: [7] })).toBe('owners');
    expect(revisionKind(revenue, { ...revenue, value: 12, scope: 'long_term', measured: false })).toBe('retype');
    expect(revisionKind(revenue, { ...revenue, metric: '主营业务收入', owners: [7] })).toBe('edit');
  });

  it('words a change as a clerk reads it', () => {
    const t = { id: 3, ...revenue };
    const name = (id: number) => `单位${id}`;
    expect(describeChange({ op: 'edit', targetId: 3, after: { ...revenue, value: 12, measured: false } }, [t], name)).toBe(
      '修改指标“营收”：目标值 10亿元→12亿元，改为不衡量（不亮灯）',
    );
    expect(describeChange({ op: 'edit', targetId: 3, after: { ...revenue, owners: [7, 8] } }, [t], name)).toBe('修改指标“营收”：责任单位改为单位7、单位8');
    expect(
      describeChange(
        {
          op: 'split',
          targetId: 3,
          into: [
            { ...revenue, metric: '甲' },
            { ...revenue, metric: '乙' },
          ],
        },
        [t],
        name,
      ),
    ).toBe('将指标“营收”拆分为“甲”、“乙”');
    expect(describeChange({ op: 'retire', targetId: 3 }, [t], name)).toBe('删除指标“营收”（已报送的数值保留）');
  });

  it('reads back the snapshot a revision keeps, and nothing from what is not one', () => {
    const t = snapshotOf({ id: 3, ...revenue, owners: [7] });
    expect(parseSnapshot(JSON.stringify(t))).toEqual(t);
    expect(parseSnapshot('not json')).toBeNull();
    expect(parseSnapshot('{"metric":"营收"}')).toBeNull();
    expect(parseSnapshot(JSON.stringify({ ...t, value: 1e300 }))?.value).toBeNull();
  });
});
