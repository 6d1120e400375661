/**
 * One supervision tick: open the scheduled rounds, remind, issue orders by
 * rule, send what was queued. Each step runs in its own transactions, and a
 * step that fails is reported without stopping the ones after it. A deployment
 * of several governments ticks each on its own (tickGovernments).
 */
import { deliverPending, type Delivered } from './deliver.js';
import { openScheduledRounds, type OpenedRounds } from './open-rounds.js';
import { remind, type JobOptions, type Reminded } from './remind.js';
import { issueRuleOrders, type RuleOrders } from './rule-orders.js';
import { listGovernments, type GovernmentNode } from '../modules/government/government.repository.js';
import type { Tx } from '../store/tx.js';
import { keepDashboard } from '../modules/dashboard/dashboard.service.js';

export interface TickResult {
  asOf: string;
  rounds: OpenedRounds;
  reminders: Reminded;
  orders: RuleOrders;
  deliveries: Delivered;
  /** Steps that failed, with why; the others still ran. */
  errors: { step: 'rounds' | 'reminders' | 'orders' | 'deliveries'; message: string }[];
}

export async function supervisionTick(db: Tx, governmentId: number, asOf: string, options: JobOptions = {}): Promise<TickResult> {
  const result: TickResult = {
    asOf,
    rounds: { opened: [], existing: 0 },
    reminders: { reminders: 0, escalations: 0, redAlerts: 0, orderReminders: 0 },
    orders: { issued: 0 },
    deliveries: { sent: 0, retrying: 0, failed: 0 },
    errors: [],
  };
  const run = async <T>(step: TickResult['errors'][number]['step'], work: () => Promise<T>, keep: (value: T) => void): Promise<void> => {
    try {
      keep(await work());
    } catch (err) {
      result.errors.push({ step, message: err instanceof Error ? err.message : String(err) });
    }
  };
  await run(
    'rounds',
    () => openScheduledRounds(db, governmentId, asOf, options.clock, options.delivery),
    (v) => (result.rounds = v),
  );
  await run(
    'reminders',
    () => remind(db, governmentId, asOf, options),
    (v) => (result.reminders = v),
  );
  await run(
    'orders',
    () => issueRuleOrders(db, governmentId, asOf, options),
    (v) => (result.orders = v),
  );
  await run(
    'deliveries',
    () => deliverPending(db, governmentId, { ...(options.delivery ? { config: options.delivery } : {}), ...(options.clock ? { clock: options.clock } : {}) }),
    (v) => (result.deliveries = v),
  );
  // The day's dashboard kept before anyone asks for it (ADR 0033).
  if (options.keepDashboard !== false) await keepDashboard(db, governmentId, asOf, options.clock);
  return result;
}

/** One government's tick. */
export interface GovernmentTick {
  government: GovernmentNode;
  result: TickResult;
}

/**
 * A tick for each government of the deployment, one after another, each scoped to its own government (its plans,
 * rounds, users, deliveries); `only` ticks those alone. The governments are read at each call, so that one added
 * while the server runs is ticked at the next slot. `each` hears every government's result as it comes, with how
 * many are ticked in all.
 */
export async function tickGovernments(
  db: Tx,
  asOf: string,
  options: JobOptions & { only?: readonly GovernmentNode[]; each?: (tick: GovernmentTick, of: number) => void } = {},
): Promise<GovernmentTick[]> {
  const { only, each, ...jobOptions } = options;
  const governments = only ?? (await listGovernments(db));
  const out: GovernmentTick[] = [];
  for (const government of governments) {
    const tick = { government, result: await supervisionTick(db, government.id, asOf, jobOptions) };
    out.push(tick);
    each?.(tick, governments.length);
  }
  return out;
}
