/**
 * Runs the supervision tick every ten minutes, and once at start: each tick
 * runs every government's, one after another (tickGovernments), the list read
 * afresh each time, so that a government added while the server runs is
 * ticked at the next slot without a restart.
 *
 * On PostgreSQL the work goes through pg-boss (its own schema `pgboss`): a
 * cron schedule every ten minutes and a job sent at start, both keyed to the
 * ten-minute slot (singletonKey + singletonSeconds), on a queue with the
 * singleton policy. Several server processes sharing one database therefore
 * run each slot's tick once, never two at a time. There is one queue, the
 * install's first government's (`luoshi-supervision-<id>`, the name it had when
 * a deployment held one government): its job ticks all of them. On SQLite (one process) an
 * in-process timer does the same. The tick itself is safe to repeat: every
 * round, reminder and order it makes has a unique key.
 *
 * The `pgboss` schema and the queue are made by `luoshi migrate` as the
 * owner (prepareJobQueue); a server running as the application role, which
 * may not change the schema, then only reads and writes rows. pg-boss checks
 * its schema's version at start and changes nothing when it is current.
 */
import { governmentDay } from '../domain/calendar.js';
import PgBoss from 'pg-boss';
import pg from 'pg';

import type { DeliveryConfig } from '../modules/notification/delivery.config.js';
import type { Clock } from '../store/unit-of-work.js';
import { parseLocation, type Store } from '../store/connection.js';
import { SCHEMA_MISSING_MESSAGE, SchemaNotReadyError } from '../store/migrate.js';
import type { GovernmentNode } from '../modules/government/government.repository.js';
import { tickGovernments, type TickResult } from './tick.js';

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
  /** The install's first government (openDatabase): its queue carries the ticks on PostgreSQL. */
  governmentId: number;
  clock?: Clock;
  /** Where the default tick sends notifications besides the app (the configuration's); none by default. */
  delivery?: DeliveryConfig;
  /** The work of one tick; by default supervisionTick for every government on the calendar day, each its own result. */
  tick?: (asOf: string) => Promise<R>;
  /** Every ten minutes by default. */
  cron?: string;
  /** The length of a slot, in seconds: one tick per slot (600 by default, matching the cron). */
  slotSeconds?: number;
  /** How often a pg-boss worker looks for work (seconds, ≥ 0.5; 2 by default). */
  pollingIntervalSeconds?: number;
  /** A tick's result; with the default tick, each government's, with that government and how many were ticked. */
  onResult?: (result: R, about?: { government: GovernmentNode; of: number }) => void;
  onError?: (err: unknown) => void;
}

const TEN_MINUTES = 600;

export function createScheduler<R = TickResult>(options: SchedulerOptions<R>): Scheduler {
  const clock = options.clock ?? (() => new Date());
  const custom = options.tick;
  const run = async (): Promise<void> => {
    try {
      const asOf = governmentDay(clock());
      if (custom) {
        // Not inside onResult?.(…): an optional call skips its arguments when there is no onResult.
        const result = await custom(asOf);
        options.onResult?.(result);
      } else {
        await tickGovernments(options.store.db, asOf, {
          clock,
          delivery: options.delivery,
          each: ({ government, result }, of) => options.onResult?.(result as R, { government, of }),
        });
      }
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

/** PostgreSQL's insufficient_privilege: the account may not change the schema (the application role). */
const isPermissionDenied = (err: unknown): boolean => (err as { code?: unknown }).code === '42501';

/** A start that needed DDL the account may not run: the owner has not run `luoshi migrate`. */
function notReady(err: unknown): unknown {
  return isPermissionDenied(err) ? new SchemaNotReadyError(`${SCHEMA_MISSING_MESSAGE}（定时作业队列尚未建立）`) : err;
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
      if (attempt >= 5 || isPermissionDenied(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

const queueOf = (governmentId: number): string => `luoshi-supervision-${governmentId}`;

interface OwnBoss {
  boss: PgBoss;
  /** Ends the connections (after boss.stop()). */
  close: () => Promise<void>;
}

/**
 * pg-boss on a pool of our own rather than its internal one: every
 * connection gets an 'error' listener (one the server ends while lent out
 * would otherwise end the process), and the pool is closed even when the
 * start fails half-way, when pg-boss's stop() does nothing.
 */
function ownBoss(url: string | undefined, onError: (err: unknown) => void, options: Partial<PgBoss.ConstructorOptions> = {}): OwnBoss {
  const location = parseLocation(url);
  if (location.dialect !== 'postgres') throw new Error('pg-boss 需要 PostgreSQL 数据库地址');
  const pool = new pg.Pool({ connectionString: location.target, max: 3, application_name: 'luoshi-jobs', connectionTimeoutMillis: 10_000 });
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const db: PgBoss.Db = { executeSql: (text, values) => pool.query(text, values) };
  const boss = new PgBoss({ db, schema: 'pgboss', ...options });
  // Connection losses while the database restarts arrive here, from the workers and the cron keeper; pg-boss keeps
  // polling and carries on once the database is back.
  boss.on('error', onError);
  let closed = false;
  return {
    boss,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

export async function prepareJobQueue(url: string, governmentId: number): Promise<void> {
  // The cron keeper is started too, so that pg-boss makes its own internal queue now rather than at the server's start.
  const failures: unknown[] = [];
  const { boss, close } = ownBoss(url, (err) => failures.push(err), { supervise: false });
  try {
    await boss.start();
    await ensureQueue(boss, queueOf(governmentId));
    await boss.stop({ graceful: false, wait: true, close: false });
  } finally {
    await close();
  }
  if (failures.length > 0) throw failures[0];
}

function pgBossScheduler<R>(options: SchedulerOptions<R>, run: () => Promise<void>): Scheduler {
  const queue = queueOf(options.governmentId);
  const slot = { singletonKey: queue, singletonSeconds: options.slotSeconds ?? TEN_MINUTES };
  const { boss, close } = ownBoss(options.url, (err) => options.onError?.(err));
  let started = false;
  const trigger = async (): Promise<void> => {
    await boss.send(queue, { governmentId: options.governmentId }, slot);
  };
  return {
    async start() {
      if (started) return;
      started = true;
      try {
        await boss.start();
        await ensureQueue(boss, queue);
      } catch (err) {
        await boss.stop({ graceful: false, wait: true, close: false }).catch(() => undefined);
        await close();
        started = false;
        throw notReady(err);
      }
      await boss.schedule(queue, options.cron ?? '*/10 * * * *', { governmentId: options.governmentId }, slot);
      await boss.work(queue, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
        await run();
      });
      await trigger();
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 60_000, close: false });
      await close();
    },
    trigger,
  };
}
