/**
 * Runs the supervision tick every ten minutes, and once at start.
 *
 * On PostgreSQL the work goes through pg-boss (its own schema `pgboss`): a
 * cron schedule every ten minutes and a job sent at start, both keyed to the
 * ten-minute slot (singletonKey + singletonSeconds), on a queue with the
 * singleton policy. Several server processes sharing one database therefore
 * run each slot's tick once, never two at a time. On SQLite (one process) an
 * in-process timer does the same. The tick itself is safe to repeat: every
 * round, reminder and order it makes has a unique key.
 */
import { governmentDay } from '../domain/calendar.js';
import PgBoss from 'pg-boss';

import type { DeliveryConfig } from '../modules/notification/delivery.config.js';
import type { Clock } from '../store/unit-of-work.js';
import { parseLocation, type Store } from '../store/connection.js';
import { supervisionTick, type TickResult } from './tick.js';

export interface Scheduler {
  start(): Promise<void>;
  /** Stops taking ticks and waits for a running one to end. */
  stop(): Promise<void>;
  /** Asks for a tick in the current slot (at most one per slot on PostgreSQL). */
  trigger(): Promise<void>;
}

export interface SchedulerOptions<R = TickResult> {
  store: Store;
  /** The database URL the store was opened with (pg-boss connects on its own); ./data/luoshi.db when undefined. */
  url: string | undefined;
  governmentId: number;
  clock?: Clock;
  /** Where the default tick sends notifications besides the app (the configuration's); none by default. */
  delivery?: DeliveryConfig;
  /** The work of one tick; supervisionTick on the government's calendar day by default. */
  tick?: (asOf: string) => Promise<R>;
  /** Every ten minutes by default. */
  cron?: string;
  /** The length of a slot, in seconds: one tick per slot (600 by default, matching the cron). */
  slotSeconds?: number;
  /** How often a pg-boss worker looks for work (seconds, ≥ 0.5; 2 by default). */
  pollingIntervalSeconds?: number;
  onResult?: (result: R) => void;
  onError?: (err: unknown) => void;
}

const TEN_MINUTES = 600;

export function createScheduler<R = TickResult>(options: SchedulerOptions<R>): Scheduler {
  const clock = options.clock ?? (() => new Date());
  const tick =
    options.tick ?? ((asOf: string) => supervisionTick(options.store.db, options.governmentId, asOf, { clock, delivery: options.delivery }) as Promise<R>);
  const run = async (): Promise<void> => {
    try {
      // Not inside onResult?.(…): an optional call skips its arguments when there is no onResult.
      const result = await tick(governmentDay(clock()));
      options.onResult?.(result);
    } catch (err) {
      options.onError?.(err);
    }
  };
  return options.store.dialect === 'postgres' ? pgBossScheduler(options, run) : timerScheduler((options.slotSeconds ?? TEN_MINUTES) * 1000, run);
}

function timerScheduler(intervalMs: number, run: () => Promise<void>): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const once = (): Promise<void> => {
    // A tick still running when the next is due: the next is skipped, not stacked.
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
  return {
    async start() {
      if (timer) return;
      timer = setInterval(() => void once(), intervalMs);
      timer.unref();
      void once();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
    trigger: once,
  };
}

/**
 * Creates the queue unless it exists. Two processes creating it at the same
 * moment can deadlock inside pg-boss (each creates the queue's partition);
 * the loser finds the queue made by the other, or tries again.
 */
async function ensureQueue(boss: PgBoss, queue: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(queue)) return;
    try {
      await boss.createQueue(queue, { name: queue, policy: 'singleton', retryLimit: 0, expireInSeconds: 30 * 60 });
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

function pgBossScheduler<R>(options: SchedulerOptions<R>, run: () => Promise<void>): Scheduler {
  const location = parseLocation(options.url);
  if (location.dialect !== 'postgres') throw new Error('pg-boss 需要 PostgreSQL 数据库地址');
  const queue = `luoshi-supervision-${options.governmentId}`;
  const slot = { singletonKey: queue, singletonSeconds: options.slotSeconds ?? TEN_MINUTES };
  const boss = new PgBoss({ connectionString: location.target, schema: 'pgboss', max: 3, application_name: 'luoshi-jobs' });
  boss.on('error', (err) => options.onError?.(err));
  let started = false;
  const trigger = async (): Promise<void> => {
    await boss.send(queue, { governmentId: options.governmentId }, slot);
  };
  return {
    async start() {
      if (started) return;
      started = true;
      await boss.start();
      await ensureQueue(boss, queue);
      await boss.schedule(queue, options.cron ?? '*/10 * * * *', { governmentId: options.governmentId }, slot);
      await boss.work(queue, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
        await run();
      });
      await trigger();
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
    },
    trigger,
  };
}
