/**
 * The office edits the unit directory: adds a unit, renames it, sets its
 * aliases and a group's members. Each change is versioned (a stale version is
 * a 409 with the unit as it is), audited in the same transaction, and refused
 * with a Chinese message (nothing written) when a name would mean two units.
 * A group's members, once set, owe the reports of the group's tasks.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { planImporter } from '../../../src/modules/plan/plan-importer.js';
import { storeNotice } from '../../../src/modules/plan/plan.service.js';
import { listReports } from '../../../src/modules/report/report.repository.js';
import { roundOpener } from '../../../src/modules/round/round.service.js';
import { listUnits } from '../../../src/modules/unit/unit.repository.js';
import type { Unit } from '../../../src/modules/unit/unit.model.js';
import { changeUnit, createUnit, setGroupMembers, setUnitAliases } from '../../../src/modules/unit/unit.service.js';
import type { Store } from '../../../src/store/connection.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { countRows, freshActor, noticeFromText, openMigrated } from '../store-fixture.js';

const asRole = (actor: Actor, role: Actor['role'], userId: number | null = null): Actor => ({ ...actor, role, userId, username: `${role}-test` });

describeEachDatabase('the office edits the unit directory', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });

  const unit = async (actor: Actor, name: string): Promise<Unit> => {
    const found = (await listUnits(store.db, actor.governmentId)).find((u) => u.name === name);
    if (!found) throw new Error(`no unit ${name}`);
    return found;
  };
  const audits = (actor: Actor, action: string) =>
    store.db.selectFrom('audit_log').selectAll().where('government_id', '=', actor.governmentId).where('action', '=', action).orderBy('seq').execute();

  /** A government with two departments, two towns and the group 各镇街 (no members yet), edited by its office. */
  const world = async () => {
    const office = asRole(await freshActor(store), 'office');
    for (const name of ['区商务局', '区财政局', '甲镇', '乙街道']) await createUnit(store.db, office, { name });
    await createUnit(store.db, office, { name: '各镇街', kind: 'group' });
    return office;
  };

  it('sets a unit’s aliases, versioned and audited; refuses an alias that already means another unit', async () => {
    const office = await world();
    const commerce = await unit(office, '区商务局');
    const saved = await setUnitAliases(store.db, office, commerce.id, { version: commerce.version, aliases: ['商务局', ' 区商务 ', '商务局', '区商务局'] });
    expect(saved).toMatchObject({ aliases: ['商务局', '区商务'], version: commerce.version + 1 });
    const [row] = await audits(office, 'unit.set_aliases');
    expect(JSON.parse(row?.after ?? '{}')).toEqual({ aliases: ['商务局', '区商务'] });
    expect(JSON.parse(row?.before ?? '{}')).toEqual({ aliases: [] });

    // The same aliases again change nothing and write nothing.
    expect(await setUnitAliases(store.db, office, commerce.id, { version: saved.version, aliases: ['区商务', '商务局'] })).toEqual(saved);
    expect(await audits(office, 'unit.set_aliases')).toHaveLength(1);

    const finance = await unit(office, '区财政局');
    const before = await countRows(store, office.governmentId);
    await expect(setUnitAliases(store.db, office, finance.id, { version: finance.version, aliases: ['商务局'] })).rejects.toMatchObject({
      status: 409,
      code: 'alias_taken',
      message: '简称“商务局”已属于“区商务局”，请先从该单位的简称中删去',
    });
    await expect(setUnitAliases(store.db, office, finance.id, { version: finance.version, aliases: ['区商务局'] })).rejects.toMatchObject({
      status: 409,
      code: 'alias_taken',
    });
    await expect(setUnitAliases(store.db, office, commerce.id, { version: commerce.version, aliases: [] })).rejects.toMatchObject({
      status: 409,
      code: 'version_conflict',
      details: { current: { id: commerce.id, aliases: ['商务局', '区商务'], version: saved.version } },
    });
    expect(await countRows(store, office.governmentId)).toEqual(before);
    expect(await unit(office, '区财政局')).toEqual(finance);
  });

  it('sets a group’s members, versioned and audited; a member is a unit, not a group', async () => {
    const office = await world();
    const group = await unit(office, '各镇街');
    const towns = [await unit(office, '甲镇'), await unit(office, '乙街道')];
    const saved = await setGroupMembers(store.db, office, group.id, { version: group.version, memberIds: towns.map((t) => t.id) });
    expect(saved).toMatchObject({ members: ['甲镇', '乙街道'], memberIds: towns.map((t) => t.id), version: group.version + 1 });
    expect((await unit(office, '甲镇')).groups).toEqual(['各镇街']);
    const [row] = await audits(office, 'unit.set_members');
    expect(JSON.parse(row?.after ?? '{}')).toEqual({ members: ['甲镇', '乙街道'] });

    const before = await countRows(store, office.governmentId);
    const commerce = await unit(office, '区商务局');
    await expect(setGroupMembers(store.db, office, commerce.id, { version: commerce.version, memberIds: [towns[0]?.id ?? 0] })).rejects.toMatchObject({
      status: 400,
      code: 'not_a_group',
    });
    const other = await createUnit(store.db, office, { name: '相关镇街', kind: 'group' });
    const counted = await countRows(store, office.governmentId);
    await expect(setGroupMembers(store.db, office, group.id, { version: saved.version, memberIds: [other.id] })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_member',
      message: '“相关镇街”本身是单位组，不能作为单位组的成员',
    });
    await expect(setGroupMembers(store.db, office, group.id, { version: saved.version, memberIds: [987654] })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_member',
    });
    await expect(setGroupMembers(store.db, office, group.id, { version: group.version, memberIds: [] })).rejects.toMatchObject({
      status: 409,
      code: 'version_conflict',
    });
    expect(await countRows(store, office.governmentId)).toEqual(counted);
    expect(counted.units).toBe(before.units + 1);
  });

  it('keeps a group a group while it has members, and a member out of the groups; a new name may not be another unit’s alias', async () => {
    const office = await world();
    const group = await unit(office, '各镇街');
    const town = await unit(office, '甲镇');
    const withMembers = await setGroupMembers(store.db, office, group.id, { version: group.version, memberIds: [town.id] });
    await expect(changeUnit(store.db, office, group.id, { version: withMembers.version, kind: 'other' })).rejects.toMatchObject({
      status: 400,
      code: 'group_has_members',
    });
    await expect(changeUnit(store.db, office, town.id, { version: town.version, kind: 'group' })).rejects.toMatchObject({
      status: 400,
      code: 'member_of_group',
    });
    const commerce = await unit(office, '区商务局');
    await setUnitAliases(store.db, office, commerce.id, { version: commerce.version, aliases: ['商务局'] });
    const finance = await unit(office, '区财政局');
    await expect(changeUnit(store.db, office, finance.id, { version: finance.version, name: '商务局' })).rejects.toMatchObject({
      status: 409,
      code: 'alias_taken',
    });
    await expect(createUnit(store.db, office, { name: '商务局' })).rejects.toMatchObject({ status: 409, code: 'alias_taken' });
    const renamed = await changeUnit(store.db, office, finance.id, { version: finance.version, name: '区财政事务中心' });
    expect(renamed).toMatchObject({ name: '区财政事务中心', version: finance.version + 1 });
  });

  it('is the office’s alone', async () => {
    const office = await world();
    const commerce = await unit(office, '区商务局');
    for (const role of ['sysadmin', 'head', 'liaison', 'leader', 'observer'] as const) {
      const who = asRole(office, role, 1);
      await expect(setUnitAliases(store.db, who, commerce.id, { version: commerce.version, aliases: ['商务'] })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createUnit(store.db, who, { name: '区新设局' })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it('makes a group’s members owe its reports from the next round: the preview warns while it has none', async () => {
    const office = await world();
    const notice = await noticeFromText(
      '各镇街任务.txt',
      `临江区人民政府关于分解落实2026年政府工作报告重点任务的通知

1.推进老旧小区改造，年内完成改造12个。（牵头领导：周明远。承办单位：区财政局，各镇街）
`,
    );
    const preview = await planImporter.preview(store.db, office.governmentId, notice.plan, notice.source);
    expect(preview.warnings.filter((w) => w.code === 'empty_group').map((w) => [w.task, w.message])).toEqual([
      [1, '单位组“各镇街”没有成员单位（第 1 项任务）：调度时不会向任何单位要这些任务的报告。请在单位管理中为它设置成员单位，或在导入时附上列明成员的单位名录'],
    ]);
    const { planId } = await storeNotice(store.db, office, { plan: notice.plan, source: notice.source });
    const open = (label: string) => roundOpener.open(store.db, office, { planId, kind: 'monthly', label, periodEnd: `${label}-28`, dueOn: `${label}-28` });
    const owners = async (roundId: number) =>
      (await listReports(store.db, office.governmentId, { roundId })).map((r) => [r.unitId, r.role]).sort((a, b) => Number(a[0]) - Number(b[0]));

    const finance = await unit(office, '区财政局');
    const first = await open('2026-03');
    expect(await owners(first.round.id)).toEqual([[finance.id, 'host']]);

    const group = await unit(office, '各镇街');
    const towns = [await unit(office, '甲镇'), await unit(office, '乙街道')];
    await setGroupMembers(store.db, office, group.id, { version: group.version, memberIds: towns.map((t) => t.id) });
    const second = await open('2026-04');
    expect(second.reports).toBe(3);
    expect(await owners(second.round.id)).toEqual([[finance.id, 'host'], ...towns.map((t) => [t.id, 'co'])].sort((a, b) => Number(a[0]) - Number(b[0])));
    const again = await planImporter.preview(store.db, office.governmentId, notice.plan, notice.source);
    expect(again.warnings.filter((w) => w.code === 'empty_group')).toEqual([]);
  });
});
