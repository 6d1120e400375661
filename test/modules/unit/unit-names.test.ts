/**
 * Units stay in their directory: a notice's unit name resolves to a unit of
 * the store only by that unit's name or one of its aliases, exactly; never by
 * likeness. A name the directory does not hold is an unknown_unit warning in
 * the preview, stays the notice's own name, and becomes a new unit only when
 * the office commits. The preview reads names as the commit will: the
 * directory the import brings over the store's.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { importNotice, parseUnitDirectory, type UnitDirectory } from '../../../src/importer/index.js';
import { planImporter, sourceOf } from '../../../src/modules/plan/plan-importer.js';
import { storeNotice } from '../../../src/modules/plan/plan.service.js';
import { listTasks } from '../../../src/modules/task/task.repository.js';
import { unitDirectoryImporter } from '../../../src/modules/unit/unit-directory-importer.js';
import { listUnits } from '../../../src/modules/unit/unit.repository.js';
import { setUnitAliases } from '../../../src/modules/unit/unit.service.js';
import type { Store } from '../../../src/store/connection.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { samplePath } from '../../helpers/paths.js';
import { freshActor, openMigrated } from '../store-fixture.js';

/** Another (fictional) district's notice: its police branch, its ecology bureau, and one name the demo's directory holds as an alias. */
const OTHER_DISTRICT = `青山区人民政府关于分解落实2026年政府工作报告重点任务的通知

一、平安建设

1.开展道路交通安全整治，年内道路交通事故起数下降10%。（牵头领导：林一川。承办单位：区公安分局，区交通运输局，各镇街）

2.推进河湖水质提升，年内完成入河排污口整治20个。（牵头领导：林一川。承办单位：区生态环境局，区水利局、临河公安分局）
`;

const DEMO_DIRECTORY = parseUnitDirectory(readFileSync(samplePath('units.json'), 'utf8'));

async function readOther(directory?: UnitDirectory) {
  const bytes = new TextEncoder().encode(OTHER_DISTRICT);
  return { plan: await importNotice(bytes, directory ? { directory } : {}), source: sourceOf('青山区任务分解.txt', bytes) };
}

const ownersOf = (plan: { tasks: { number: number; hostUnits: string[]; coUnits: string[] }[] }, n: number) => {
  const task = plan.tasks.find((t) => t.number === n);
  return { hosts: task?.hostUnits ?? [], cos: task?.coUnits ?? [] };
};

describeEachDatabase('units stay in their directory', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });

  /** A government holding the demo's units: the sample's directory, as `luoshi demo` stores it. */
  const demoGovernment = async (): Promise<Actor> => {
    const actor = await freshActor(store, '演示区人民政府');
    await store.db.transaction().execute((trx) => unitDirectoryImporter.commit(trx, actor, DEMO_DIRECTORY));
    return actor;
  };
  const unitNames = async (actor: Actor) => (await listUnits(store.db, actor.governmentId)).map((u) => u.name);

  it('does not map another district’s 区公安分局 (or 区生态环境局) into the demo’s units', async () => {
    const actor = await demoGovernment();
    const before = await unitNames(actor);
    expect(before).toContain('市公安局临河分局');
    const other = await readOther();

    const preview = await planImporter.preview(store.db, actor.governmentId, other.plan, other.source);
    expect(ownersOf(preview.plan, 1).hosts).toEqual(['区公安分局']);
    expect(ownersOf(preview.plan, 2).hosts).toEqual(['区生态环境局']);
    const unknown = preview.warnings.filter((w) => w.code === 'unknown_unit');
    expect(unknown.map((w) => [w.task, /单位“([^”]+)”/.exec(w.message)?.[1]])).toEqual([
      [1, '区公安分局'],
      [2, '区生态环境局'],
    ]);
    expect(unknown[0]?.message).toContain('导入后将作为新单位加入名录');
    expect(await unitNames(actor), 'a preview creates nothing').toEqual(before);

    const { planId } = await storeNotice(store.db, actor, { plan: other.plan, source: other.source });
    const tasks = await listTasks(store.db, actor.governmentId, { planId });
    expect(tasks.find((t) => t.number === 1)?.hostUnits.map((u) => u.name)).toEqual(['区公安分局']);
    expect(tasks.find((t) => t.number === 2)?.hostUnits.map((u) => u.name)).toEqual(['区生态环境局']);
    const after = await listUnits(store.db, actor.governmentId);
    expect(
      after
        .map((u) => u.name)
        .filter((n) => !before.includes(n))
        .sort(),
    ).toEqual(['区公安分局', '区生态环境局'].sort());
    expect(after.find((u) => u.name === '区公安分局')?.kind).toBe('department');
    expect((await listTasks(store.db, actor.governmentId, { planId, unitName: '市公安局临河分局' })).map((t) => t.number)).toEqual([2]);
  });

  it('reads a name the directory holds exactly, as a name or an alias, and only that', async () => {
    const actor = await demoGovernment();
    const other = await readOther();
    const preview = await planImporter.preview(store.db, actor.governmentId, other.plan, other.source);
    // 临河公安分局 is an alias the directory holds; 区交通运输局, 区水利局 and 各镇街 are its names.
    expect(ownersOf(preview.plan, 2).cos).toEqual(['区水利局', '市公安局临河分局']);
    expect(ownersOf(preview.plan, 1).cos).toEqual(['区交通运输局', '各镇街']);

    // Near misses of the directory's names and aliases are never matched.
    const nearMisses = ['区公安局', '公安分局', '临河区公安分局', '市公安局', '区发改委', '区交通运输', '区水利局局'];
    const text = nearMisses.map((name, i) => `${i + 1}.做好第${i + 1}项工作。（牵头领导：林一川。承办单位：${name}）`).join('\n\n');
    const bytes = new TextEncoder().encode(`青山区人民政府关于分解落实2026年政府工作报告重点任务的通知\n\n${text}\n`);
    const near = await planImporter.preview(store.db, actor.governmentId, await importNotice(bytes), sourceOf('近似名称.txt', bytes));
    expect(near.plan.tasks.map((t) => t.hostUnits)).toEqual(nearMisses.map((n) => [n]));
    expect(near.warnings.filter((w) => w.code === 'unknown_unit')).toHaveLength(nearMisses.length);
  });

  it('follows the office’s own aliases: an alias the office gives a unit reads as that unit', async () => {
    const actor = await demoGovernment();
    const police = (await listUnits(store.db, actor.governmentId)).find((u) => u.name === '市公安局临河分局');
    if (!police) throw new Error('no 市公安局临河分局');
    await setUnitAliases(store.db, actor, police.id, { version: police.version, aliases: [...police.aliases, '区公安分局'] });
    const other = await readOther();
    const preview = await planImporter.preview(store.db, actor.governmentId, other.plan, other.source);
    expect(ownersOf(preview.plan, 1).hosts).toEqual(['市公安局临河分局']);
    expect(preview.warnings.filter((w) => w.code === 'unknown_unit').map((w) => w.task)).toEqual([2]);
  });

  it('reads a notice imported with its own directory by that directory, in the preview as in the commit', async () => {
    const actor = await demoGovernment();
    const police = (await listUnits(store.db, actor.governmentId)).find((u) => u.name === '市公安局临河分局');
    if (!police) throw new Error('no 市公安局临河分局');
    await setUnitAliases(store.db, actor, police.id, { version: police.version, aliases: [...police.aliases, '区公安分局'] });
    // The other district's directory has a unit of that name: the notice's directory decides what its names mean.
    const own: UnitDirectory = { units: [{ name: '区公安分局' }, { name: '区生态环境局' }, { name: '区交通运输局' }, { name: '区水利局' }] };
    const other = await readOther(own);
    const preview = await planImporter.preview(store.db, actor.governmentId, other.plan, other.source, { directory: own });
    expect(ownersOf(preview.plan, 1).hosts).toEqual(['区公安分局']);
    const { planId } = await storeNotice(store.db, actor, { plan: other.plan, source: other.source, directory: own });
    const stored = (await listTasks(store.db, actor.governmentId, { planId })).map((t) => ({
      number: t.number,
      hostUnits: t.hostUnits.map((u) => u.name),
      coUnits: t.coUnits.map((u) => u.name),
    }));
    expect(stored).toEqual(preview.plan.tasks.map((t) => ({ number: t.number, hostUnits: t.hostUnits, coUnits: t.coUnits })));
  });
});
