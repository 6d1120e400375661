/**
 * Unit groups resolve to their members (done when): the seed imported with a
 * unit directory whose groups 区直各部门 and 各镇街 list members, a round
 * opened, and every member has its own report where the notice names its
 * group — a host report where the group hosts (tasks 36, 38 and 39), a
 * co-unit's input where it helps. Owed counts, reminders, orders by rule and
 * access follow the members; a group without members owes nothing and is
 * named in the import preview and the round's audit row.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../../src/domain/actor.js';
import { importNotice, type UnitDirectory } from '../../../src/importer/index.js';
import { issueRuleOrders } from '../../../src/jobs/rule-orders.js';
import { remind } from '../../../src/jobs/remind.js';
import { can } from '../../../src/modules/auth/authorize.js';
import { planImporter, sourceOf } from '../../../src/modules/plan/plan-importer.js';
import { storeNotice } from '../../../src/modules/plan/plan.service.js';
import { workSubject } from '../../../src/modules/report/report.access.js';
import { listReports, taskSubjects } from '../../../src/modules/report/report.repository.js';
import { roundOpener } from '../../../src/modules/round/round.service.js';
import type { LedgerTask } from '../../../src/modules/task/task.model.js';
import { presentTask } from '../../../src/modules/task/task.presenter.js';
import { listTasks } from '../../../src/modules/task/task.repository.js';
import { listUnits } from '../../../src/modules/unit/unit.repository.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import type { Store } from '../../../src/store/connection.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { seedPath } from '../../helpers/paths.js';
import { dayClock } from '../../jobs/supervision-helpers.js';
import { freshActor, openMigrated } from '../store-fixture.js';

/** Invented units: four departments and three towns, and the two groups the seed names most. */
const DEPARTMENTS = ['区发展改革局', '区财政局', '区司法局', '区审计局'];
const TOWNS = ['甲镇', '乙镇', '丙街道'];
const DIRECTORY: UnitDirectory = {
  units: [...DEPARTMENTS, ...TOWNS].map((name) => ({ name })),
  groups: [
    { name: '区直各部门', members: DEPARTMENTS },
    { name: '各镇街', members: TOWNS },
  ],
};
const PASSWORD = 'Lh-31-Strong!Pass9';

const names = (units: readonly { name: string }[]): string[] => units.map((u) => u.name);

describeEachDatabase('unit groups resolve to their members (the seed)', (getUrl) => {
  let store: Store;
  let office: Actor;
  let planId: number;
  let roundId: number;
  let tasks: LedgerTask[];
  let unitIds: Map<string, number>;
  let unitNames: Map<number, string>;
  let preview: Awaited<ReturnType<typeof planImporter.preview>>;

  const byNumber = (n: number): LedgerTask => {
    const task = tasks.find((t) => t.number === n);
    if (!task) throw new Error(`the seed has no task ${n}`);
    return task;
  };
  const reportsOf = async (taskId: number) =>
    (await listReports(store.db, office.governmentId, { roundId, taskId })).map((r) => ({ ...r, unit: unitNames.get(r.unitId) ?? `#${r.unitId}` }));
  const userOf = async (username: string, role: 'head' | 'liaison', unitName: string): Promise<Actor> => {
    const user = await createUser(store.db, systemActor(office.governmentId, 'test'), { username, role, unitName, password: PASSWORD });
    return { governmentId: office.governmentId, userId: user.id, username, role, unitId: unitIds.get(unitName) ?? null, leaderId: null, ip: null };
  };

  beforeAll(async () => {
    store = await openMigrated(getUrl());
    office = await freshActor(store, '种子区人民政府');
    const bytes = new Uint8Array(readFileSync(seedPath));
    const plan = await importNotice(bytes, { directory: DIRECTORY });
    const source = sourceOf(basename(seedPath), bytes);
    preview = await planImporter.preview(store.db, office.governmentId, plan, source, { directory: DIRECTORY });
    planId = (await storeNotice(store.db, office, { plan, directory: DIRECTORY, source })).planId;
    tasks = await listTasks(store.db, office.governmentId, { planId });
    const units = await listUnits(store.db, office.governmentId);
    unitIds = new Map(units.map((u) => [u.name, u.id]));
    unitNames = new Map(units.map((u) => [u.id, u.name]));
    roundId = (await roundOpener.open(store.db, office, { planId, kind: 'monthly', label: '2026-03', periodEnd: '2026-03-31', dueOn: '2026-04-05' })).round.id;
  });

  it('gives each member of 区直各部门 its own host report on tasks 36, 38 and 39, where the group hosts', async () => {
    for (const n of [36, 38, 39]) {
      const task = byNumber(n);
      expect(names(task.hostUnits), `task ${n} is hosted by the group`).toEqual(['区直各部门']);
      const reports = await reportsOf(task.id);
      const hosts = reports.filter((r) => r.role === 'host');
      expect(hosts.map((r) => r.unit).sort(), `task ${n}`).toEqual([...DEPARTMENTS].sort());
      expect(hosts.every((r) => r.status === 'draft')).toBe(true);
      expect(
        reports.some((r) => r.unit === '区直各部门'),
        'the group itself owes nothing',
      ).toBe(false);
      // The task as the API shows it names the group, and the members who report in its place.
      const view = presentTask(task);
      expect(view.hostUnits).toEqual(['区直各部门']);
      expect(names(view.hostMemberRefs).sort()).toEqual([...DEPARTMENTS].sort());
      expect(names(view.coMemberRefs).sort()).toEqual([...TOWNS].sort());
    }
  });

  it('gives each member of 各镇街 its co-unit input wherever the group helps', async () => {
    const helped = tasks.filter((t) => names(t.coUnits).includes('各镇街'));
    expect(helped.length).toBeGreaterThan(20);
    for (const task of helped) {
      const co = (await reportsOf(task.id)).filter((r) => r.role === 'co').map((r) => r.unit);
      for (const town of TOWNS) expect(co, `task ${task.number}`).toContain(town);
    }
  });

  it('asks one report of a unit named directly and through a group, the host’s', async () => {
    // Task 37: 区司法局 and 区审计局 host it, and 区直各部门 (which they belong to) helps.
    const task = tasks.find((t) => names(t.coUnits).includes('区直各部门') && t.hostUnits.some((u) => DEPARTMENTS.includes(u.name)));
    if (!task) throw new Error('the seed has no task helped by 区直各部门 and hosted by one of its members');
    const reports = await reportsOf(task.id);
    const perUnit = new Map<string, string[]>();
    for (const r of reports) perUnit.set(r.unit, [...(perUnit.get(r.unit) ?? []), r.role]);
    for (const host of names(task.hostUnits).filter((u) => DEPARTMENTS.includes(u))) expect(perUnit.get(host)).toEqual(['host']);
    for (const other of DEPARTMENTS.filter((u) => !names(task.hostUnits).includes(u))) expect(perUnit.get(other)).toEqual(['co']);
    expect([...perUnit.values()].every((roles) => roles.length === 1)).toBe(true);
  });

  it('warns of groups without members at the preview, asks them nothing, and names them in the round’s audit row', async () => {
    const empty = preview.warnings.filter((w) => w.code === 'empty_group');
    const emptyNames = empty.map((w) => /单位组“([^”]+)”/.exec(w.message)?.[1]);
    expect(emptyNames).toContain('区直相关部门');
    expect(emptyNames).toContain('相关镇街');
    expect(emptyNames).not.toContain('区直各部门');
    expect(emptyNames).not.toContain('各镇街');
    for (const w of empty) expect(w.message).toMatch(/没有成员单位（第 [\d、]+ 项任务）/);

    const related = tasks.filter((t) => names(t.coUnits).includes('相关镇街'));
    expect(related.length).toBeGreaterThan(0);
    for (const task of related) expect((await reportsOf(task.id)).some((r) => r.unit === '相关镇街')).toBe(false);
    const audit = await store.db
      .selectFrom('audit_log')
      .select('after')
      .where('government_id', '=', office.governmentId)
      .where('action', '=', 'round.open')
      .executeTakeFirstOrThrow();
    const after = JSON.parse(audit.after ?? '{}') as { groupsWithoutMembers?: string[] };
    expect(after.groupsWithoutMembers).toEqual(expect.arrayContaining(['区直相关部门', '相关镇街']));
  });

  it('counts what each member owes, and lets its people find and write their reports', async () => {
    const finance = unitIds.get('区财政局') ?? -1;
    const owedRow = await store.db
      .selectFrom('unit_punctuality')
      .select('owed')
      .where('plan_id', '=', planId)
      .where('unit_id', '=', finance)
      .executeTakeFirst();
    const theirs = await listReports(store.db, office.governmentId, { roundId, unitId: finance });
    expect(theirs.length).toBeGreaterThanOrEqual(3);
    expect(owedRow?.owed).toBe(theirs.length);

    const liaison = await userOf('czj_lly', 'liaison', '区财政局');
    const mine = (await listTasks(store.db, office.governmentId, { planId, unitId: finance })).map((t) => t.number);
    expect(mine).toEqual(expect.arrayContaining([36, 38, 39]));
    expect((await listTasks(store.db, office.governmentId, { planId, unitName: '区财政局' })).map((t) => t.number)).toEqual(mine);

    const task36 = byNumber(36);
    const subject = (await taskSubjects(store.db, office.governmentId, [task36.id])).get(task36.id);
    if (!subject) throw new Error('no subject');
    const report = theirs.find((r) => r.taskId === task36.id);
    if (!report) throw new Error('no report of 区财政局 on task 36');
    expect(can(liaison, 'report.draft.write', workSubject(report, subject))).toBe(true);
    const town = (await reportsOf(task36.id)).find((r) => r.unit === '甲镇');
    if (!town) throw new Error('no report of 甲镇 on task 36');
    expect(can(liaison, 'report.draft.write', workSubject(town, subject)), 'a member writes its own report, not another’s').toBe(false);
    const outsider = await userOf('gxj_lly2', 'liaison', '区工业和信息化局');
    expect(can(outsider, 'report.draft.write', workSubject(report, subject))).toBe(false);
    expect((await listTasks(store.db, office.governmentId, { planId, unitId: outsider.unitId ?? -1 })).map((t) => t.number)).not.toContain(36);
  });

  it('reminds the members’ people and orders by rule to each member', async () => {
    const head = await userOf('sjj_head', 'head', '区审计局');
    const before = await store.db.selectFrom('notifications').select('id').where('user_id', '=', head.userId).execute();
    await remind(store.db, office.governmentId, '2026-04-05', { clock: dayClock('2026-04-05'), delivery: {} });
    const after = await store.db.selectFrom('notifications').select('id').where('user_id', '=', head.userId).execute();
    expect(after.length).toBeGreaterThan(before.length);

    await issueRuleOrders(store.db, office.governmentId, '2026-04-12', { clock: dayClock('2026-04-12'), delivery: {} });
    const task36 = byNumber(36);
    const orders = await store.db.selectFrom('orders').select('unit_id').where('task_id', '=', task36.id).execute();
    expect(orders.map((o) => unitNames.get(o.unit_id)).sort()).toEqual([...DEPARTMENTS, ...TOWNS].sort());
  });
});
