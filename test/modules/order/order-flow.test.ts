/**
 * A supervision order through the API: the office issues it to a unit
 * responsible for the task, the unit signs for it and answers, the office
 * closes it. Each step checks who and from which state, stamps the time,
 * writes its audit row and tells the unit (and the lead leader for yellow
 * and red orders). Serial numbers run per plan, also when issued at once.
 */
import { beforeAll, expect, it } from 'vitest';
import { remind } from '../../../src/jobs/remind.js';
import { orderService } from '../../../src/modules/order/order.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, errorOf, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';
import { actorFor, dayClock, notificationsLike } from '../../jobs/supervision-helpers.js';

interface OrderBody {
  id: number;
  number: string;
  serial: number;
  status: string;
  respondBy: string;
  signedBy: number | null;
  signedAt: string | null;
  response: string | null;
  closedBy: number | null;
  closeComment: string | null;
  allowedActions: string[];
  version: number;
}

describeEachDatabase('supervision orders', (getUrl) => {
  const clock = dayClock('2026-04-10');
  const fx = useApiFixture(getUrl, { clock });
  let s: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    s = await signInEveryone(fx().app);
  });
  const issue = (grade: string, extra: Record<string, unknown> = {}) =>
    call(fx().app, s.office, 'POST', '/api/orders', {
      taskId: fx().tasks.a.id,
      unitId: fx().units.a.id,
      grade,
      reason: '一季度营收增速低于时序进度，请说明原因并提出整改措施',
      ...extra,
    });
  const audits = (id: number) =>
    fx()
      .store.db.selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('object_type', '=', 'order')
      .where('object_id', '=', String(id))
      .orderBy('seq')
      .execute();
  let first: OrderBody;

  it('issues an order with the plan’s next number and the default answer date, and tells the unit and the lead leader', async () => {
    const res = await issue('yellow');
    expect(res.statusCode, res.body).toBe(200);
    first = res.json<OrderBody>();
    expect(first).toMatchObject({
      number: '督办〔2026〕第1号',
      serial: 1,
      status: 'issued',
      respondBy: '2026-04-17',
      grade: 'yellow',
      source: 'manual',
      unitName: '区工业和信息化局',
      allowedActions: ['order.close'],
    });
    expect(await audits(first.id)).toEqual([{ action: 'order.issue', actor_user_id: fx().userIds.office }]);
    const told = await notificationsLike(fx().store.db, fx().governmentId, `order:${first.id}:issue`);
    expect(told.map((n) => n.userId).sort()).toEqual([fx().userIds.headA, fx().userIds.liaisonA, fx().userIds.leader].sort());
    expect(told[0]?.title).toBe('黄色督办：督办〔2026〕第1号');
    expect(told[0]?.body).toMatch(
      /^区工业和信息化局：关于《.+》任务，一季度营收增速低于时序进度，请说明原因并提出整改措施。请签收，并于 4 月 17 日前书面回复办理情况。$/,
    );
  });

  it('refuses a unit that is not responsible for the task, and an answer date in the past', async () => {
    const wrong = await issue('blue', { unitId: fx().units.b.id });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).code).toBe('unit_not_responsible');
    expect((await issue('blue', { respondBy: '2026-04-01' })).statusCode).toBe(400);
    expect(errorOf(await issue('blue', { respondBy: '2026-04-31' })).message).toBe(
      '请求参数有误：字段 body.respondBy 不是有效日期（YYYY-MM-DD，2000—2100 年间的真实日期）：2026-04-31',
    );
    expect((await issue('blue', { taskId: 99999 })).statusCode).toBe(404);
  });

  it('is read by the unit, the lead leader and the office; listed only for them', async () => {
    expect((await call(fx().app, s.leader, 'GET', `/api/orders/${first.id}`)).statusCode).toBe(200);
    expect((await call(fx().app, s.liaisonA, 'GET', `/api/orders/${first.id}`)).json<OrderBody>().allowedActions).toEqual(['order.respond']);
    expect((await call(fx().app, s.liaisonB, 'GET', `/api/orders/${first.id}`)).statusCode).toBe(403);
    expect((await call(fx().app, s.liaisonB, 'GET', '/api/orders')).json()).toEqual({ items: [] });
    expect(
      (await call(fx().app, s.headA, 'GET', `/api/orders?taskId=${fx().tasks.a.id}&status=issued`)).json<{ items: OrderBody[] }>().items.map((o) => o.id),
    ).toEqual([first.id]);
    expect((await call(fx().app, s.observer, 'GET', '/api/orders')).statusCode).toBe(403);
    expect((await call(fx().app, s.office, 'GET', '/api/orders/99999')).statusCode).toBe(404);
  });

  it('is signed for by the unit once, answered, and closed by the office, each step stamped and audited', async () => {
    expect((await call(fx().app, s.liaisonB, 'POST', `/api/orders/${first.id}/sign`)).statusCode).toBe(403);
    const signed = await call(fx().app, s.liaisonA, 'POST', `/api/orders/${first.id}/sign`);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signedBy: fx().userIds.liaisonA, signedAt: '2026-04-10T01:00:00.000Z', version: 2 });
    const again = await call(fx().app, s.headA, 'POST', `/api/orders/${first.id}/sign`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('invalid_state');

    const answered = await call(fx().app, s.headA, 'POST', `/api/orders/${first.id}/respond`, { response: '已召开专题会，二季度增速将回到时序进度以上。' });
    expect(answered.json()).toMatchObject({ status: 'answered', response: '已召开专题会，二季度增速将回到时序进度以上。', respondedBy: fx().userIds.headA });
    const toIssuer = await notificationsLike(fx().store.db, fx().governmentId, `order:${first.id}:respond`);
    expect(toIssuer.map((n) => n.userId)).toContain(fx().userIds.office);

    expect((await call(fx().app, s.headA, 'POST', `/api/orders/${first.id}/close`, { comment: '' })).statusCode).toBe(403);
    const closed = await call(fx().app, s.office, 'POST', `/api/orders/${first.id}/close`, { comment: '' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: fx().userIds.office, allowedActions: [] });
    expect((await call(fx().app, s.office, 'POST', `/api/orders/${first.id}/close`, { comment: '再次办结' })).statusCode).toBe(409);
    expect((await audits(first.id)).map((a) => a.action)).toEqual(['order.issue', 'order.sign', 'order.respond', 'order.close']);
  });

  it('answering an order not yet signed for signs it too; the office closes an unanswered order only with a reason', async () => {
    const second = (await issue('blue')).json<OrderBody>();
    expect(second.number).toBe('督办〔2026〕第2号');
    const answered = await call(fx().app, s.liaisonA, 'POST', `/api/orders/${second.id}/respond`, { response: '已整改。' });
    expect(answered.json()).toMatchObject({ status: 'answered', signedBy: fx().userIds.liaisonA });
    // Blue orders are the unit's business: the lead leader is not told.
    expect((await notificationsLike(fx().store.db, fx().governmentId, `order:${second.id}:issue`)).map((n) => n.userId)).not.toContain(fx().userIds.leader);

    const third = (await issue('red')).json<OrderBody>();
    const bare = await call(fx().app, s.office, 'POST', `/api/orders/${third.id}/close`, { comment: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(errorOf(bare).code).toBe('comment_required');
    expect((await call(fx().app, s.office, 'POST', `/api/orders/${third.id}/close`, { comment: '任务已调整，撤销督办。' })).json()).toMatchObject({
      status: 'closed',
      closeComment: '任务已调整，撤销督办。',
    });
  });

  it('two people signing at once: one succeeds, the other gets 409', async () => {
    const order = (await issue('blue')).json<OrderBody>();
    const [x, y] = await Promise.all([
      call(fx().app, s.liaisonA, 'POST', `/api/orders/${order.id}/sign`),
      call(fx().app, s.headA, 'POST', `/api/orders/${order.id}/sign`),
    ]);
    expect([x?.statusCode, y?.statusCode].sort()).toEqual([200, 409]);
  });

  it('orders issued at the same moment get distinct, consecutive numbers', async () => {
    const office = await actorFor(fx(), 'office');
    const input = { taskId: fx().tasks.a.id, unitId: fx().units.a.id, grade: 'blue' as const, reason: '请加快进度' };
    const made = await Promise.all([0, 1, 2].map(() => orderService.issue(fx().store.db, office, input, clock)));
    const serials = made.map((o) => o.serial).sort((a, b) => a - b);
    expect(serials).toEqual([5, 6, 7]);
  });

  it('an order not answered by its date reminds the unit, once', async () => {
    const order = (await issue('yellow', { respondBy: '2026-04-15' })).json<OrderBody>();
    const at = (day: string) => remind(fx().store.db, fx().governmentId, day, { clock: dayClock(day), delivery: {} });
    await at('2026-04-15');
    expect(await notificationsLike(fx().store.db, fx().governmentId, `order:${order.id}:overdue`)).toEqual([]);
    await at('2026-04-16');
    await at('2026-04-17');
    const told = await notificationsLike(fx().store.db, fx().governmentId, `order:${order.id}:overdue`);
    expect(told.map((n) => n.userId).sort()).toEqual([fx().userIds.headA, fx().userIds.liaisonA].sort());
    expect(told[0]?.kind).toBe('order_overdue');
  });
});
