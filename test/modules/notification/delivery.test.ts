/**
 * Deliveries after commit: e-mail to a real (tiny) SMTP server, posts to a
 * real local webhook. Attempts are counted, the last error kept, a delivery
 * given up after five attempts; a failing or hanging channel holds up
 * neither the other channel nor the cycle.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverPending } from '../../../src/jobs/deliver.js';
import type { DeliveryConfig } from '../../../src/modules/notification/delivery.config.js';
import type { NotificationMessage } from '../../../src/modules/notification/notification.model.js';
import { notify } from '../../../src/modules/notification/notification.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { PEOPLE, useApiFixture } from '../../server/api-fixture.js';
import { bodyOf, headerOf, smtpSink, webhookSink, type SmtpSink, type WebhookSink } from './sinks.js';

const message = (key: string): NotificationMessage => ({
  kind: 'reminder_overdue',
  title: '逾期：2026-03 期进展报告已逾期 2 天',
  body: '区工业和信息化局：《示例任务》任务的 2026-03 期进展报告已于 4 月 5 日截止，现已逾期 2 天，请尽快报送。',
  objectType: 'report',
  objectId: 42,
  dedupeKey: key,
});
const NOW = '2026-04-07T01:00:00.000Z';

describeEachDatabase('deliveries', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let smtp: SmtpSink;
  let hook: WebhookSink;
  let config: DeliveryConfig;
  beforeAll(async () => {
    smtp = await smtpSink();
    hook = await webhookSink();
    config = { smtpUrl: smtp.url, mailFrom: '督查室 <dcs@example.gov.cn>', webhookUrl: hook.url, publicUrl: 'https://luoshi.example.gov.cn', timeoutMs: 1000 };
    await fx().store.db.updateTable('users').set({ email: 'gxj_head@example.gov.cn' }).where('id', '=', fx().userIds.headA).execute();
  });
  afterAll(async () => {
    await smtp.close();
    await hook.close();
  });
  const tell = (key: string, cfg: DeliveryConfig = config) =>
    fx()
      .store.db.transaction()
      .execute((trx) => notify(trx, fx().governmentId, [fx().userIds.headA], message(key), NOW, cfg));
  const deliveriesOf = (key: string) =>
    fx()
      .store.db.selectFrom('deliveries')
      .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
      .select(['deliveries.channel', 'deliveries.status', 'deliveries.attempts', 'deliveries.last_error', 'deliveries.sent_at'])
      .where('notifications.dedupe_key', '=', key)
      .orderBy('deliveries.channel')
      .execute();
  const deliver = (cfg: DeliveryConfig = config) => deliverPending(fx().store.db, fx().governmentId, { config: cfg, clock: () => new Date(NOW) });

  it('sends the e-mail by SMTP and posts the webhook, once each', async () => {
    await tell('d:1');
    expect(await deliver()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    if (!mail) throw new Error('no mail');
    expect(mail.to).toEqual(['RCPT TO:<gxj_head@example.gov.cn>']);
    expect(mail.from).toContain('dcs@example.gov.cn');
    expect(headerOf(mail, 'Subject')).toBe(message('d:1').title);
    expect(smtp.auths.length).toBeGreaterThan(0);
    expect(bodyOf(mail)).toBe(`${PEOPLE.headA.username}：\n\n${message('d:1').body}\n\nhttps://luoshi.example.gov.cn/reports/42\n`);

    expect(hook.posts).toEqual([
      {
        contentType: 'application/json; charset=utf-8',
        body: {
          title: message('d:1').title,
          text: message('d:1').body,
          username: PEOPLE.headA.username,
          displayName: PEOPLE.headA.username,
          kind: 'reminder_overdue',
          link: 'https://luoshi.example.gov.cn/reports/42',
        },
      },
    ]);
    expect(await deliveriesOf('d:1')).toEqual([
      { channel: 'email', status: 'sent', attempts: 1, last_error: null, sent_at: NOW },
      { channel: 'webhook', status: 'sent', attempts: 1, last_error: null, sent_at: NOW },
    ]);
    // Nothing is sent again.
    expect(await deliver()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(hook.posts).toHaveLength(1);
  });

  it('counts a failed attempt, keeps its error, retries, and gives up after five; the e-mail goes regardless', async () => {
    hook.mode = 500;
    await tell('d:2');
    expect(await deliver()).toEqual({ sent: 1, retrying: 1, failed: 0 });
    expect(await deliveriesOf('d:2')).toMatchObject([
      { channel: 'email', status: 'sent', attempts: 1 },
      { channel: 'webhook', status: 'pending', attempts: 1, last_error: 'Webhook 返回 HTTP 500' },
    ]);
    for (let i = 0; i < 3; i++) expect(await deliver()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await deliver()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await deliveriesOf('d:2')).toMatchObject([
      { channel: 'email' },
      { channel: 'webhook', status: 'failed', attempts: 5, last_error: 'Webhook 返回 HTTP 500' },
    ]);
    expect(await deliver()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    hook.mode = 200;
  });

  it('a webhook that never answers is cut off by the time limit without holding up the e-mail or the cycle', async () => {
    hook.mode = 'hang';
    await tell('d:3');
    const started = Date.now();
    const result = await deliver({ ...config, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toEqual({ sent: 1, retrying: 1, failed: 0 });
    const [email, webhook] = await deliveriesOf('d:3');
    expect(email).toMatchObject({ status: 'sent' });
    expect(webhook).toMatchObject({ status: 'pending', attempts: 1 });
    expect(webhook?.last_error).toMatch(/TimeoutError|abort/i);
    hook.mode = 200;
    expect(await deliver()).toEqual({ sent: 1, retrying: 0, failed: 0 });
  });

  it('an SMTP server that cannot be reached fails the e-mail only', async () => {
    await tell('d:4');
    const result = await deliver({ ...config, smtpUrl: 'smtp://127.0.0.1:1', timeoutMs: 1000 });
    expect(result).toEqual({ sent: 1, retrying: 1, failed: 0 });
    const [email] = await deliveriesOf('d:4');
    expect(email).toMatchObject({ channel: 'email', status: 'pending', attempts: 1 });
    expect(email?.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(await deliver()).toEqual({ sent: 1, retrying: 0, failed: 0 });
  });
});
