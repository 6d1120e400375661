/** GET /api/tasks filtered by section, leader and unit: by id, and by the names people use. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { LEADER, UNIT_A, UNIT_B, call, signInAs, useApiFixture, type Session } from './api-fixture.js';

interface TaskItem {
  id: number;
  section: string | null;
  sectionId: number | null;
  leaders: string[];
  hostUnits: string[];
  coUnits: string[];
  leaderRefs: { id: number }[];
  hostMemberRefs: { name: string }[];
  coMemberRefs: { name: string }[];
}

describeEachDatabase('task filters', (getUrl) => {
  const fixture = useApiFixture(getUrl);
  let office: Session;
  let all: TaskItem[];
  const list = async (query: string): Promise<TaskItem[]> => {
    const r = await call(fixture().app, office, 'GET', `/api/tasks${query}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ items: TaskItem[]; total: number }>();
    expect(body.total).toBe(body.items.length);
    return body.items;
  };

  beforeAll(async () => {
    office = await signInAs(fixture().app, 'office');
    all = await list('');
  });

  const ids = (items: TaskItem[]): number[] => items.map((t) => t.id);
  /** The unit is named, or stands in for a unit group the task names (区直相关部门 for a department). */
  const responsible = (t: TaskItem, unit: string): boolean =>
    t.hostUnits.includes(unit) || t.coUnits.includes(unit) || [...t.hostMemberRefs, ...t.coMemberRefs].some((u) => u.name === unit);

  it('filters by section, by numeral or by id', async () => {
    const first = all[0];
    if (!first?.section || first.sectionId === null) throw new Error('sample task without section');
    const expected = ids(all.filter((t) => t.section === first.section));
    expect(ids(await list(`?section=${encodeURIComponent(first.section)}`))).toEqual(expected);
    expect(ids(await list(`?sectionId=${first.sectionId}`))).toEqual(expected);
  });

  it('filters by lead leader, by name or by id', async () => {
    const expected = ids(all.filter((t) => t.leaders.includes(LEADER)));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(await list(`?leader=${encodeURIComponent(LEADER)}`))).toEqual(expected);
    const leaderId = all.find((t) => t.leaders[0] === LEADER)?.leaderRefs[0]?.id;
    expect(ids(await list(`?leaderId=${leaderId}`))).toEqual(expected);
  });

  it('filters by unit, hosting or co-operating, by name, short name or id', async () => {
    for (const unit of [UNIT_A, UNIT_B]) {
      const expected = ids(all.filter((t) => responsible(t, unit)));
      expect(expected.length).toBeGreaterThan(0);
      // The sample's 区直相关部门 and 区直各部门 count every department among their members.
      expect(expected.length).toBeGreaterThan(all.filter((t) => t.hostUnits.includes(unit) || t.coUnits.includes(unit)).length);
      expect(ids(await list(`?unit=${encodeURIComponent(unit)}`))).toEqual(expected);
    }
    expect(ids(await list(`?unit=${encodeURIComponent('区工信局')}`))).toEqual(ids(all.filter((t) => responsible(t, UNIT_A))));
    expect(ids(await list(`?unitId=${fixture().units.b.id}`))).toEqual(ids(all.filter((t) => responsible(t, UNIT_B))));
  });

  it('gives an empty list for a name nobody has', async () => {
    expect(await list(`?unit=${encodeURIComponent('区不存在局')}`)).toEqual([]);
  });
});
