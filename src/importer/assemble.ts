/**
 * The last steps every front end shares: resolve units, read targets,
 * projects and deadlines from the task's text, and raise the warnings a
 * person must look at.
 */
import type { HostSignal, Plan, Section, Task, Warning } from '../domain/plan.js';
import { extractDeadline } from './deadlines.js';
import type { Meta } from './meta.js';
import { extractProjects } from './projects.js';
import { extractTargets } from './targets.js';
import type { UnitResolver } from './units.js';

export interface TaskDraft {
  number: number;
  section: string | null;
  line: number;
  /** The task's text without its number and responsibility annotation. */
  text: string;
  leaders: string[];
  hosts: string[];
  coUnits: string[];
  signal: HostSignal;
  /** Names the bold marks as hosts where they disagree with the structure. */
  boldHosts: string[] | null;
  /** The lead was not marked and was settled by a rule a person should confirm. */
  guess?: 'first' | 'each' | null;
  /** A deadline stated apart from the text (a table's 完成时限 column). */
  deadlineText?: string;
}

export interface Context {
  resolver: UnitResolver;
  year: number | null;
  warnings: Warning[];
}

export function finishTask(d: TaskDraft, ctx: Context): Task {
  const warn = (code: Warning['code'], message: string): void => {
    ctx.warnings.push({ code, task: d.number, line: d.line, message });
  };
  const resolve = (names: string[]): string[] => {
    const out: string[] = [];
    for (const raw of names) {
      const unit = ctx.resolver.resolve(raw);
      if (!unit.known) warn('unknown_unit', `第 ${d.number} 项任务的单位“${raw}”不在单位名录中，请确认名称或补充名录`);
      if (!out.includes(unit.name)) out.push(unit.name);
    }
    return out;
  };
  const hostUnits = resolve(d.hosts);
  const coUnits = resolve(d.coUnits).filter((u) => !hostUnits.includes(u));
  if (d.boldHosts) {
    warn(
      'host_conflict',
      `第 ${d.number} 项任务：加粗标出的主办单位（${d.boldHosts.join('、')}）与承办单位分组给出的（${hostUnits.join('、')}）不一致，已按分组确定，请人工确认`,
    );
  }
  if (d.guess === 'first' && hostUnits.length > 0) {
    warn('host_guess', `第 ${d.number} 项任务列了多个责任单位，通知没有写明哪一个牵头，已按排在第一位的“${hostUnits.join('、')}”确定为牵头单位，请核对`);
  } else if (d.guess === 'each' && hostUnits.length > 1) {
    warn('host_guess', `第 ${d.number} 项任务写明由${hostUnits.join('、')}分别负责，已将它们都列为牵头单位，请核对分工`);
  }
  if (hostUnits.length === 0 && coUnits.length === 0) warn('no_units', `第 ${d.number} 项任务没有找到承办单位`);
  else if (hostUnits.length === 0) warn('no_hosts', `第 ${d.number} 项任务没有找到主办（牵头）单位`);
  const deadline = extractDeadline(d.deadlineText ?? d.text, ctx.year) ?? (d.deadlineText ? extractDeadline(d.text, ctx.year) : null);
  return {
    number: d.number,
    section: d.section,
    text: d.text,
    leaders: unique(d.leaders),
    hostUnits,
    coUnits,
    targets: extractTargets(d.text, { year: ctx.year }),
    projects: extractProjects(d.text),
    deadline: deadline?.date ?? null,
    deadlineText: deadline?.text ?? null,
    hostSignal: d.signal,
    line: d.line,
  };
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

export function finishPlan(meta: Meta, parts: Pick<Plan, 'headlineTargets' | 'sections'>, tasks: Task[], warnings: Warning[]): Plan {
  const withLeaders = tasks.filter((t) => t.leaders.length > 0).length;
  if (tasks.length === 0) {
    warnings.push({ code: 'no_tasks', task: null, line: null, message: '没有找到编号的任务（如“1.”“（一）”），请检查文件是否为任务分解通知或分解表' });
  } else if (withLeaders === 0) {
    warnings.push({ code: 'no_leaders', task: null, line: null, message: '通知中没有找到牵头领导，请在导入后补充' });
  } else {
    for (const t of tasks) {
      if (t.leaders.length === 0) warnings.push({ code: 'no_leaders', task: t.number, line: t.line, message: `第 ${t.number} 项任务没有找到牵头领导` });
    }
  }
  warnings.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const sections: Section[] = parts.sections.map((s) => ({ number: s.number, title: s.title }));
  return { ...meta, headlineTargets: parts.headlineTargets, sections, tasks, warnings };
}
