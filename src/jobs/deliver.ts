/**
 * Sends the queued deliveries after their notifications were committed:
 * e-mail by SMTP, posts to the webhook. Each delivery is taken by one
 * process only; each attempt is counted, its error kept, and a delivery is
 * given up after MAX_ATTEMPTS. The channels are sent side by side, and a
 * channel that keeps failing in this cycle is left for the next one, so that
 * it never holds up the others or the cycle.
 */
import type { Clock } from '../store/unit-of-work.js';
import { MAX_ATTEMPTS, type DeliveryConfig } from '../modules/notification/delivery.config.js';
import { channelSender } from '../modules/notification/delivery.channels.js';
import { DELIVERY_CHANNELS, type DeliveryChannel, type PendingDelivery } from '../modules/notification/notification.model.js';
import { claimDelivery, finishDelivery, pendingDeliveries, releaseStaleClaims } from '../modules/notification/notification.repository.js';
import { nowIso, type Tx } from '../store/tx.js';

export interface DeliverOptions {
  config?: DeliveryConfig;
  clock?: Clock;
  /** Deliveries taken in one cycle (default 500). */
  limit?: number;
}

export interface Delivered {
  sent: number;
  /** Failed this time, to be tried again. */
  retrying: number;
  /** Given up after the last attempt. */
  failed: number;
}

/** Consecutive failures after which a channel rests until the next cycle. */
const CHANNEL_FAILURES = 3;
/** An attempt left "sending" for longer than this was cut short (the process ended). */
const STALE_CLAIM_MS = 10 * 60_000;

const errorText = (err: unknown): string => (err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err)).slice(0, 500);

export async function deliverPending(db: Tx, governmentId: number, options: DeliverOptions = {}): Promise<Delivered> {
  const config = options.config ?? {};
  const clock = options.clock ?? (() => new Date());
  const result: Delivered = { sent: 0, retrying: 0, failed: 0 };
  await releaseStaleClaims(db, governmentId, new Date(clock().getTime() - STALE_CLAIM_MS).toISOString());
  const pending = await pendingDeliveries(db, governmentId, options.limit ?? 500);

  const sendChannel = async (channel: DeliveryChannel, deliveries: PendingDelivery[]): Promise<void> => {
    if (deliveries.length === 0) return;
    const sender = channelSender(channel, config);
    let failures = 0;
    try {
      for (const delivery of deliveries) {
        if (failures >= CHANNEL_FAILURES) break;
        if (!(await claimDelivery(db, delivery.id, nowIso(clock)))) continue;
        const attempts = delivery.attempts + 1;
        try {
          await sender.send(delivery);
          await finishDelivery(db, delivery.id, { status: 'sent', error: null }, nowIso(clock));
          result.sent += 1;
          failures = 0;
        } catch (err) {
          failures += 1;
          const givenUp = attempts >= MAX_ATTEMPTS;
          await finishDelivery(db, delivery.id, { status: givenUp ? 'failed' : 'pending', error: errorText(err) }, nowIso(clock));
          if (givenUp) result.failed += 1;
          else result.retrying += 1;
        }
      }
    } finally {
      sender.close();
    }
  };

  await Promise.all(
    DELIVERY_CHANNELS.map((channel) =>
      sendChannel(
        channel,
        pending.filter((d) => d.channel === channel),
      ),
    ),
  );
  return result;
}
