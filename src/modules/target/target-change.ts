/**
 * The rules of a target change, pure: a request's fields settled into the
 * targets it would write (defaults filled the way the importer fills them),
 * each checked with a Chinese sentence; what kind of revision an edit is;
 * and the change in a clerk's words, for the request, its notifications and
 * the history.
 */
import { defaultCombine } from '../../domain/completion.js';
import { FIGURE_LIMIT, isFigure, plainNumber } from '../../domain/figures.js';
import { COMBINE_RULES, TARGET_KINDS, TARGET_SCOPES, isMeasured, type CombineRule, type TargetKind, type TargetScope } from '../../domain/plan.js';
import { COMBINE_RULE_LABELS, MEASURED_LABELS, TARGET_KIND_LABELS, TARGET_SCOPE_LABELS } from '../../domain/target-labels.js';
import { textProblem } from '../../domain/text.js';
import { AppError, badRequest } from '../errors.js';
import { stateOf, type LedgerTarget, type RevisionKind, type TargetChange, type TargetSnapshot, type TargetState } from './target.model.js';

/** A new target as the office writes it: what is left out is filled in as the importer would. */
export interface TargetDraft {
  text?: string;
  metric: string;
  kind: TargetKind;
  value: number | null;
  unit?: string | null;
  qualifiers?: string[];
  scope?: TargetScope;
  measured?: boolean;
  combine?: CombineRule;
  owners?: number[];
}

/** The fields an edit sets; the others stay. */
export type TargetFields = Partial<TargetState>;

/** A change as asked for, with the versions of the targets it touches as the office read them. */
export type ChangeInput =
  | { op: 'edit'; targetId: number; version: number; fields: TargetFields }
  | { op: 'split'; targetId: number; version: number; into: TargetDraft[] }
  | { op: 'merge'; targets: { id: number; version: number }[]; into: TargetDraft }
  | { op: 'add'; target: TargetDraft }
  | { op: 'retire'; targetId: number; version: number };

export const LIMITS = { text: 1000, metric: 200, unit: 20, qualifier: 20, qualifiers: 10, split: 20, merge: 50, owners: 200 } as const;

const invalid = (message: string): AppError => badRequest(message, 'invalid_target');

/** A target's name in a sentence: 指标“新增营收”. */
export const named = (t: Pick<TargetState, 'metric' | 'text'>): string => `“${t.metric.trim() || t.text.trim()}”`;

function text(value: unknown, max: number, what: string, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${where}${what}不能为空`);
  const v = value.trim();
  if (v.length > max) throw invalid(`${where}${what}不能超过 ${max} 字`);
  if (textProblem(v, 'text') !== null) throw invalid(`${where}${what}含有不能使用的控制字符`);
  return v;
}

function unitOf(value: unknown, where: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalid(`${where}计量单位应为文字`);
  const v = value.trim();
  if (v === '') return null;
  if (v.length > LIMITS.unit || textProblem(v, 'name') !== null) throw invalid(`${where}计量单位应为不超过 ${LIMITS.unit} 字的一行文字`);
  return v;
}

function qualifiersOf(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > LIMITS.qualifiers) throw invalid(`${where}限定词至多 ${LIMITS.qualifiers} 个`);
  return [...new Set(value.map((q) => text(q, LIMITS.qualifier, '限定词', where)))];
}

function ownersOf(value: unknown, choices: ReadonlySet<number>, unitName: (id: number) => string, where: string): number[] {
  if (!Array.isArray(value) || value.length > LIMITS.owners) throw invalid(`${where}责任单位应为单位列表`);
  const ids = [...new Set(value as unknown[])];
  for (const id of ids) {
    if (typeof id !== 'number' || !Number.isInteger(id)) throw invalid(`${where}责任单位应为单位编号`);
    if (!choices.has(id)) throw invalid(`${where}${unitName(id)}不是本任务的主办单位（或主办单位所含的单位），不能作为指标的责任单位`);
  }
  return (ids as number[]).sort((a, b) => a - b);
}

function oneOf<T extends string>(list: readonly T[], value: unknown, what: string, where: string): T {
  if (typeof value !== 'string' || !(list as readonly string[]).includes(value)) throw invalid(`${where}${what}不正确`);
  return value as T;
}

function flag(value: unknown, what: string, where: string): boolean {
  if (typeof value !== 'boolean') throw invalid(`${where}${what}应为是或否`);
  return value;
}

function valueOf(value: unknown, where: string): number | null {
  if (value === null) return null;
  if (!isFigure(value)) throw invalid(`${where}目标值应为绝对值不超过 ${plainNumber(FIGURE_LIMIT)} 的数`);
  return value;
}

/** Whoever checks the owners: the units the task's host units stand for, and their names for a refusal. */
export interface OwnerRule {
  choices: ReadonlySet<number>;
  unitName: (id: number) => string;
}

/** Every field checked and trimmed; throws 400 invalid_target with the field named. */
export function checkState(state: TargetState, owners: OwnerRule, where = ''): TargetState {
  const kind = oneOf(TARGET_KINDS, state.kind, '指标类型', where);
  const unit = unitOf(state.unit, where);
  return {
    text: text(state.text, LIMITS.text, '指标原文', where),
    metric: text(state.metric, LIMITS.metric, '指标名称', where),
    kind,
    value: valueOf(state.value, where),
    unit,
    qualifiers: qualifiersOf(state.qualifiers, where),
    scope: oneOf(TARGET_SCOPES, state.scope, '指标性质', where),
    measured: flag(state.measured, '是否衡量', where),
    combine: oneOf(COMBINE_RULES, state.combine, '合成方式', where),
    owners: ownersOf(state.owners, owners.choices, owners.unitName, where),
  };
}

/** A new target: what the office left out is filled from `inherit` (the target split) or as the importer would. */
export function settleDraft(draft: TargetDraft, inherit: TargetState | null, owners: OwnerRule, where = ''): TargetState {
  const metric = typeof draft.metric === 'string' ? draft.metric : '';
  const unit = draft.unit === undefined ? (inherit?.unit ?? null) : unitOf(draft.unit, where);
  const scope = draft.scope ?? inherit?.scope ?? 'annual';
  const kind = oneOf(TARGET_KINDS, draft.kind, '指标类型', where);
  return checkState(
    {
      text: draft.text?.trim() || inherit?.text || metric,
      metric,
      kind,
      value: draft.value,
      unit,
      qualifiers: draft.qualifiers ?? [],
      scope,
      measured: draft.measured ?? isMeasured({ scope }),
      combine: draft.combine ?? defaultCombine({ kind, unit }),
      owners: draft.owners ?? inherit?.owners ?? [],
    },
    owners,
    where,
  );
}

/**
 * An edit's result: the fields given replace the target's; a new scope
 * brings the default measurement with it and a new kind or unit the default
 * combine rule, unless the target had departed from the default before or
 * the office sets them too.
 */
export function settleEdit(before: TargetState, fields: TargetFields, owners: OwnerRule): TargetState {
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as TargetFields;
  const after: TargetState = { ...stateOf(before), ...given };
  if (given.measured === undefined && given.scope !== undefined && before.measured === isMeasured({ scope: before.scope }))
    after.measured = isMeasured({ scope: after.scope });
  const retyped = given.kind !== undefined || given.unit !== undefined;
  if (given.combine === undefined && retyped && before.combine === defaultCombine(before))
    after.combine = defaultCombine({ kind: after.kind, unit: unitOf(after.unit, '') });
  return checkState(after, owners);
}

const canonical = (t: TargetState): string => JSON.stringify({ ...stateOf(t), owners: [...t.owners].sort((a, b) => a - b) });
export const sameState = (a: TargetState, b: TargetState): boolean => canonical(a) === canonical(b);

const FIELDS = ['text', 'metric', 'kind', 'value', 'unit', 'qualifiers', 'scope', 'measured', 'combine', 'owners'] as const;
type Field = (typeof FIELDS)[number];

export function changedFields(before: TargetState, after: TargetState): Field[] {
  const b = JSON.parse(canonical(before)) as Record<Field, unknown>;
  const a = JSON.parse(canonical(after)) as Record<Field, unknown>;
  return FIELDS.filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]));
}

const RETYPE: ReadonlySet<Field> = new Set(['kind', 'unit', 'value', 'scope', 'qualifiers', 'combine', 'measured']);

/** What an edit is called in the history: a rename, a retype, measuring or excluding, owners, or an edit of several kinds. */
export function revisionKind(before: TargetState, after: TargetState): RevisionKind {
  const fields = changedFields(before, after);
  if (fields.every((f) => f === 'metric' || f === 'text')) return 'rename';
  if (fields.length === 1 && fields[0] === 'measured') return after.measured ? 'measure' : 'exclude';
  if (fields.length === 1 && fields[0] === 'owners') return 'owners';
  if (fields.every((f) => RETYPE.has(f))) return 'retype';
  return 'edit';
}

function findActive(targets: readonly LedgerTarget[], id: number): LedgerTarget {
  const t = targets.find((x) => x.id === id);
  if (!t) throw new AppError(409, 'target_retired', `指标 #${id} 不属于本任务，或已被拆分、合并或删除`);
  return t;
}

/**
 * The change the input asks for, settled against the task's targets in force
 * (versions are the caller's to check): every target it writes complete and
 * checked. Throws 400 for what cannot be, 409 for a target no longer in force.
 */
export function resolveChange(input: ChangeInput, targets: readonly LedgerTarget[], owners: OwnerRule): TargetChange {
  switch (input.op) {
    case 'edit': {
      const before = findActive(targets, input.targetId);
      const after = settleEdit(before, input.fields, owners);
      if (sameState(before, after)) throw badRequest('没有要修改的内容：指标与现在相同', 'nothing_changed');
      return { op: 'edit', targetId: before.id, after };
    }
    case 'split': {
      const before = findActive(targets, input.targetId);
      if (!Array.isArray(input.into) || input.into.length < 2) throw invalid('拆分须把一个指标拆为至少两个指标');
      if (input.into.length > LIMITS.split) throw invalid(`一个指标至多拆为 ${LIMITS.split} 个`);
      return { op: 'split', targetId: before.id, into: input.into.map((d, i) => settleDraft(d, before, owners, `拆分后的第 ${i + 1} 个指标：`)) };
    }
    case 'merge': {
      const ids = [...new Set(input.targets.map((t) => t.id))];
      if (ids.length < 2) throw invalid('合并须选择至少两个不同的指标');
      if (ids.length > LIMITS.merge) throw invalid(`一次至多合并 ${LIMITS.merge} 个指标`);
      const merged = ids.map((id) => findActive(targets, id));
      const first = merged[0] ?? null;
      const inherit = first && { ...stateOf(first), text: merged.map((t) => t.text).join('；'), owners: [] };
      return { op: 'merge', targetIds: ids, into: settleDraft(input.into, inherit, owners, '合并后的指标：') };
    }
    case 'add':
      return { op: 'add', target: settleDraft(input.target, null, owners, '新增的指标：') };
    case 'retire':
      return { op: 'retire', targetId: findActive(targets, input.targetId).id };
  }
}

const amount = (t: TargetState): string => (t.value === null ? '无数值' : `${t.value}${t.unit ?? ''}`);

/** One field's change in words: 类型 增量→增速. */
function fieldWords(field: Field, before: TargetState, after: TargetState, unitName: (id: number) => string): string {
  const owners = (t: TargetState): string => (t.owners.length === 0 ? '主办单位共同承担' : t.owners.map(unitName).join('、'));
  switch (field) {
    case 'metric':
      return `名称改为“${after.metric}”`;
    case 'text':
      return '原文表述已改';
    case 'kind':
      return `类型 ${TARGET_KIND_LABELS[before.kind]}→${TARGET_KIND_LABELS[after.kind]}`;
    case 'value':
    case 'unit':
      return `目标值 ${amount(before)}→${amount(after)}`;
    case 'qualifiers':
      return `限定词改为“${after.qualifiers.join('、') || '无'}”`;
    case 'scope':
      return `性质 ${TARGET_SCOPE_LABELS[before.scope]}→${TARGET_SCOPE_LABELS[after.scope]}`;
    case 'measured':
      return after.measured ? '改为按时序进度衡量' : '改为不衡量（不亮灯）';
    case 'combine':
      return `合成方式改为${COMBINE_RULE_LABELS[after.combine]}`;
    case 'owners':
      return `责任单位改为${owners(after)}`;
  }
}

/** The change in a clerk's words, from the targets it touches as they stand (or stood when proposed). */
export function describeChange(change: TargetChange, before: readonly TargetSnapshot[], unitName: (id: number) => string): string {
  const of = (id: number): string => {
    const t = before.find((x) => x.id === id);
    return t ? named(t) : `#${id}`;
  };
  switch (change.op) {
    case 'edit': {
      const old = before.find((x) => x.id === change.targetId);
      if (!old) return `修改指标${of(change.targetId)}`;
      const fields = changedFields(old, change.after).filter((f, i, all) => !(f === 'unit' && all.includes('value')));
      return `修改指标${named(old)}：${fields.map((f) => fieldWords(f, old, change.after, unitName)).join('，')}`;
    }
    case 'split':
      return `将指标${of(change.targetId)}拆分为${change.into.map(named).join('、')}`;
    case 'merge':
      return `将指标${change.targetIds.map(of).join('、')}合并为${named(change.into)}`;
    case 'add':
      return `新增指标${named(change.target)}（${amount(change.target)}，${change.target.measured ? MEASURED_LABELS.true : MEASURED_LABELS.false}）`;
    case 'retire':
      return `删除指标${of(change.targetId)}（已报送的数值保留）`;
  }
}
