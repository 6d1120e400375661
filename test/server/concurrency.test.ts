/**
 * Optimistic locking through the API: two clients read the same object and
 * both send a change with the version they read. One wins; the other gets
 * 409 with the object as it now is, so it can show the user what changed.
 * The stored object holds the winner's change only, audited once.
 *
 * On PostgreSQL the two changes are made to meet at the row: a third
 * connection holds the row until both transactions wait for it, which is the
 * worst case of two requests arriving together. SQLite takes one writer at a
 * time, so there the second request always reads after the first commits.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type DatabaseKind } from '../helpers/databases.js';
import { together as meet } from '../helpers/race.js';
import { call, errorOf, signInAs, useApiFixture, type ApiFixture, type Session } from './api-fixture.js';

interface Versioned {
  version: number;
}

const auditRowsOf = (fx: ApiFixture, action: string, objectId: number) =>
  fx.store.db
    .selectFrom('audit_log')
    .select(['seq', 'after', 'actor_username'])
    .where('action', '=', action)
    .where('object_id', '=', String(objectId))
    .orderBy('seq')
    .execute();

/** Sends the requests together; on PostgreSQL they meet at the row, held by another connection until both wait for it. */
const together = (kind: DatabaseKind, url: string, row: { table: 'tasks' | 'units'; id: number }, send: () => Promise<LightMyRequestResponse>[]) =>
  meet(kind, url, { sql: `SELECT id FROM ${row.table} WHERE id = $1 FOR UPDATE`, params: [row.id] }, send);

function winnerAndLoser(results: LightMyRequestResponse[]): { winner: LightMyRequestResponse; loser: LightMyRequestResponse; winnerIndex: number } {
  expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  const winnerIndex = results.findIndex((r) => r.statusCode === 200);
  const winner = results[winnerIndex];
  const loser = results[1 - winnerIndex];
  if (!winner || !loser) throw new Error('two answers expected');
  return { winner, loser, winnerIndex };
}

describeEachDatabase('concurrent changes', (getUrl, kind) => {
  const fx = useApiFixture(getUrl);
  let office: Session;
  let office2: Session;
  beforeAll(async () => {
    office = await signInAs(fx().app, 'office');
    office2 = await signInAs(fx().app, 'office');
  });

  it('two clients change the same task: one 200, the other 409 with the task as it now is; one change stored and audited', async () => {
    const id = fx().tasks.a.id;
    const clients = [office, office2];
    const read = await Promise.all(clients.map((c) => call(fx().app, c, 'GET', `/api/tasks/${id}`)));
    const versions = read.map((r) => r.json<Versioned>().version);
    expect(versions[0]).toBe(versions[1]);
    const version = versions[0] ?? 0;
    const changes = [
      { text: '督查室修改的任务内容：年内完成技术改造项目 50 个。', deadlineText: '2027年12月底前（督查室）' },
      { text: '督查室另一人修改的任务内容：三季度完成技术改造项目 50 个。', deadlineText: '2027年9月底前（督查室）' },
    ];
    const reasons = ['区政府常务会议调整', '区政府专题会议调整'];
    const auditBefore = (await auditRowsOf(fx(), 'task.update', id)).length;

    const results = await together(kind, getUrl(), { table: 'tasks', id }, () =>
      clients.map((c, i) => call(fx().app, c, 'PATCH', `/api/tasks/${id}`, { version, ...changes[i], reason: reasons[i] })),
    );
    const { winner, loser, winnerIndex } = winnerAndLoser(results);
    const won = changes[winnerIndex];
    expect(winner.json()).toMatchObject({ id, version: version + 1, ...won });

    const conflict = errorOf(loser);
    expect(conflict.code).toBe('version_conflict');
    expect(conflict.details).toMatchObject({ current: { id, version: version + 1, ...won } });

    const stored = await call(fx().app, office, 'GET', `/api/tasks/${id}`);
    expect(stored.json()).toMatchObject({ id, version: version + 1, ...won });

    const audit = (await auditRowsOf(fx(), 'task.update', id)).slice(auditBefore);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_username).toBe(clients[winnerIndex]?.username);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toEqual({ ...won, reason: reasons[winnerIndex] });
  });

  it('two clients change the same unit: one 200, the other 409 with the unit as it now is; one change stored and audited', async () => {
    const id = fx().units.b.id;
    const clients = [office, office2];
    const read = await Promise.all(clients.map((c) => call(fx().app, c, 'GET', '/api/units')));
    const seen = read.map((r) => r.json<{ items: (Versioned & { id: number; name: string })[] }>().items.find((u) => u.id === id));
    expect(seen[0]).toEqual(seen[1]);
    const version = seen[0]?.version ?? 0;
    const names = ['区商务局（区口岸办）', '区商务和投资促进局'];
    const auditBefore = (await auditRowsOf(fx(), 'unit.update', id)).length;

    const results = await together(kind, getUrl(), { table: 'units', id }, () =>
      clients.map((c, i) => call(fx().app, c, 'PATCH', `/api/units/${id}`, { version, name: names[i] })),
    );
    const { winner, loser, winnerIndex } = winnerAndLoser(results);
    const name = names[winnerIndex];
    expect(winner.json()).toMatchObject({ id, name, version: version + 1 });

    const conflict = errorOf(loser);
    expect(conflict.code).toBe('version_conflict');
    expect(conflict.details, 'the loser is shown the unit as the winner left it').toMatchObject({ current: { id, name, version: version + 1 } });

    const stored = (await call(fx().app, clients[0] ?? null, 'GET', '/api/units')).json<{ items: { id: number }[] }>().items.find((u) => u.id === id);
    expect(stored).toMatchObject({ id, name, version: version + 1 });

    const audit = (await auditRowsOf(fx(), 'unit.update', id)).slice(auditBefore);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ name });
  });
});
