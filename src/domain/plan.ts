/**
 * The plan: what a task decomposition notice assigns, as structured data.
 * Produced by the importer, stored by the store, shown by the web app.
 * The JSON shape of `luoshi import --json` is this type, serialised as is.
 */

export const TARGET_KINDS = ['increment', 'total', 'growth_rate', 'count', 'level', 'reduction', 'other'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * What a target is, beside its kind: only this year's targets are measured
 * against time progress by default. The others frame the task and are kept
 * and shown, not judged, unless the office says so (`measured`).
 * - annual: due within the plan year (新增营收 140 亿元, 增长 10%, 举办活动 30 场);
 * - long_term: an aim beyond the year (打造3个千亿级产业集群, 瞄准千亿级, 到2030年…);
 * - capacity: a capacity built or planned (一期 60GWh 储能电池, 年产 10 万吨);
 * - scale: the size of something that exists or is grown into (规模达 500 亿元级, 千亿级产业);
 * - project: a project's specification (总投资 20 亿元, 占地 300 亩, 建筑面积 5 万平方米).
 */
export const TARGET_SCOPES = ['annual', 'long_term', 'capacity', 'scale', 'project'] as const;
export type TargetScope = (typeof TARGET_SCOPES)[number];

/**
 * How the values several units report for one target make the target's
 * figure: summed (increments, totals, counts, amounts of money: each unit's
 * part adds up) or judged per unit (rates and levels: each unit must reach
 * the target itself, and none is added to another).
 */
export const COMBINE_RULES = ['sum', 'per_unit'] as const;
export type CombineRule = (typeof COMBINE_RULES)[number];

/** A measurable promise inside a task or among the headline targets. */
export interface Target {
  /** The clause the target was read from, as it stands in the cleaned text. */
  text: string;
  /** What is measured: 营收, 高新技术企业, 促消费活动… */
  metric: string;
  kind: TargetKind;
  /** The number, in the unit below; null where the notice gives none (只减不增). */
  value: number | null;
  /** 亿元, %, 家, GWh…; null where there is no number. */
  unit: string | null;
  /** Words that qualify the promise: 以上, 力争, 及以下, 左右… */
  qualifiers: string[];
  /** What the target is (TARGET_SCOPES); absent means annual. The importer always sets it. */
  scope?: TargetScope;
  /**
   * Measured against time progress (a light of its own). Absent: annual targets
   * are, the others are not. The importer always sets it; the office may change it.
   */
  measured?: boolean;
}

/** A target's scope, annual when not stated. */
export const scopeOf = (t: Pick<Target, 'scope'>): TargetScope => t.scope ?? 'annual';

/** Whether a target is measured against time progress: as stated, else when it is this year's. */
export const isMeasured = (t: Pick<Target, 'scope' | 'measured'>): boolean => t.measured ?? scopeOf(t) === 'annual';

export const PROJECT_STAGES = [
  '签约落地',
  '签约建设',
  '落地建设',
  '开工建设',
  '加快建设',
  '完成建设',
  '竣工投产',
  '建成投产',
  '建成启用',
  '建成运营',
  '并网运营',
  '投入运营',
  '开仓运营',
  '满产达产',
  '扩大产能',
  '竣工上房',
  '完成改造',
  '其他',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** A named project that a task promises to move to a stage. */
export interface Project {
  name: string;
  stage: ProjectStage;
}

export interface Section {
  /** The numeral as printed: 一, 二, …, 十一. */
  number: string;
  title: string;
}

/** How the importer decided who hosts a task; shown to the person who confirms. */
export type HostSignal = 'label' | 'structure' | 'bold' | 'position' | 'column' | 'none';

export interface Task {
  /** The task's number as printed; unique within its section. */
  number: number;
  /** The number of the section it belongs to (一, 二…), or null when the notice has none. */
  section: string | null;
  /** The full cleaned text, including the responsibility annotation. */
  text: string;
  leaders: string[];
  hostUnits: string[];
  coUnits: string[];
  targets: Target[];
  projects: Project[];
  /** ISO date (YYYY-MM-DD) of the latest deadline stated, or null. */
  deadline: string | null;
  /** The words the deadline was read from (年内, 6月底前…), or null. */
  deadlineText: string | null;
  hostSignal: HostSignal;
  /** 1-based line of the source where the task starts (row for spreadsheets). */
  line: number;
}

export const WARNING_CODES = [
  'unknown_unit',
  'host_conflict',
  'no_units',
  'no_leaders',
  'no_hosts',
  'numbering_gap',
  'numbering_duplicate',
  'doubtful_join',
  'no_tasks',
  /** A unit group (各镇街) without members: its tasks ask no unit for a report until the office names them. */
  'empty_group',
  /** Several responsible units and no word on which leads: the first listed was taken as the host. */
  'host_guess',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  code: WarningCode;
  /** The task number the warning concerns, or null for the whole notice. */
  task: number | null;
  /** 1-based source line (or spreadsheet row), or null. */
  line: number | null;
  /** A sentence in Chinese for the clerk who reviews the import. */
  message: string;
}

export interface Plan {
  /** 〔2026〕1号 with its prefix, e.g. 某政发〔2026〕1号; null when absent. */
  docNumber: string | null;
  issuer: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  year: number | null;
  title: string | null;
  headlineTargets: Target[];
  sections: Section[];
  tasks: Task[];
  warnings: Warning[];
}
