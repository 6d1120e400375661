/** The in-process scheduler (SQLite): a tick at start, then one per interval, never two at once; stop waits for the running one. */
import { expect, it } from 'vitest';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { openStore } from '../../src/store/connection.js';
import { freshSqlitePath, removeSqlitePath } from '../helpers/databases.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

it('ticks at start and on every interval, skips a tick while one runs, and stops after the running one', async () => {
  const path = freshSqlitePath();
  const store = openStore(path);
  let running = 0;
  let overlapped = false;
  const runs: string[] = [];
  const scheduler = createScheduler({
    store,
    url: path,
    governmentId: 1,
    slotSeconds: 0.1,
    clock: () => new Date('2026-03-24T16:30:00Z'),
    tick: async (asOf) => {
      running += 1;
      if (running > 1) overlapped = true;
      runs.push(asOf);
      await sleep(250);
      running -= 1;
    },
  });
  try {
    await scheduler.start();
    await sleep(50);
    expect(runs).toEqual(['2026-03-25']);
    await sleep(900);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(5);
    expect(overlapped).toBe(false);
  } finally {
    await scheduler.stop();
    expect(running).toBe(0);
    const stopped = runs.length;
    await sleep(300);
    expect(runs.length).toBe(stopped);
    await store.close();
    removeSqlitePath(path);
  }
});
