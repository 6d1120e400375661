/**
 * What a target's kind, scope and combine rule are called in Chinese: the
 * words of the change requests the server writes (指标调整) and, generated
 * into the web app's contract (npm run gen:api), of the screens.
 */
import type { CombineRule, TargetKind, TargetScope } from './plan.js';

export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  increment: '增量',
  total: '总量',
  growth_rate: '增速',
  count: '个数',
  level: '水平',
  reduction: '减少',
  other: '其他',
};

export const TARGET_SCOPE_LABELS: Record<TargetScope, string> = {
  annual: '年度目标',
  long_term: '长远目标',
  capacity: '产能',
  scale: '规模',
  project: '项目规格',
};

export const COMBINE_RULE_LABELS: Record<CombineRule, string> = {
  sum: '各单位相加',
  per_unit: '逐单位衡量',
};

/** Whether a target is measured against time progress (and so has a light of its own). */
export const MEASURED_LABELS = { true: '按时序进度衡量', false: '不衡量' } as const;
