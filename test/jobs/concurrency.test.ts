/**
 * Several server processes on one PostgreSQL database: two ticks at once,
 * each on its own connection pool, make exactly one round, one set of
 * notifications and one set of orders, and deliver each notification once;
 * two pg-boss schedulers run one tick per slot.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler, type Scheduler } from '../../src/jobs/scheduler.js';
import { supervisionTick, type TickResult } from '../../src/jobs/tick.js';
import { owedReports } from '../../src/modules/report/report-due.repository.js';
import { setPlanSchedule } from '../../src/modules/schedule/schedule.service.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { dropPostgresDatabase, freshPostgresDatabase, hasPostgres } from '../helpers/databases.js';
import { webhookSink, type WebhookSink } from '../modules/notification/sinks.js';
import { useApiFixture } from '../server/api-fixture.js';
import { count, dayClock } from './supervision-helpers.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await sleep(100);
}

describe.skipIf(!hasPostgres())('several processes on one PostgreSQL database', () => {
  let url = '';
  beforeAll(async () => {
    url = (await freshPostgresDatabase()) ?? '';
  }, 60_000);
  afterAll(async () => {
    if (url) await dropPostgresDatabase(url);
  }, 60_000);
  const fx = useApiFixture(() => url);
  const stores: Store[] = [];
  let hook: WebhookSink;
  beforeAll(async () => {
    stores.push(openStore(url), openStore(url));
    hook = await webhookSink();
    // The set-up opened its round with no channel configured: those notifications (round_open) stay in the app.
    // The ticks' own, each delivered once, are what this test counts.
    await fx().store.db.deleteFrom('notifications').where('kind', '=', 'round_open').execute();
    await setPlanSchedule(fx().store.db, fx().operator, fx().planId, { kind: 'monthly', dueDay: 25, dueOffset: 'same' }, dayClock('2026-04-01'));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await hook?.close();
  });

  it('two ticks at once: one round, one set of notifications and orders, each delivered once', async () => {
    const db = fx().store.db;
    const gov = fx().governmentId;
    const overdue = (await owedReports(db, gov, { dueOnOrBefore: '2026-04-08' })).length;
    const tick = (store: Store): Promise<TickResult> =>
      supervisionTick(store.db, gov, '2026-04-15', { clock: dayClock('2026-04-15'), delivery: { webhookUrl: hook.url } });
    const [a, b] = await Promise.all(stores.map(tick));
    if (!a || !b) throw new Error('no tick');
    expect([...a.errors, ...b.errors]).toEqual([]);

    const rounds = await db.selectFrom('rounds').select('label').where('label', '=', '2026-04').execute();
    expect(rounds).toHaveLength(1);
    expect(a.rounds.opened.length + b.rounds.opened.length).toBe(1);

    const orders = await db.selectFrom('orders').select(['serial', 'rule_key']).orderBy('serial').execute();
    expect(orders).toHaveLength(overdue);
    expect(a.orders.issued + b.orders.issued).toBe(overdue);
    expect(orders.map((o) => o.serial)).toEqual(orders.map((_, i) => i + 1));

    const reminderRows = await db
      .selectFrom('notifications')
      .select('id')
      .where('kind', 'in', ['reminder_before', 'reminder_due', 'reminder_overdue', 'escalation', 'red_task', 'order_overdue'])
      .execute();
    const told = (r: TickResult): number => r.reminders.reminders + r.reminders.escalations + r.reminders.redAlerts + r.reminders.orderReminders;
    expect(told(a) + told(b)).toBe(reminderRows.length);
    expect(reminderRows.length).toBeGreaterThan(0);

    const notifications = await count(db, 'notifications', gov);
    expect(a.deliveries.sent + b.deliveries.sent).toBe(notifications);
    expect(hook.posts).toHaveLength(notifications);
    const statuses = await db.selectFrom('deliveries').select(['status', 'attempts']).execute();
    expect(new Set(statuses.map((d) => `${d.status}/${d.attempts}`))).toEqual(new Set(['sent/1']));

    // A third process later finds nothing left to do.
    const c = await tick(fx().store);
    expect(c).toMatchObject({ rounds: { opened: [] }, orders: { issued: 0 }, deliveries: { sent: 0 } });
    expect(told(c)).toBe(0);
    expect(await count(db, 'notifications', gov)).toBe(notifications);
  }, 60_000);

  it('two pg-boss schedulers on one database run one tick per slot', async () => {
    const runs: string[] = [];
    const slotSeconds = 30;
    // Start well inside a slot, so that the start and the triggers below share it.
    const intoSlot = (Date.now() / 1000) % slotSeconds;
    if (intoSlot > slotSeconds - 12) await sleep((slotSeconds - intoSlot + 1) * 1000);
    const schedulers: Scheduler[] = stores.map((store, i) =>
      createScheduler({
        store,
        url,
        governmentId: fx().governmentId,
        slotSeconds,
        pollingIntervalSeconds: 0.5,
        tick: async (asOf) => {
          runs.push(`${i}:${asOf}`);
          await sleep(200);
        },
        onError: (err) => {
          throw err;
        },
      }),
    );
    try {
      await Promise.all(schedulers.map((s) => s.start()));
      await waitFor(() => runs.length > 0, 15_000);
      await sleep(2000);
      expect(runs).toHaveLength(1);
      await Promise.all(schedulers.map((s) => s.trigger()));
      await sleep(2000);
      expect(runs).toHaveLength(1);
      const schedules = await sql<{ name: string; cron: string }>`select name, cron from pgboss.schedule`.execute(fx().store.db);
      expect(schedules.rows).toEqual([{ name: `luoshi-supervision-${fx().governmentId}`, cron: '*/10 * * * *' }]);
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
    }
  }, 90_000);
});
