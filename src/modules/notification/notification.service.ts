/**
 * Notifying people: `notify` stores one notification per user and occasion
 * and queues its deliveries, in the caller's transaction; the job sends them
 * after commit (delivery.sender.ts). Each user reads and marks only their own.
 */
import type { Static } from 'typebox';
import { nowIso, type Tx } from '../../store/tx.js';
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { selfSubject } from '../auth/subjects.js';
import { atomically, type Clock } from '../../store/unit-of-work.js';
import { AppError, notFound } from '../errors.js';
import { mailConfigured, type DeliveryConfig } from './delivery.config.js';
import type { DeliveryChannel, Notification, NotificationMessage } from './notification.model.js';
import type { NotificationViewSchema } from './notification.schema.js';
import {
  countUnread,
  emailsOf,
  findNotification,
  insertDeliveries,
  insertNotifications,
  listNotifications,
  markAllRead,
  markRead,
} from './notification.repository.js';

/**
 * Tells the users about one occasion. A user who was already told (same
 * dedupe key) is skipped, whichever process told them; for the rows actually
 * inserted, an e-mail is queued when the user has an address and SMTP is
 * configured, and a webhook post when a webhook is configured (none unless
 * the caller passes where deliveries go). Returns the number of users newly told.
 */
export async function notify(
  trx: Tx,
  governmentId: number,
  userIds: readonly number[],
  message: NotificationMessage,
  now: string,
  config: DeliveryConfig = {},
): Promise<number> {
  const users = [...new Set(userIds)].sort((a, b) => a - b);
  const inserted = await insertNotifications(trx, governmentId, users, message, now);
  if (inserted.length === 0) return 0;
  const emails = mailConfigured(config)
    ? await emailsOf(
        trx,
        inserted.map((n) => n.userId),
      )
    : new Map<number, string>();
  const deliveries: { notificationId: number; channel: DeliveryChannel; address: string }[] = [];
  for (const n of inserted) {
    const email = emails.get(n.userId);
    if (email !== undefined) deliveries.push({ notificationId: n.id, channel: 'email', address: email });
    if (config.webhookUrl !== undefined) deliveries.push({ notificationId: n.id, channel: 'webhook', address: config.webhookUrl });
  }
  await insertDeliveries(trx, governmentId, deliveries, now);
  return inserted.length;
}

function self(actor: AuthActor): { userId: number } {
  if (actor.role === 'system' || actor.userId === null) throw new AppError(400, 'invalid_request', '系统账号没有个人通知');
  authorize(actor, 'session.self', selfSubject({ ...actor, role: actor.role, userId: actor.userId }));
  return { userId: actor.userId };
}

export type NotificationView = Static<typeof NotificationViewSchema>;

export const presentNotification = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  objectType: n.objectType,
  objectId: n.objectId,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

/** One's own notifications, newest first, with the number still unread. */
export async function listOwnNotifications(db: Tx, actor: AuthActor, filter: { unread?: boolean }): Promise<{ items: NotificationView[]; unread: number }> {
  const { userId } = self(actor);
  const items = await listNotifications(db, actor.governmentId, userId, filter);
  return { items: items.map(presentNotification), unread: await countUnread(db, actor.governmentId, userId) };
}

/** Marks one of one's own notifications read; another's is not found. */
export async function readNotification(db: Tx, actor: AuthActor, id: number, clock?: Clock): Promise<NotificationView> {
  const { userId } = self(actor);
  return atomically(db, async (trx) => {
    const found = await findNotification(trx, actor.governmentId, id);
    if (!found || found.userId !== userId) throw notFound('通知');
    await markRead(trx, userId, id, nowIso(clock));
    const updated = await findNotification(trx, actor.governmentId, id);
    return presentNotification(updated ?? found);
  });
}

export async function readAllNotifications(db: Tx, actor: AuthActor, clock?: Clock): Promise<{ marked: number }> {
  const { userId } = self(actor);
  return { marked: await atomically(db, (trx) => markAllRead(trx, actor.governmentId, userId, nowIso(clock))) };
}
