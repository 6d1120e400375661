/**
 * Where notifications go besides the app, from the environment:
 * LUOSHI_SMTP_URL (smtp://user:pass@host:port, or smtps://) with
 * LUOSHI_MAIL_FROM for e-mail, LUOSHI_WEBHOOK_URL for a generic webhook
 * (government IM), LUOSHI_PUBLIC_URL for the links in them.
 */
export interface DeliveryConfig {
  smtpUrl?: string;
  mailFrom?: string;
  webhookUrl?: string;
  /** The site's address, put before the links ("https://luoshi.example.gov.cn"). */
  publicUrl?: string;
  /** Per attempt, for connecting and for the whole exchange (default 10 s). */
  timeoutMs?: number;
}

/** A delivery is given up after this many attempts. */
export const MAX_ATTEMPTS = 5;
export const DEFAULT_TIMEOUT_MS = 10_000;

const value = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());

export function deliveryConfigFromEnv(env: Record<string, string | undefined> = process.env): DeliveryConfig {
  const config: DeliveryConfig = {};
  const smtpUrl = value(env.LUOSHI_SMTP_URL);
  const mailFrom = value(env.LUOSHI_MAIL_FROM);
  const webhookUrl = value(env.LUOSHI_WEBHOOK_URL);
  const publicUrl = value(env.LUOSHI_PUBLIC_URL);
  if (smtpUrl) config.smtpUrl = smtpUrl;
  if (mailFrom) config.mailFrom = mailFrom;
  if (webhookUrl) config.webhookUrl = webhookUrl;
  if (publicUrl) config.publicUrl = publicUrl.replace(/\/+$/, '');
  return config;
}

/** E-mail is sent only when an SMTP server is configured. */
export const mailConfigured = (config: DeliveryConfig): boolean => config.smtpUrl !== undefined;

/** The link a notification points to, in the web app. */
export function linkOf(config: DeliveryConfig, objectType: string | null, objectId: number | null): string {
  const path = objectType && objectId !== null ? `/${objectType}s/${objectId}` : '/notifications';
  return `${config.publicUrl ?? ''}${path}`;
}
