/** In-app notifications (通知) and their deliveries by e-mail and webhook. */

export const NOTIFICATION_KINDS = [
  'reminder_before',
  'reminder_due',
  'reminder_overdue',
  'escalation',
  'red_task',
  'order',
  'order_overdue',
  'target_change',
  'round_open',
  'report_return',
  'report_accept',
  'workplan_return',
  'workplan_approve',
  'extension_decision',
  'task_assigned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What one occasion tells its recipients. */
export interface NotificationMessage {
  kind: NotificationKind;
  title: string;
  body: string;
  /**
   * What it is about, for the link (linkOf): a report, an order, a task, a round (the unit's desk), or a work
   * plan, whose objectId is its task's (the task's work plan screen).
   */
  objectType: 'report' | 'order' | 'task' | 'round' | 'workplan' | null;
  objectId: number | null;
  /**
   * Names the occasion ("due-before:12:3", "order:5:issue"): the same key for
   * the same user is stored once, so a rerun, or a second process running
   * the same job, adds nothing.
   */
  dedupeKey: string;
}

export interface Notification {
  id: number;
  userId: number;
  kind: string;
  title: string;
  body: string;
  objectType: string | null;
  objectId: number | null;
  createdAt: string;
  readAt: string | null;
}

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** A delivery waiting to be sent, with what the channel needs to send it. */
export interface PendingDelivery {
  id: number;
  channel: DeliveryChannel;
  address: string;
  attempts: number;
  notification: Notification & { username: string; displayName: string };
}
