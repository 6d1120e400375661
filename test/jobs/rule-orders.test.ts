/**
 * Orders by rule: a report overdue by settings.orders.overdueDays gets a
 * blue order to its unit; a task red at a round's close a yellow order to
 * its host units; red at redRounds consecutive closes a red one. Each rule
 * and occasion once, however often the job runs.
 */
import { describe, expect, it } from 'vitest';
import { issueRuleOrders, redRule } from '../../src/jobs/rule-orders.js';
import type { CloseLight } from '../../src/modules/order/order-rules.repository.js';
import { owedReports } from '../../src/modules/report/report-due.repository.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { useApiFixture } from '../server/api-fixture.js';
import { dayClock, notificationsLike } from './supervision-helpers.js';

describe('which grade the closes call for', () => {
  const close = (roundId: number, light: string): CloseLight => ({
    planId: 1,
    taskId: 1,
    roundId,
    roundLabel: `2026-0${roundId}`,
    asOf: `2026-0${roundId}-28`,
    light,
  });
  const rules = { redAtClose: true, redRounds: 2 };

  it('yellow for one red close, red for a streak, nothing unless the latest close is red', () => {
    expect(redRule([close(3, 'red'), close(2, 'green')], rules)).toMatchObject({ grade: 'yellow', close: { roundId: 3 } });
    expect(redRule([close(3, 'red'), close(2, 'red')], rules)).toMatchObject({ grade: 'red', close: { roundId: 3 } });
    expect(redRule([close(3, 'yellow'), close(2, 'red')], rules)).toBeUndefined();
    expect(redRule([close(3, 'red')], { redAtClose: false, redRounds: 2 })).toBeUndefined();
    expect(redRule([close(3, 'red'), close(2, 'red')], { redAtClose: true, redRounds: 0 })).toMatchObject({ grade: 'yellow' });
    expect(redRule([], rules)).toBeUndefined();
  });
});

describeEachDatabase('orders by rule', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const run = (asOf: string) => issueRuleOrders(fx().store.db, fx().governmentId, asOf, { clock: dayClock(asOf), delivery: {} });
  const orders = () => fx().store.db.selectFrom('orders').selectAll().orderBy('serial').execute();

  it('issues a blue order for each report overdue by seven days, once', async () => {
    // The fixture's round 2026-03 is due 2026-04-05.
    expect(await run('2026-04-11')).toEqual({ issued: 0 });
    const owed = await owedReports(fx().store.db, fx().governmentId, {});
    const result = await run('2026-04-12');
    expect(result.issued).toBe(owed.length);
    const all = await orders();
    expect(all.map((o) => o.serial)).toEqual(owed.map((_, i) => i + 1));
    const a = all.find((o) => o.rule_key === `overdue:${fx().reports.a}`);
    expect(a).toMatchObject({
      grade: 'blue',
      source: 'rule',
      issued_by: null,
      unit_id: fx().units.a.id,
      task_id: fx().tasks.a.id,
      respond_by: '2026-04-19',
      status: 'issued',
      reason: '2026-03 期进展报告逾期 7 天仍未报送',
    });
    const told = await notificationsLike(fx().store.db, fx().governmentId, `order:${a?.id}:issue`);
    expect(told.map((n) => n.userId).sort()).toEqual([fx().userIds.headA, fx().userIds.liaisonA].sort());
    const audit = await fx()
      .store.db.selectFrom('audit_log')
      .select(['actor_username', 'actor_user_id'])
      .where('action', '=', 'order.issue')
      .where('object_id', '=', String(a?.id))
      .execute();
    expect(audit).toEqual([{ actor_username: 'scheduler', actor_user_id: null }]);

    expect(await run('2026-04-12')).toEqual({ issued: 0 });
    expect(await run('2026-04-20')).toEqual({ issued: 0 });
    expect(await orders()).toHaveLength(owed.length);
  });

  it('a task red at a round’s close: yellow to its host unit; red at two closes in a row: red', async () => {
    const db = fx().store.db;
    const base = (await orders()).length;
    await db
      .insertInto('task_lights')
      .values({ government_id: fx().governmentId, plan_id: fx().planId, task_id: fx().tasks.a.id, as_of: '2026-03-31', round_id: fx().roundId, light: 'red' })
      .execute();
    await db
      .insertInto('task_lights')
      .values({
        government_id: fx().governmentId,
        plan_id: fx().planId,
        task_id: fx().tasks.b.id,
        as_of: '2026-03-31',
        round_id: fx().roundId,
        light: 'yellow',
      })
      .execute();
    expect(await run('2026-04-21')).toEqual({ issued: 1 });
    const yellow = (await orders()).at(-1);
    expect(yellow).toMatchObject({
      grade: 'yellow',
      rule_key: `red-close:${fx().roundId}:${fx().tasks.a.id}:${fx().units.a.id}`,
      unit_id: fx().units.a.id,
      serial: base + 1,
    });
    // Yellow and red orders are told to the lead leader too.
    expect((await notificationsLike(db, fx().governmentId, `order:${yellow?.id}:issue`)).map((n) => n.userId)).toContain(fx().userIds.leader);
    expect(await run('2026-04-22')).toEqual({ issued: 0 });

    const april = await roundOpener.open(db, fx().operator, {
      planId: fx().planId,
      kind: 'monthly',
      label: '2026-04',
      periodEnd: '2026-04-30',
      dueOn: '2026-05-05',
    });
    await db
      .insertInto('task_lights')
      .values({ government_id: fx().governmentId, plan_id: fx().planId, task_id: fx().tasks.a.id, as_of: '2026-04-30', round_id: april.round.id, light: 'red' })
      .execute();
    // Before the close's date, the close is not yet known.
    expect(await run('2026-04-29')).toEqual({ issued: 0 });
    expect(await run('2026-05-01')).toEqual({ issued: 1 });
    expect((await orders()).at(-1)).toMatchObject({ grade: 'red', rule_key: `red-streak:${april.round.id}:${fx().tasks.a.id}:${fx().units.a.id}` });
    expect(await run('2026-05-02')).toEqual({ issued: 0 });
  });
});
