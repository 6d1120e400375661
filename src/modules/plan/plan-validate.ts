/**
 * Checks a plan before it is stored. The importer's own output passes; the
 * checks are for plans that come from elsewhere (an API body, an edited JSON
 * file) and for notices whose numbering is broken beyond what a ledger can hold.
 */
import { textProblem } from '../../domain/text.js';
import { isIsoDate } from '../../domain/time-progress.js';
import { FIGURE_LIMIT, isFigure, plainNumber } from '../../domain/figures.js';
import { PROJECT_STAGES, TARGET_KINDS, TARGET_SCOPES, type Plan, type Project, type Target, type Task } from '../../domain/plan.js';
import { taskKey } from '../task/task.model.js';
import type { PlanHeader } from './plan.repository.js';
import { PlanImportError } from './plan.errors.js';

const MAX_TEXT = 20_000;
const MAX_NAME = 100;

function bad(why: string): never {
  throw new PlanImportError('bad_plan', why);
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max && textProblem(v, 'text') === null;
const isName = (v: unknown, max: number): v is string => isText(v, max) && textProblem(v, 'name') === null;
const isNullableText = (v: unknown, max: number): boolean => v === null || isText(v, max);
const isDate = (v: unknown): boolean => v === null || (typeof v === 'string' && isIsoDate(v));

function checkNames(names: unknown, what: string, where: string): void {
  if (!Array.isArray(names) || !names.every((n) => isName(n, MAX_NAME))) {
    bad(`${where}的${what}应为不超过 ${MAX_NAME} 字的名称列表（名称中不能有换行、控制字符或文字方向控制符）`);
  }
}

function checkTarget(t: Target, where: string): void {
  const ok =
    isText(t.text, MAX_TEXT) &&
    typeof t.metric === 'string' &&
    (TARGET_KINDS as readonly string[]).includes(t.kind) &&
    (t.value === null || isFigure(t.value)) &&
    (t.unit === null || typeof t.unit === 'string') &&
    Array.isArray(t.qualifiers) &&
    t.qualifiers.every((q) => typeof q === 'string');
  if (!ok) bad(`${where}有一个目标的格式不正确（目标值应为绝对值不超过 ${plainNumber(FIGURE_LIMIT)} 的数）`);
  // Both may be absent (an older plan's JSON): the target is then annual and measured.
  if (t.scope !== undefined && !(TARGET_SCOPES as readonly string[]).includes(t.scope)) {
    bad(`${where}有一个目标的性质不正确，应为年度目标、长期目标、产能、规模或项目指标之一`);
  }
  if (t.measured !== undefined && typeof t.measured !== 'boolean') bad(`${where}有一个目标的“是否衡量”应为是或否`);
}

function checkProject(p: Project, where: string): void {
  if (!isText(p.name, MAX_TEXT) || !(PROJECT_STAGES as readonly string[]).includes(p.stage)) bad(`${where}有一个项目的格式不正确`);
}

function describeTask(t: Task): string {
  return t.section ? `第${t.section}部分第 ${t.number} 项任务` : `第 ${t.number} 项任务`;
}

function checkTask(t: Task, sections: ReadonlySet<string>): void {
  if (!Number.isInteger(t.number) || t.number < 1) bad(`任务编号应为正整数：${String(t.number)}`);
  const where = describeTask(t);
  if (t.section !== null && !sections.has(t.section)) bad(`${where}所属的部分不存在`);
  if (!isText(t.text, MAX_TEXT)) bad(`${where}的内容为空或过长`);
  if (!isNullableText(t.deadlineText, MAX_NAME) || !isDate(t.deadline)) bad(`${where}的完成时限格式不正确`);
  checkNames(t.leaders, '牵头领导', where);
  checkNames(t.hostUnits, '主办单位', where);
  checkNames(t.coUnits, '协办单位', where);
  if (!Array.isArray(t.targets) || !Array.isArray(t.projects)) bad(`${where}缺少目标或项目列表`);
  for (const target of t.targets) checkTarget(target, where);
  for (const project of t.projects) checkProject(project, where);
}

/** Throws PlanImportError('bad_plan') unless the plan can be stored as a ledger. */
export function validatePlan(plan: Plan): void {
  if (!Array.isArray(plan.tasks) || plan.tasks.length === 0) bad('通知中没有识别出任务，无法导入');
  if (!Array.isArray(plan.sections) || !Array.isArray(plan.headlineTargets)) bad('缺少部分或主要目标列表');
  const sections = new Set<string>();
  for (const s of plan.sections) {
    if (!isText(s.number, 20) || typeof s.title !== 'string') bad('部分的编号或标题格式不正确');
    if (sections.has(s.number)) bad(`第${s.number}部分出现了两次`);
    sections.add(s.number);
  }
  const keys = new Set<string>();
  for (const t of plan.tasks) {
    checkTask(t, sections);
    const key = taskKey(t.section, t.number);
    if (keys.has(key)) bad(`${describeTask(t)}的编号重复，请更正通知后再导入`);
    keys.add(key);
  }
  for (const target of plan.headlineTargets) checkTarget(target, '主要预期目标');
  if (!isNullableText(plan.docNumber, MAX_NAME) || !isNullableText(plan.issuer, MAX_NAME) || !isDate(plan.date)) bad('文号、发文单位或日期格式不正确');
}

/**
 * The plan's stored header. A notice without a title is filed under its file
 * name; one without a year under the year of its date. One with neither a
 * year nor a date cannot be placed in the ledger's years and is refused.
 */
export function planHeader(plan: Plan, sourceName: string): PlanHeader {
  const year = plan.year ?? (plan.date ? Number(plan.date.slice(0, 4)) : null);
  if (year === null || !Number.isInteger(year) || year < 1949 || year > 2200) bad('无法确定通知所属的年度（缺少年份和成文日期）');
  const title = plan.title?.trim() || sourceName.replace(/\.[^.]*$/, '').trim() || '未命名通知';
  return { docNumber: plan.docNumber, year, title, issuer: plan.issuer, issuedOn: plan.date };
}
