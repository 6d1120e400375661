/**
 * Group commit (ADR 0032). With synchronous=FULL every SQLite commit waits for
 * the disk (fsync), and better-sqlite3 blocks the process while it does; on
 * PostgreSQL a government's writers queue on its row lock (locks.ts), each
 * holding it through its own WAL flush. So durable writes arriving together
 * are committed together: one transaction, one flush, each write in its own
 * SAVEPOINT. On SQLite every write of the process is one group (one writer
 * anyway); on PostgreSQL the writes to one government (unit-of-work.ts).
 *
 * - A write waits for the next turn of the event loop (setImmediate), so that
 *   the requests that arrived with it reach their own write first; then the
 *   group's transaction runs the queued writes one after the other, taking in
 *   those that arrive meanwhile, up to GROUP_LIMIT.
 * - A write that fails is rolled back to its savepoint and answered with its
 *   error at once; the others go on. Nothing of it stays.
 * - A write is acknowledged (its promise resolved) only after the group's
 *   COMMIT has returned; if the commit fails, every write of the group is
 *   answered with that failure, none is acknowledged.
 * - The writes run in order on the one connection, each seeing those before
 *   it: the version checks and the audit chain (read the head, append after
 *   it) hold as if they had been committed one by one.
 */
import { sql } from 'kysely';
import type { Tx } from './tx.js';

/** At most this many writes in one transaction: a group's latency stays bounded under a steady stream. */
export const GROUP_LIMIT = 64;

interface Job {
  work: (trx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Committer {
  queue: Job[];
  scheduled: boolean;
  /** Run once at the start of each group's transaction, before the first savepoint (the government's lock). */
  begin: (trx: Tx) => Promise<void>;
}

const committers = new WeakMap<object, Map<string, Committer>>();

/**
 * Runs `work` in a transaction shared with the writes of the same `key` arriving together;
 * resolves once that transaction has committed. `begin` runs at the start of each group's
 * transaction; `committed` is called with the transaction after each commit.
 */
export function groupCommit<T>(
  db: Tx,
  key: string,
  work: (trx: Tx) => Promise<T>,
  committed: (trx: Tx) => void,
  begin: (trx: Tx) => Promise<void> = async () => undefined,
): Promise<T> {
  let byKey = committers.get(db);
  if (!byKey) {
    byKey = new Map();
    committers.set(db, byKey);
  }
  let committer = byKey.get(key);
  if (!committer) {
    committer = { queue: [], scheduled: false, begin };
    byKey.set(key, committer);
  }
  const c = committer;
  return new Promise<T>((resolve, reject) => {
    c.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!c.scheduled) {
      c.scheduled = true;
      setImmediate(() => void drain(db, c, committed));
    }
  });
}

async function drain(db: Tx, c: Committer, committed: (trx: Tx) => void): Promise<void> {
  try {
    while (c.queue.length > 0) await runGroup(db, c, committed);
  } finally {
    c.scheduled = false;
    // A write queued while the last group was committing.
    if (c.queue.length > 0) {
      c.scheduled = true;
      setImmediate(() => void drain(db, c, committed));
    }
  }
}

async function runGroup(db: Tx, c: Committer, committed: (trx: Tx) => void): Promise<void> {
  const done: { job: Job; value: unknown }[] = [];
  let current: Job | undefined;
  let opened: Tx | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      opened = trx;
      await c.begin(trx);
      for (let n = 0; n < GROUP_LIMIT; n++) {
        const job = c.queue.shift();
        if (job === undefined) break;
        current = job;
        await sql`SAVEPOINT luoshi_write`.execute(trx);
        let value: unknown;
        try {
          value = await job.work(trx);
        } catch (error) {
          // If the rollback itself fails, the transaction is unusable: the catch below answers everyone.
          await sql`ROLLBACK TO SAVEPOINT luoshi_write`.execute(trx);
          await sql`RELEASE SAVEPOINT luoshi_write`.execute(trx);
          current = undefined;
          job.reject(error);
          continue;
        }
        await sql`RELEASE SAVEPOINT luoshi_write`.execute(trx);
        current = undefined;
        done.push({ job, value });
      }
    });
  } catch (error) {
    // The transaction did not commit: no write of the group is acknowledged.
    current?.reject(error);
    for (const { job } of done) job.reject(error);
    return;
  }
  for (const { job, value } of done) job.resolve(value);
  // After the commit; a listener's failure is not the writes' (they are committed), so it is only reported.
  try {
    if (opened !== undefined) committed(opened);
  } catch (error) {
    process.emitWarning(`提交后的处理失败：${error instanceof Error ? error.message : String(error)}`);
  }
}
