/**
 * One figure per round, on both databases: GET /api/rounds answers the same
 * round figure (reports sent of those owed) to the office, a liaison, a
 * leader and an observer, whatever each of them may read of the reports;
 * the caller's own part comes beside it, labelled by its scope.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';

interface Figure {
  owed: number;
  sent: number;
  onTime: number;
  accepted: number;
  share: number | null;
}
interface Listed {
  id: number;
  status: string;
  version: number;
  figure: Figure;
  mine: { scope: 'unit' | 'leader'; owed: number; sent: number; share: number | null } | null;
}

describeEachDatabase('the figure of a round', (getUrl) => {
  const fx = useApiFixture(getUrl, { clock: () => new Date('2026-04-20T02:00:00.000Z') });
  let sessions: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    sessions = await signInEveryone(fx().app);
  });
  const listed = async (who: PersonKey): Promise<Listed> => {
    const res = await call(fx().app, sessions[who], 'GET', '/api/rounds');
    expect(res.statusCode, res.body).toBe(200);
    const round = res.json<{ items: Listed[] }>().items.find((r) => r.id === fx().roundId);
    if (!round) throw new Error(`the round is not listed for ${who}`);
    return round;
  };

  it('is the same number for the office, a liaison, a leader and an observer, once the round is closed', async () => {
    const db = fx().store.db;
    const reports = await db.selectFrom('reports').select(['id', 'unit_id']).where('round_id', '=', fx().roundId).execute();
    // Unit A's report sent on 3 April and accepted; unit B's sent late on 8 April, still with the office.
    await db
      .updateTable('reports')
      .set({ status: 'accepted', submitted_at: '2026-04-03T02:00:00.000Z', first_sent_at: '2026-04-03T02:00:00.000Z', accepted_at: '2026-04-09T02:00:00.000Z' })
      .where('id', '=', fx().reports.a)
      .execute();
    await db
      .updateTable('reports')
      .set({ status: 'submitted', submitted_at: '2026-04-08T02:00:00.000Z', first_sent_at: '2026-04-08T02:00:00.000Z' })
      .where('id', '=', fx().reports.b)
      .execute();
    const open = await listed('office');
    const closed = await call(fx().app, sessions.office, 'POST', `/api/rounds/${fx().roundId}/close`, { version: open.version });
    expect(closed.statusCode, closed.body).toBe(200);

    const office = await listed('office');
    expect(office.status).toBe('closed');
    expect(office.figure).toEqual({ owed: reports.length, sent: 2, onTime: 1, accepted: 1, share: 2 / reports.length });
    for (const who of ['liaisonA', 'liaisonB', 'headA', 'leader', 'observer'] as const) expect((await listed(who)).figure, who).toEqual(office.figure);

    // Beside it, each one's own part, said as such; the office and the observer have none.
    expect(office.mine).toBeNull();
    expect((await listed('observer')).mine).toBeNull();
    const ofUnit = (unitId: number) => reports.filter((r) => r.unit_id === unitId).length;
    expect((await listed('liaisonA')).mine).toEqual({ scope: 'unit', owed: ofUnit(fx().units.a.id), sent: 1, share: 1 / ofUnit(fx().units.a.id) });
    expect((await listed('liaisonB')).mine).toMatchObject({ scope: 'unit', owed: ofUnit(fx().units.b.id), sent: 1 });
    const leader = (await listed('leader')).mine;
    expect(leader).toMatchObject({ scope: 'leader', sent: 1 });
    expect(leader?.owed).toBeGreaterThan(0);
    expect(leader?.owed).toBeLessThan(reports.length);
  });

  it('leaves out a report never sent on a task the office has completed', async () => {
    const db = fx().store.db;
    const before = (await listed('observer')).figure;
    await db.updateTable('tasks').set({ status: 'completed', completed_at: '2026-04-15T02:00:00.000Z' }).where('id', '=', fx().tasks.a.id).execute();
    try {
      const unsent = await db
        .selectFrom('reports')
        .select('id')
        .where('round_id', '=', fx().roundId)
        .where('task_id', '=', fx().tasks.a.id)
        .where('first_sent_at', 'is', null)
        .execute();
      const after = (await listed('observer')).figure;
      expect(after).toMatchObject({ owed: before.owed - unsent.length, sent: before.sent });
      expect((await listed('liaisonA')).figure).toEqual(after);
    } finally {
      await db.updateTable('tasks').set({ status: 'active', completed_at: null }).where('id', '=', fx().tasks.a.id).execute();
    }
  });
});
