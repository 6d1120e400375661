/**
 * Group commit (ADR 0032), on both databases: writes arriving together (on
 * PostgreSQL, to one government) share one transaction, each in its own
 * savepoint. Each is answered with its own
 * result or its own error; a failed one leaves nothing and takes nothing of
 * the others with it; of writes carrying the same version exactly one
 * succeeds; the audit chain verifies; and when the shared transaction cannot
 * commit, none of its writes is acknowledged.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { appendAudit } from '../../src/modules/audit/audit.repository.js';
import { verifyChain } from '../../src/modules/audit/audit.service.js';
import type { Store } from '../../src/store/connection.js';
import { changing, onCommit } from '../../src/store/unit-of-work.js';
import { updateAtVersion } from '../../src/store/versioned.js';
import { nowIso, type Tx } from '../../src/store/tx.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { freshActor, openMigrated } from '../modules/store-fixture.js';

describeEachDatabase('group commit', (getUrl, dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });
  afterAll(async () => {
    await store.close();
  });

  const audit = (trx: Tx, actor: Actor, name: string) => appendAudit(trx, actor, { action: 'test.write', objectType: 'test', objectId: null, after: { name } });
  const auditNames = async (governmentId: number): Promise<string[]> =>
    (await store.db.selectFrom('audit_log').select(['seq', 'after']).where('government_id', '=', governmentId).orderBy('seq').execute()).map(
      (r) => (JSON.parse(String(r.after)) as { name: string }).name,
    );

  it('answers each write of a group with its own result or error, loses none and keeps the chain', async () => {
    const actor = await freshActor(store);
    const g = actor.governmentId;
    const now = nowIso();
    const unit = await store.db
      .insertInto('units')
      .values({ government_id: g, name: '测试局', kind: 'department', created_at: now, updated_at: now })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    let commits = 0;
    const stop = onCommit(() => commits++);

    type Kind = 'ok' | 'throws' | 'sql' | 'stale';
    const kinds: Kind[] = Array.from({ length: 40 }, (_, i) => (['ok', 'throws', 'ok', 'sql', 'ok', 'stale'] as const)[i % 6] as Kind);
    const write = (kind: Kind, i: number): Promise<string> =>
      changing(store.db, g, async (trx) => {
        const name = `${kind}-${i}`;
        await audit(trx, actor, name);
        if (kind === 'throws') throw new Error(`第 ${i} 项失败`);
        if (kind === 'sql')
          await sql`INSERT INTO units (id, government_id, name, kind, created_at, updated_at) VALUES (${unit.id}, ${g}, 'x', 'department', '', '')`.execute(
            trx,
          );
        if (kind === 'stale' && !(await updateAtVersion(trx, 'units', { id: unit.id, version: unit.version }, { name: name }, now))) {
          throw new Error(`第 ${i} 项版本冲突`);
        }
        return name;
      });
    const settled = await Promise.allSettled(kinds.map((kind, i) => write(kind, i)));
    stop();

    const kept: string[] = [];
    let staleWins = 0;
    settled.forEach((s, i) => {
      const kind = kinds[i];
      if (kind === 'ok') expect(s).toEqual({ status: 'fulfilled', value: `ok-${i}` });
      if (kind === 'throws') expect(s).toMatchObject({ status: 'rejected', reason: { message: `第 ${i} 项失败` } });
      if (kind === 'sql') expect(s).toMatchObject({ status: 'rejected', reason: { code: dialect === 'sqlite' ? 'SQLITE_CONSTRAINT_PRIMARYKEY' : '23505' } });
      if (kind === 'stale') {
        if (s.status === 'fulfilled') staleWins++;
        else expect(s.reason).toMatchObject({ message: `第 ${i} 项版本冲突` });
      }
      if (s.status === 'fulfilled') kept.push(s.value);
    });
    expect(staleWins).toBe(1);
    // Exactly the acknowledged writes are there, in the order they ran, and the chain holds.
    expect(await auditNames(g)).toEqual(kept);
    const unitRow = await store.db.selectFrom('units').select(['name', 'version']).where('id', '=', unit.id).executeTakeFirstOrThrow();
    expect(unitRow.version).toBe(unit.version + 1);
    expect(kept).toContain(unitRow.name);
    expect(await verifyChain(store.db, g)).toEqual({ rows: kept.length, broken: null });
    // They were committed together, not one by one.
    expect(commits).toBeLessThan(kept.length);
    expect(commits).toBeGreaterThanOrEqual(1);
  });

  it('acknowledges none of a group whose transaction cannot commit; the writes queued after it go on', async () => {
    const actor = await freshActor(store);
    const g = actor.governmentId;
    const plain = (name: string): Promise<string> =>
      changing(store.db, g, async (trx) => {
        await audit(trx, actor, name);
        return name;
      });
    const first = [plain('a'), plain('b')];
    // Ends the shared transaction behind the group's back, as a failing disk would make its commit fail.
    const breaker = changing(store.db, g, async (trx) => {
      await sql`ROLLBACK`.execute(trx);
      return 'broken';
    });
    const settled = await Promise.allSettled([...first, breaker]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await auditNames(g)).toEqual([]);

    expect(await Promise.all([plain('c'), plain('d')])).toEqual(['c', 'd']);
    expect(await auditNames(g)).toEqual(['c', 'd']);
    expect(await verifyChain(store.db, g)).toEqual({ rows: 2, broken: null });
  });
});
