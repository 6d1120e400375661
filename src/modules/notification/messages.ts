/**
 * What reminders, escalations and orders say, in words a clerk understands.
 * Pure: every builder takes plain data and returns the message with the
 * dedupe key that names its occasion.
 */
import type { NotificationMessage } from './notification.model.js';

/** 2026-03-25 → 3 月 25 日 */
export function monthDay(date: string): string {
  const [, m = '', d = ''] = /^\d{4}-(\d{2})-(\d{2})$/.exec(date) ?? [];
  return `${Number(m)} 月 ${Number(d)} 日`;
}

export interface OwedReportFacts {
  reportId: number;
  taskTitle: string;
  unitName: string;
  roundLabel: string;
  dueOn: string;
  role: 'host' | 'co';
}

const sendTo = (r: OwedReportFacts): string => (r.role === 'co' ? '报送主办单位' : '报送');

/** `days`: the reminder's setting (3 days before), which names the occasion; `daysLeft`: the days left now. */
export const dueBeforeMessage = (r: OwedReportFacts, days: number, daysLeft: number): NotificationMessage => ({
  kind: 'reminder_before',
  title: `催报：${r.roundLabel} 期进展报告 ${monthDay(r.dueOn)}截止`,
  body: `${r.unitName}：《${r.taskTitle}》任务的 ${r.roundLabel} 期进展报告将于 ${monthDay(r.dueOn)}截止（还有 ${daysLeft} 天），请及时${sendTo(r)}。`,
  objectType: 'report',
  objectId: r.reportId,
  dedupeKey: `due-before:${r.reportId}:${days}`,
});

export const dueDayMessage = (r: OwedReportFacts): NotificationMessage => ({
  kind: 'reminder_due',
  title: `催报：${r.roundLabel} 期进展报告今天截止`,
  body: `${r.unitName}：今天（${monthDay(r.dueOn)}）是《${r.taskTitle}》任务 ${r.roundLabel} 期进展报告的截止日，请于今日${sendTo(r)}。`,
  objectType: 'report',
  objectId: r.reportId,
  dedupeKey: `due-day:${r.reportId}`,
});

/** `day`: the day overdue this reminder is for (1, 1 + every, …), which names the occasion. */
export const overdueMessage = (r: OwedReportFacts, daysLate: number, day: number): NotificationMessage => ({
  kind: 'reminder_overdue',
  title: `逾期：${r.roundLabel} 期进展报告已逾期 ${daysLate} 天`,
  body: `${r.unitName}：《${r.taskTitle}》任务的 ${r.roundLabel} 期进展报告已于 ${monthDay(r.dueOn)}截止，现已逾期 ${daysLate} 天，请尽快${sendTo(r)}。`,
  objectType: 'report',
  objectId: r.reportId,
  dedupeKey: `overdue:${r.reportId}:${day}`,
});

export const escalationMessage = (r: OwedReportFacts, daysLate: number): NotificationMessage => ({
  kind: 'escalation',
  title: `报告逾期：${r.unitName}`,
  body: `${r.unitName}承担的《${r.taskTitle}》任务 ${r.roundLabel} 期进展报告已逾期 ${daysLate} 天（${monthDay(r.dueOn)}截止），仍未报送，请督促。`,
  objectType: 'report',
  objectId: r.reportId,
  dedupeKey: `escalate:${r.reportId}`,
});

/** Once per task and month: `month` is 'YYYY-MM'. */
export const redTaskMessage = (taskId: number, taskTitle: string, month: string): NotificationMessage => ({
  kind: 'red_task',
  title: `红灯预警：《${taskTitle}》`,
  body: `您牵头的《${taskTitle}》任务当前为红灯（严重滞后于时序进度，或有逾期未报、节点未完成），请关注并督促责任单位。`,
  objectType: 'task',
  objectId: taskId,
  dedupeKey: `red:${taskId}:${month}`,
});
