/** Notifications and deliveries. Only this file touches these tables. */
import type { Selectable } from 'kysely';
import type { NotificationTable } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { DELIVERY_CHANNELS, type DeliveryChannel, type Notification, type NotificationMessage, type PendingDelivery } from './notification.model.js';

const toNotification = (r: Selectable<NotificationTable>): Notification => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  objectType: r.object_type,
  objectId: r.object_id,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/**
 * One row per user; a user who already has the occasion's dedupe key gets
 * nothing (ON CONFLICT DO NOTHING on the unique (user_id, dedupe_key)), also
 * when another process inserts it at the same moment. Returns the rows
 * actually inserted.
 */
export async function insertNotifications(
  trx: Tx,
  governmentId: number,
  userIds: readonly number[],
  message: NotificationMessage,
  now: string,
): Promise<{ id: number; userId: number }[]> {
  if (userIds.length === 0) return [];
  const rows = await trx
    .insertInto('notifications')
    .values(
      userIds.map((userId) => ({
        government_id: governmentId,
        user_id: userId,
        kind: message.kind,
        title: message.title,
        body: message.body,
        object_type: message.objectType,
        object_id: message.objectId,
        dedupe_key: message.dedupeKey,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .returning(['id', 'user_id'])
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id }));
}

export async function insertDeliveries(
  trx: Tx,
  governmentId: number,
  deliveries: readonly { notificationId: number; channel: DeliveryChannel; address: string }[],
  now: string,
): Promise<void> {
  if (deliveries.length === 0) return;
  await trx
    .insertInto('deliveries')
    .values(
      deliveries.map((d) => ({ government_id: governmentId, notification_id: d.notificationId, channel: d.channel, address: d.address, created_at: now })),
    )
    .onConflict((oc) => oc.columns(['notification_id', 'channel']).doNothing())
    .execute();
}

/** The user's notifications, newest first. */
export async function listNotifications(
  db: Tx,
  governmentId: number,
  userId: number,
  filter: { unread?: boolean; limit?: number } = {},
): Promise<Notification[]> {
  let q = db.selectFrom('notifications').selectAll().where('government_id', '=', governmentId).where('user_id', '=', userId);
  if (filter.unread === true) q = q.where('read_at', 'is', null);
  if (filter.unread === false) q = q.where('read_at', 'is not', null);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
  return rows.map(toNotification);
}

export async function countUnread(db: Tx, governmentId: number, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('government_id', '=', governmentId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findNotification(db: Tx, governmentId: number, id: number): Promise<Notification | undefined> {
  const row = await db.selectFrom('notifications').selectAll().where('government_id', '=', governmentId).where('id', '=', id).executeTakeFirst();
  return row && toNotification(row);
}

/** Marks the user's notification read (once: the first reading time stays). */
export async function markRead(trx: Tx, userId: number, id: number, now: string): Promise<void> {
  await trx.updateTable('notifications').set({ read_at: now }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}

/** Marks all the user's unread notifications read; returns how many. */
export async function markAllRead(trx: Tx, governmentId: number, userId: number, now: string): Promise<number> {
  const result = await trx
    .updateTable('notifications')
    .set({ read_at: now })
    .where('government_id', '=', governmentId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The e-mail addresses of the users who have one. */
export async function emailsOf(db: Tx, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', 'in', [...userIds])
    .where('email', 'is not', null)
    .execute();
  return new Map(rows.filter((r) => r.email !== null && r.email.trim() !== '').map((r) => [r.id, (r.email ?? '').trim()]));
}

/** Deliveries waiting to be sent, oldest first. */
export async function pendingDeliveries(db: Tx, governmentId: number, limit: number): Promise<PendingDelivery[]> {
  const rows = await db
    .selectFrom('deliveries')
    .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select([
      'deliveries.id as id',
      'deliveries.channel as channel',
      'deliveries.address as address',
      'deliveries.attempts as attempts',
      'notifications.id as notificationId',
      'notifications.user_id as userId',
      'notifications.kind as kind',
      'notifications.title as title',
      'notifications.body as body',
      'notifications.object_type as objectType',
      'notifications.object_id as objectId',
      'notifications.created_at as createdAt',
      'notifications.read_at as readAt',
      'users.username as username',
      'users.display_name as displayName',
    ])
    .where('deliveries.government_id', '=', governmentId)
    .where('deliveries.status', '=', 'pending')
    .orderBy('deliveries.id')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => {
    const channel = DELIVERY_CHANNELS.find((c) => c === r.channel);
    if (!channel) return [];
    const { id, address, attempts, notificationId, ...n } = r;
    return [{ id, channel, address, attempts, notification: { ...n, id: notificationId } }];
  });
}

/**
 * Takes a delivery for sending: only one process gets it (status pending →
 * sending, counting the attempt). While sending, sent_at holds when the
 * attempt began, so that an attempt cut short by a crash is taken again later.
 */
export async function claimDelivery(db: Tx, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), sent_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishDelivery(db: Tx, id: number, outcome: { status: 'sent' | 'pending' | 'failed'; error: string | null }, now: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: outcome.status, last_error: outcome.error, sent_at: outcome.status === 'sent' ? now : null })
    .where('id', '=', id)
    .execute();
}

/** Attempts left in "sending" since before `before` (the process died mid-send) are pending again. */
export async function releaseStaleClaims(db: Tx, governmentId: number, before: string): Promise<number> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'pending', sent_at: null, last_error: '发送中断（进程退出），将重试' })
    .where('government_id', '=', governmentId)
    .where('status', '=', 'sending')
    .where('sent_at', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
