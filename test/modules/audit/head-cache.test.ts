/**
 * The audit-head cache: concurrent first requests for one answer compute it
 * once; a change (a new audit row) makes the next request compute again; and
 * the answers held are bounded by the process's budget of bytes, the least
 * recently used dropped first. On both databases.
 */
import { afterAll, beforeAll, afterEach, expect, it } from 'vitest';
import { systemActor } from '../../../src/domain/actor.js';
import { appendAudit } from '../../../src/modules/audit/audit.repository.js';
import { auditHeadCache, cacheUsage, DEFAULT_CACHE_BYTES, setCacheBudget } from '../../../src/modules/audit/head-cache.js';
import type { Store } from '../../../src/store/connection.js';
import { atomically } from '../../../src/store/unit-of-work.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { freshActor, openMigrated } from '../store-fixture.js';

describeEachDatabase('audit-head cache', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });
  afterAll(async () => {
    await store.db.destroy();
  });
  afterEach(() => setCacheBudget(DEFAULT_CACHE_BYTES));

  const change = async (governmentId: number): Promise<void> => {
    await atomically(store.db, (trx) =>
      appendAudit(trx, systemActor(governmentId, 'test'), { action: 'test.change', objectType: 'test', objectId: 1, before: {}, after: {} }),
    );
  };

  it('computes once for 8 concurrent first requests, and again after a change', async () => {
    const { governmentId } = await freshActor(store);
    const cached = auditHeadCache<string>();
    let computed = 0;
    const compute = async (): Promise<string> => {
      computed++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return `answer ${computed}`;
    };
    const first = await Promise.all(Array.from({ length: 8 }, () => cached(store.db, governmentId, 'list', compute)));
    expect(computed).toBe(1);
    expect(new Set(first)).toEqual(new Set(['answer 1']));

    expect(await cached(store.db, governmentId, 'list', compute)).toBe('answer 1');
    expect(computed).toBe(1);

    await change(governmentId);
    const after = await Promise.all(Array.from({ length: 8 }, () => cached(store.db, governmentId, 'list', compute)));
    expect(computed).toBe(2);
    expect(new Set(after)).toEqual(new Set(['answer 2']));
  });

  it('keeps keys and governments apart, and a failed computation is not kept', async () => {
    const a = await freshActor(store, '甲区人民政府');
    const b = await freshActor(store, '乙区人民政府');
    const cached = auditHeadCache<string>();
    expect(await cached(store.db, a.governmentId, 'k', async () => 'a')).toBe('a');
    expect(await cached(store.db, b.governmentId, 'k', async () => 'b')).toBe('b');
    expect(await cached(store.db, a.governmentId, 'other', async () => 'a2')).toBe('a2');
    const failing = Promise.all(
      Array.from({ length: 3 }, () =>
        cached(store.db, a.governmentId, 'bad', async () => {
          throw new Error('计算失败');
        }),
      ),
    );
    await expect(failing).rejects.toThrow('计算失败');
    expect(await cached(store.db, a.governmentId, 'bad', async () => 'now fine')).toBe('now fine');
  });

  it('holds no more bytes than the budget, dropping the least recently used answer', async () => {
    const { governmentId } = await freshActor(store);
    const cached = auditHeadCache<string>();
    setCacheBudget(0); // nothing left from the tests before
    setCacheBudget(3 * 2000); // room for three answers of 1,000 characters (UTF-16: 2,000 bytes)
    let computed = 0;
    const answer = (name: string) => async (): Promise<string> => {
      computed++;
      return name.repeat(1000);
    };
    for (const name of ['a', 'b', 'c']) await cached(store.db, governmentId, name, answer(name));
    expect(computed).toBe(3);
    await cached(store.db, governmentId, 'a', answer('a')); // a is now the most recently used
    expect(computed).toBe(3);
    await cached(store.db, governmentId, 'd', answer('d')); // b goes
    expect(cacheUsage().bytes).toBeLessThanOrEqual(cacheUsage().budget);
    await cached(store.db, governmentId, 'a', answer('a'));
    await cached(store.db, governmentId, 'c', answer('c'));
    expect(computed).toBe(4);
    await cached(store.db, governmentId, 'b', answer('b'));
    expect(computed).toBe(5);

    setCacheBudget(0);
    expect(cacheUsage()).toMatchObject({ entries: 0, bytes: 0 });
    await cached(store.db, governmentId, 'a', answer('a'));
    expect(computed).toBe(6);
  });
});
