/**
 * One supervision tick from end to end, on both databases: it opens the
 * scheduled round, reminds, issues orders by rule and delivers what it
 * queued; a second tick the same day does nothing. `luoshi tick` says what
 * it did in Chinese.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { supervisionTick } from '../../src/jobs/tick.js';
import { describeTick } from '../../src/jobs/tick-summary.js';
import { owedReports } from '../../src/modules/report/report-due.repository.js';
import { setPlanSchedule } from '../../src/modules/schedule/schedule.service.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { webhookSink, type WebhookSink } from '../modules/notification/sinks.js';
import { useApiFixture } from '../server/api-fixture.js';
import { count, dayClock } from './supervision-helpers.js';

describeEachDatabase('the supervision tick', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let hook: WebhookSink;
  beforeAll(async () => {
    hook = await webhookSink();
    // The set-up opened its round with no channel configured: those notifications (round_open) stay in the app.
    // The tick's own, each delivered once, are what this test counts.
    await fx().store.db.deleteFrom('notifications').where('kind', '=', 'round_open').execute();
    await setPlanSchedule(fx().store.db, fx().operator, fx().planId, { kind: 'monthly', dueDay: 25, dueOffset: 'same' }, dayClock('2026-04-01'));
  });
  afterAll(async () => {
    await hook.close();
  });

  it('opens the round, reminds, issues orders and delivers, each once', async () => {
    const db = fx().store.db;
    const overdue = (await owedReports(db, fx().governmentId, { dueOnOrBefore: '2026-04-08' })).length;
    const result = await supervisionTick(db, fx().governmentId, '2026-04-15', { clock: dayClock('2026-04-15'), delivery: { webhookUrl: hook.url } });
    expect(result.errors).toEqual([]);
    expect(result.rounds.opened.map((r) => r.label)).toEqual(['2026-04']);
    expect(result.reminders.reminders).toBeGreaterThan(0);
    expect(result.reminders.escalations).toBeGreaterThan(0);
    expect(result.orders.issued).toBe(overdue);
    const notifications = await count(db, 'notifications', fx().governmentId);
    expect(result.deliveries).toEqual({ sent: notifications, retrying: 0, failed: 0 });
    expect(hook.posts).toHaveLength(notifications);

    const lines = describeTick(result);
    expect(lines[0]).toBe('督办作业（2026-04-15）：');
    expect(lines[1]).toMatch(/^ {2}开启调度 1 期（2026-04），生成报告草稿 \d+ 份$/);
    expect(lines.join('\n')).toContain(`按规则下发督办单 ${overdue} 份`);

    const again = await supervisionTick(db, fx().governmentId, '2026-04-15', { clock: dayClock('2026-04-15'), delivery: { webhookUrl: hook.url } });
    expect(again).toMatchObject({
      rounds: { opened: [], existing: 1 },
      reminders: { reminders: 0, escalations: 0, redAlerts: 0, orderReminders: 0 },
      orders: { issued: 0 },
      deliveries: { sent: 0 },
      errors: [],
    });
    expect(await count(db, 'notifications', fx().governmentId)).toBe(notifications);
  });

  it('`luoshi tick` runs one tick at the given date and says what it did', () => {
    const r = runCli(['tick', '--as-of', '2026-04-16', '--db', getUrl()], { env: { LUOSHI_WEBHOOK_URL: '', LUOSHI_SMTP_URL: '' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^督办作业（2026-04-16）：\n {2}开启调度：无需开启新的调度期次（已开启的 1 期不变）\n {2}催报提醒 \d+ 条/);
    const bad = runCli(['tick', '--as-of', '2026-02-30', '--db', getUrl()]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('日期无效：2026-02-30');
  });
});
