/**
 * The assessment through the HTTP API, on the sample notice (api-fixture):
 * the defaults (newest plan, today in Beijing by the app's clock), the
 * ranking's counts, one unit's statement, and the answers to wrong requests.
 */
import { beforeAll, expect, it } from 'vitest';
import { insertUnit } from '../../../src/modules/unit/unit.repository.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, CHINESE, errorOf, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';

interface RankingBody {
  planId: number;
  asOf: string;
  scheme: Record<string, number>;
  ranking: {
    rank: number;
    unitId: number;
    unitName: string;
    total: number;
    onTime: number;
    late: number;
    returned: number;
    redMonths: number;
    targetsMet: number;
    targetsUnmet: number;
    unansweredOrders: number;
    lines: { rule: string; basis: string; count: number; of: number; rate: number | null; weight: number; points: number }[];
  }[];
}
interface StatementBody {
  planId: number;
  asOf: string;
  unitId: number;
  unitName: string;
  rank: number | null;
  base: number;
  total: number;
  lines: { rule: string; basis: string; count: number; of: number; rate: number | null; weight: number; points: number }[];
  items: { rule: string; label: string; points: number; at: string; objectType: string; objectId: number; taskId: number | null }[];
}

// 02:00 on 11 April in Beijing; still 10 April in UTC.
const NOW = new Date('2026-04-10T18:00:00.000Z');

describeEachDatabase('the assessment API', (getUrl) => {
  const fx = useApiFixture(getUrl, { clock: () => NOW });
  let sessions: Record<PersonKey | 'admin', Session>;
  /** Reports each unit owes in the fixture's round 2026-03 (due 5 April), none of them sent yet. */
  const owed = new Map<number, number>();
  beforeAll(async () => {
    sessions = await signInEveryone(fx().app);
    // The fixture's round was opened on 26 March, as its schedule would have.
    await fx().store.db.updateTable('rounds').set({ created_at: '2026-03-26T01:00:00.000Z' }).where('id', '=', fx().roundId).execute();
    const rows = await fx().store.db.selectFrom('reports').select('unit_id').where('round_id', '=', fx().roundId).execute();
    for (const r of rows) owed.set(r.unit_id, (owed.get(r.unit_id) ?? 0) + 1);
  });
  const get = (url: string, who: PersonKey = 'observer') => call(fx().app, sessions[who], 'GET', url);

  it('ranks every responsible unit of the newest plan as of today in Beijing', async () => {
    const res = await get('/api/assessment');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<RankingBody>();
    expect(body).toMatchObject({
      planId: fx().planId,
      asOf: '2026-04-11',
      scheme: { base: 100, reportOnTime: 10, targetMet: 20, lateReport: -10, returned: -5, redMonth: -20, unmetTarget: -30, unansweredOrder: -20 },
    });
    expect(body.ranking.map((r) => r.unitId).sort((a, b) => a - b)).toEqual([...owed.keys()].sort((a, b) => a - b));
    for (const r of body.ranking) {
      // Nothing was sent by 5 April: every report due is late, a late rate of 100 % whatever the number of reports.
      expect(r, r.unitName).toMatchObject({
        late: owed.get(r.unitId),
        total: 90,
        onTime: 0,
        returned: 0,
        redMonths: 0,
        targetsMet: 0,
        targetsUnmet: 0,
        unansweredOrders: 0,
      });
      expect(r.rank).toBe(1);
      expect(r.lines.find((l) => l.rule === 'lateReport')).toEqual({
        rule: 'lateReport',
        basis: 'reportsDue',
        count: owed.get(r.unitId),
        of: owed.get(r.unitId),
        rate: 1,
        weight: -10,
        points: -10,
      });
    }
    expect(body.ranking.find((r) => r.unitId === fx().units.a.id)?.unitName).toBe(fx().units.a.name);
  });

  it('gives a unit’s statement, each item traced to its report, with the same rank as the ranking', async () => {
    const a = fx().units.a;
    await fx()
      .store.db.updateTable('reports')
      .set({ status: 'submitted', submitted_at: '2026-04-03T02:00:00.000Z', first_sent_at: '2026-04-03T02:00:00.000Z' })
      .where('id', '=', fx().reports.a)
      .execute();
    const res = await get(`/api/assessment/units/${a.id}?planId=${fx().planId}&asOf=2026-04-10`, 'liaisonB');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<StatementBody>();
    const due = owed.get(a.id) ?? 0;
    const late = due - 1;
    // One of its reports on time, the others late: +10 × 1/n − 10 × (n − 1)/n.
    const total = Math.round((100 + (10 * 1) / due - (10 * late) / due) * 100) / 100;
    expect(body).toMatchObject({ planId: fx().planId, asOf: '2026-04-10', unitId: a.id, unitName: a.name, base: 100, total });
    expect(body.lines.filter((l) => l.basis.startsWith('reports')).map((l) => [l.rule, l.count, l.of])).toEqual([
      ['reportOnTime', 1, due],
      ['lateReport', late, due],
      ['returned', 0, 1],
    ]);
    const share = Math.round((10 / due) * 10_000) / 10_000;
    expect(body.items).toContainEqual({
      rule: 'reportOnTime',
      label: expect.stringMatching(/^2026-03 期报告按时报送（第 \d+ 项任务）$/) as unknown,
      points: share,
      at: '2026-04-03',
      objectType: 'report',
      objectId: fx().reports.a,
      taskId: fx().tasks.a.id,
    });
    const lateItems = body.items.filter((i) => i.rule === 'lateReport');
    expect(lateItems).toHaveLength(late);
    expect(lateItems.every((i) => i.at === '2026-04-06' && i.objectType === 'report' && i.points === -share && i.label.includes('逾期未报送'))).toBe(true);

    const ranking = (await get(`/api/assessment?planId=${fx().planId}&asOf=2026-04-10`)).json<RankingBody>().ranking;
    expect(ranking.find((r) => r.unitId === a.id)).toMatchObject({ rank: body.rank, total: body.total, onTime: 1, late });
    // On the due day only unit A's sent report was due: on time, 100 %; the others owed nothing yet and stand at the base.
    const before = (await get(`/api/assessment?asOf=2026-04-05`)).json<RankingBody>().ranking;
    expect(before[0]).toMatchObject({ rank: 1, unitId: a.id, total: 110, onTime: 1 });
    expect(before.slice(1).every((r) => r.rank === 2 && r.total === 100 && r.late === 0)).toBe(true);
  });

  it('gives a unit without a part in the plan its base, and no rank', async () => {
    const id = await insertUnit(fx().store.db, fx().governmentId, '区档案馆', 'department', NOW.toISOString());
    const res = await get(`/api/assessment/units/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      planId: fx().planId,
      asOf: '2026-04-11',
      unitId: id,
      unitName: '区档案馆',
      rank: null,
      base: 100,
      total: 100,
      items: [],
    });
    expect(res.json<StatementBody>().lines.every((l) => l.of === 0 && l.rate === null && l.points === 0)).toBe(true);
  });

  it('answers a wrong date, an unknown field or id with 400, and a plan or unit that does not exist with 404', async () => {
    for (const url of [
      '/api/assessment?asOf=2026-02-30',
      '/api/assessment?asOf=2026-4-1',
      '/api/assessment?planId=0',
      '/api/assessment?unitId=1',
      `/api/assessment/units/${fx().units.a.id}?asOf=tomorrow`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(errorOf(res).code).toBe('invalid_request');
      expect(errorOf(res).message).toMatch(CHINESE);
    }
    for (const url of ['/api/assessment?planId=987654', '/api/assessment/units/987654']) {
      const res = await get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(404);
      expect(errorOf(res).message).toMatch(CHINESE);
    }
  });

  it('is closed to the administrators', async () => {
    for (const who of ['sysadmin', 'secadmin', 'auditor'] as const) expect((await get('/api/assessment', who)).statusCode).toBe(403);
  });
});
