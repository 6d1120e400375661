/** The readable form of an imported plan, for a clerk at a terminal. */
import type { Plan, Target } from '../domain/plan.js';
import { bold, dim, green, yellow } from './output.js';

const list = (xs: string[]): string => (xs.length ? xs.join('、') : '—');

const formatTarget = (t: Target): string => (t.value === null ? `${t.metric}（${t.text}）` : `${t.metric} ${t.value}${t.unit ?? ''}`);

export function formatPlanSummary(plan: Plan): string {
  const out: string[] = [];
  out.push(bold(plan.title ?? '（未识别标题）'));
  out.push(dim([plan.docNumber, plan.issuer, plan.date].filter(Boolean).join('  ') || '（未识别文号、发文机关和日期）'));
  if (plan.headlineTargets.length) out.push(`主要预期目标：${plan.headlineTargets.map(formatTarget).join('；')}`);
  const targets = plan.tasks.reduce((n, t) => n + t.targets.length, 0);
  const projects = plan.tasks.reduce((n, t) => n + t.projects.length, 0);
  out.push(`共 ${plan.sections.length} 个部分、${plan.tasks.length} 项任务、${targets} 个量化目标、${projects} 个项目`);
  const bySection = new Map<string | null, Plan['tasks']>();
  for (const t of plan.tasks) bySection.set(t.section, [...(bySection.get(t.section) ?? []), t]);
  const sections: { number: string | null; title: string }[] = [...plan.sections];
  if (bySection.has(null)) sections.push({ number: null, title: '（未分部分）' });
  for (const s of sections) {
    const tasks = bySection.get(s.number) ?? [];
    out.push('');
    out.push(bold(s.number === null ? s.title : `${s.number}、${s.title}`) + dim(`（${tasks.length} 项任务）`));
    for (const t of tasks) {
      const head = t.text.length > 36 ? `${t.text.slice(0, 36)}…` : t.text;
      out.push(`  ${t.number}. ${head}`);
      out.push(`     牵头领导：${list(t.leaders)}  主办：${green(list(t.hostUnits))}  协办：${list(t.coUnits)}`);
      const extra = [`目标 ${t.targets.length} 个`, `项目 ${t.projects.length} 个`];
      if (t.deadlineText) extra.push(`时限：${t.deadlineText}`);
      out.push(dim(`     ${extra.join('  ')}`));
    }
  }
  out.push('');
  if (plan.warnings.length === 0) {
    out.push(green('没有需要人工确认的问题'));
  } else {
    out.push(yellow(bold(`需要人工确认 ${plan.warnings.length} 处：`)));
    for (const w of plan.warnings) out.push(yellow(`  [${w.code}]${w.line === null ? '' : ` 第 ${w.line} 行`} ${w.message}`));
  }
  return `${out.join('\n')}\n`;
}
