/**
 * Sending one delivery: by SMTP (nodemailer) or by posting JSON to the
 * webhook (fetch). Each attempt has a time limit; a failure is thrown with a
 * message for last_error.
 */
import { createTransport } from 'nodemailer';
import { DEFAULT_TIMEOUT_MS, linkOf, type DeliveryConfig } from './delivery.config.js';
import type { DeliveryChannel, PendingDelivery } from './notification.model.js';

export interface ChannelSender {
  send(delivery: PendingDelivery): Promise<void>;
  close(): void;
}

/** What the webhook receives: generic enough for most government IM bots. */
export interface WebhookPayload {
  title: string;
  text: string;
  username: string;
  displayName: string;
  kind: string;
  link: string;
}

export function webhookPayload(config: DeliveryConfig, d: PendingDelivery): WebhookPayload {
  const n = d.notification;
  return { title: n.title, text: n.body, username: n.username, displayName: n.displayName, kind: n.kind, link: linkOf(config, n.objectType, n.objectId) };
}

function emailSender(config: DeliveryConfig): ChannelSender {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (config.smtpUrl === undefined) {
    return { send: () => Promise.reject(new Error('未配置邮件服务器（LUOSHI_SMTP_URL）')), close: () => undefined };
  }
  const transport = createTransport({ url: config.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  return {
    async send(d) {
      const n = d.notification;
      await transport.sendMail({
        from: config.mailFrom ?? 'luoshi@localhost',
        to: d.address,
        subject: n.title,
        text: `${n.displayName}：\n\n${n.body}\n\n${linkOf(config, n.objectType, n.objectId)}\n`,
      });
    },
    close: () => transport.close(),
  };
}

function webhookSender(config: DeliveryConfig): ChannelSender {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async send(d) {
      const response = await fetch(d.address, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(webhookPayload(config, d)),
        signal: AbortSignal.timeout(timeout),
      });
      // The body is not needed; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`Webhook 返回 HTTP ${response.status}`);
    },
    close: () => undefined,
  };
}

export function channelSender(channel: DeliveryChannel, config: DeliveryConfig): ChannelSender {
  switch (channel) {
    case 'email':
      return emailSender(config);
    case 'webhook':
      return webhookSender(config);
  }
}
