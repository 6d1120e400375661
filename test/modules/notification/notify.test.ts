/**
 * notify: one notification per user and occasion, whoever inserts it and
 * however often; deliveries queued only for rows actually inserted, by the
 * channels configured; each user reads and marks only their own.
 */
import { beforeAll, expect, it } from 'vitest';
import type { NotificationMessage } from '../../../src/modules/notification/notification.model.js';
import { notify } from '../../../src/modules/notification/notification.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';

const message = (key: string): NotificationMessage => ({
  kind: 'reminder_before',
  title: '催报：2026-03 期进展报告 3 月 25 日截止',
  body: '《示例任务》任务的 2026-03 期进展报告将于 3 月 25 日截止，请及时报送。',
  objectType: 'report',
  objectId: 1,
  dedupeKey: key,
});
const CONFIG = { smtpUrl: 'smtp://127.0.0.1:9', mailFrom: 'dcs@example.gov.cn', webhookUrl: 'http://127.0.0.1:9/hook' };
const NOW = '2026-03-22T01:00:00.000Z';

describeEachDatabase('notifications', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let s: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    s = await signInEveryone(fx().app);
    await fx().store.db.updateTable('users').set({ email: 'gxj_head@example.gov.cn' }).where('id', '=', fx().userIds.headA).execute();
    // The set-up's round opening told the units owing reports (step-notices.ts, tested in the desk's tests):
    // these tests start from nobody told anything.
    await fx().store.db.deleteFrom('notifications').where('kind', '=', 'round_open').execute();
  });
  const rows = (key: string) => fx().store.db.selectFrom('notifications').selectAll().where('dedupe_key', '=', key).orderBy('user_id').execute();
  const deliveriesOf = (key: string) =>
    fx()
      .store.db.selectFrom('deliveries')
      .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
      .select(['notifications.user_id as userId', 'deliveries.channel', 'deliveries.address', 'deliveries.status'])
      .where('notifications.dedupe_key', '=', key)
      .orderBy('notifications.user_id')
      .orderBy('deliveries.channel')
      .execute();

  it('stores one row per user, once, and queues e-mail for users with an address and the webhook for everyone', async () => {
    const { headA, liaisonA } = fx().userIds;
    const told = await fx()
      .store.db.transaction()
      .execute((trx) => notify(trx, fx().governmentId, [headA, liaisonA, headA], message('t:1'), NOW, CONFIG));
    expect(told).toBe(2);
    expect((await rows('t:1')).map((r) => r.user_id)).toEqual([headA, liaisonA].sort((a, b) => a - b));
    expect(await deliveriesOf('t:1')).toEqual(
      [
        { userId: headA, channel: 'email', address: 'gxj_head@example.gov.cn', status: 'pending' },
        { userId: headA, channel: 'webhook', address: CONFIG.webhookUrl, status: 'pending' },
        { userId: liaisonA, channel: 'webhook', address: CONFIG.webhookUrl, status: 'pending' },
      ].sort((a, b) => a.userId - b.userId),
    );
  });

  it('tells nobody twice: the same occasion again, or from two transactions at once, adds no row and no delivery', async () => {
    const { headA, liaisonA, leader } = fx().userIds;
    const again = await fx()
      .store.db.transaction()
      .execute((trx) => notify(trx, fx().governmentId, [liaisonA, headA], message('t:1'), NOW, CONFIG));
    expect(again).toBe(0);
    const both = await Promise.all([
      fx()
        .store.db.transaction()
        .execute((trx) => notify(trx, fx().governmentId, [headA, leader], message('t:2'), NOW, CONFIG)),
      fx()
        .store.db.transaction()
        .execute((trx) => notify(trx, fx().governmentId, [headA, leader], message('t:2'), NOW, CONFIG)),
    ]);
    expect(both.sort()).toEqual([0, 2]);
    expect(await rows('t:1')).toHaveLength(2);
    expect(await rows('t:2')).toHaveLength(2);
    expect(await deliveriesOf('t:1')).toHaveLength(3);
    expect(await deliveriesOf('t:2')).toHaveLength(3);
  });

  it('queues nothing outside the app when neither SMTP nor a webhook is configured', async () => {
    await fx()
      .store.db.transaction()
      .execute((trx) => notify(trx, fx().governmentId, [fx().userIds.headA], message('t:3'), NOW, {}));
    expect(await rows('t:3')).toHaveLength(1);
    expect(await deliveriesOf('t:3')).toEqual([]);
  });

  it('lists only one’s own notifications, newest first, with the unread count', async () => {
    const mine = await call(fx().app, s.headA, 'GET', '/api/notifications');
    expect(mine.statusCode, mine.body).toBe(200);
    const body = mine.json<{ items: { title: string; readAt: string | null }[]; unread: number }>();
    expect(body.items).toHaveLength(3);
    expect(body.unread).toBe(3);
    expect(body.items[0]).toMatchObject({ kind: 'reminder_before', objectType: 'report', objectId: 1, readAt: null });
    expect((await call(fx().app, s.liaisonB, 'GET', '/api/notifications')).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('marks one read (another’s is not found), then all', async () => {
    const own = (await rows('t:1')).find((r) => r.user_id === fx().userIds.headA);
    const read = await call(fx().app, s.headA, 'POST', `/api/notifications/${own?.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<{ readAt: string | null }>().readAt).not.toBeNull();
    const foreign = (await rows('t:1')).find((r) => r.user_id === fx().userIds.liaisonA);
    expect((await call(fx().app, s.headA, 'POST', `/api/notifications/${foreign?.id}/read`)).statusCode).toBe(404);
    expect((await call(fx().app, s.headA, 'GET', '/api/notifications?unread=true')).json<{ items: unknown[] }>().items).toHaveLength(2);
    const all = await call(fx().app, s.headA, 'POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ marked: 2 });
    expect((await call(fx().app, s.headA, 'GET', '/api/notifications?unread=true')).json()).toEqual({ items: [], unread: 0 });
    // The liaison's copy of the same occasion is still unread.
    expect((await call(fx().app, s.liaisonA, 'GET', '/api/notifications')).json<{ unread: number }>().unread).toBe(1);
  });
});
