/**
 * Where notifications go besides the app: an SMTP server (smtp://user:pass@host:port,
 * or smtps://) and a sender for e-mail, a generic webhook (government IM), the
 * site's address for the links in them. Read from LUOSHI_SMTP_URL,
 * LUOSHI_MAIL_FROM, LUOSHI_WEBHOOK_URL and LUOSHI_PUBLIC_URL by src/config.ts;
 * none configured (`{}`): notifications stay in the app.
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

/** E-mail is sent only when an SMTP server is configured. */
export const mailConfigured = (config: DeliveryConfig): boolean => config.smtpUrl !== undefined;

const LINKS: Record<string, (id: number) => string> = {
  report: (id) => `/reports/${id}`,
  task: (id) => `/tasks/${id}`,
  workplan: (taskId) => `/tasks/${taskId}/workplan`,
  order: () => '/orders',
  round: () => '/my',
};

/** The link a notification points to, in the web app (web/src/layout/notification-link.ts says the same). */
export function linkOf(config: DeliveryConfig, objectType: string | null, objectId: number | null): string {
  const path = objectType === null || objectId === null ? '/notifications' : (LINKS[objectType]?.(objectId) ?? '/notifications');
  return `${config.publicUrl ?? ''}${path}`;
}
