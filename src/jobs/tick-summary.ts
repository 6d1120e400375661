/** What a tick did, in lines a clerk reads (the `luoshi tick` output and the server log). */
import type { TickResult } from './tick.js';

const STEP_NAMES: Record<TickResult['errors'][number]['step'], string> = {
  rounds: '开启调度',
  reminders: '催办提醒',
  orders: '按规则督办',
  deliveries: '邮件和消息推送',
};

/** `government`: named in the first line, where a deployment has several. */
export function describeTick(result: TickResult, government?: string): string[] {
  const { rounds, reminders, orders, deliveries } = result;
  const reports = rounds.opened.reduce((sum, r) => sum + r.reports, 0);
  const lines = [
    government === undefined ? `督办作业（${result.asOf}）：` : `${government === '' ? '（未命名政府）' : government}督办作业（${result.asOf}）：`,
  ];
  lines.push(
    rounds.opened.length === 0
      ? `  开启调度：无需开启新的调度期次${rounds.existing > 0 ? `（已开启的 ${rounds.existing} 期不变）` : ''}`
      : `  开启调度 ${rounds.opened.length} 期（${rounds.opened.map((r) => r.label).join('、')}），生成报告草稿 ${reports} 份`,
  );
  lines.push(
    `  催报提醒 ${reminders.reminders} 条，逾期上报牵头领导 ${reminders.escalations} 条，红灯预警 ${reminders.redAlerts} 条，督办单超期提醒 ${reminders.orderReminders} 条`,
  );
  lines.push(`  按规则下发督办单 ${orders.issued} 份`);
  lines.push(`  邮件和消息推送：成功 ${deliveries.sent} 条，待重试 ${deliveries.retrying} 条，放弃 ${deliveries.failed} 条`);
  for (const e of result.errors) lines.push(`  ${STEP_NAMES[e.step]}失败：${e.message}`);
  return lines;
}

/** Whether the tick did anything worth a line in the server log. */
export const tickDidSomething = (r: TickResult): boolean =>
  r.rounds.opened.length +
    r.reminders.reminders +
    r.reminders.escalations +
    r.reminders.redAlerts +
    r.reminders.orderReminders +
    r.orders.issued +
    r.deliveries.sent +
    r.deliveries.retrying +
    r.deliveries.failed +
    r.errors.length >
  0;
