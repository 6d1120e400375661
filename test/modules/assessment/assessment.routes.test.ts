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
      scheme: { base: 100, reportOnTime: 1, targetMet: 2, lateReport: -1, returned: -0.5, redMonth: -2, unmetTarget: -3, unansweredOrder: -2 },
    });
    expect(body.ranking.map((r) => r.unitId).sort((a, b) => a - b)).toEqual([...owed.keys()].sort((a, b) => a - b));
    for (const r of body.ranking) {
      // Nothing was sent by 5 April: every report owed is one late report.
      expect(r, r.unitName).toMatchObject({
        late: owed.get(r.unitId),
        total: 100 - (owed.get(r.unitId) ?? 0),
        onTime: 0,
        returned: 0,
        redMonths: 0,
        targetsMet: 0,
        targetsUnmet: 0,
        unansweredOrders: 0,
      });
      expect(r.rank).toBe(body.ranking.filter((o) => o.total > r.total).length + 1);
    }
    expect(body.ranking.find((r) => r.unitId === fx().units.a.id)?.unitName).toBe(fx().units.a.name);
  });

  it('gives a unit’s statement, each item traced to its report, with the same rank as the ranking', async () => {
    const a = fx().units.a;
    await fx()
      .store.db.updateTable('reports')
      .set({ status: 'submitted', submitted_at: '2026-04-03T02:00:00.000Z' })
      .where('id', '=', fx().reports.a)
      .execute();
    const res = await get(`/api/assessment/units/${a.id}?planId=${fx().planId}&asOf=2026-04-10`, 'liaisonB');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<StatementBody>();
    const late = (owed.get(a.id) ?? 0) - 1;
    expect(body).toMatchObject({ planId: fx().planId, asOf: '2026-04-10', unitId: a.id, unitName: a.name, base: 100, total: 100 + 1 - late });
    expect(body.items).toContainEqual({
      rule: 'reportOnTime',
      label: expect.stringMatching(/^2026-03 期报告按时报送（第 \d+ 项任务）$/) as unknown,
      points: 1,
      at: '2026-04-03',
      objectType: 'report',
      objectId: fx().reports.a,
      taskId: fx().tasks.a.id,
    });
    const lateItems = body.items.filter((i) => i.rule === 'lateReport');
    expect(lateItems).toHaveLength(late);
    expect(lateItems.every((i) => i.at === '2026-04-06' && i.objectType === 'report' && i.points === -1 && i.label.includes('逾期未报送'))).toBe(true);

    const ranking = (await get(`/api/assessment?planId=${fx().planId}&asOf=2026-04-10`)).json<RankingBody>().ranking;
    expect(ranking.find((r) => r.unitId === a.id)).toMatchObject({ rank: body.rank, total: body.total, onTime: 1, late });
    // On the due day nobody had lost a point yet; unit A, on time, leads alone and the others share rank 2.
    const before = (await get(`/api/assessment?asOf=2026-04-05`)).json<RankingBody>().ranking;
    expect(before[0]).toMatchObject({ rank: 1, unitId: a.id, total: 101, onTime: 1 });
    expect(before.slice(1).every((r) => r.rank === 2 && r.total === 100 && r.late === 0)).toBe(true);
  });

  it('gives a unit without a part in the plan its base, and no rank', async () => {
    const id = await insertUnit(fx().store.db, fx().governmentId, '区档案馆', 'department', NOW.toISOString());
    const res = await get(`/api/assessment/units/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ planId: fx().planId, asOf: '2026-04-11', unitId: id, unitName: '区档案馆', rank: null, base: 100, total: 100, items: [] });
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
