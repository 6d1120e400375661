/** The unit directory in the store, and the plan importer using its aliases. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import type { UnitDirectory } from '../../src/importer/units.js';
import { listAudit } from '../../src/modules/audit/audit.repository.js';
import { planImporter } from '../../src/modules/plan/plan-importer.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { unitDirectoryImporter } from '../../src/modules/unit/unit-directory-importer.js';
import { listUnits } from '../../src/modules/unit/unit.repository.js';
import type { Store } from '../../src/store/connection.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { samplePath } from '../helpers/paths.js';
import { countRows, freshActor, openMigrated, readNotice } from './store-fixture.js';

const directory = JSON.parse(readFileSync(samplePath('units.json'), 'utf8')) as UnitDirectory;

describeEachDatabase('unit directory importer', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });
  afterAll(async () => {
    await store?.close();
  });

  const commit = (actor: Actor, d: UnitDirectory) => store.db.transaction().execute((trx) => unitDirectoryImporter.commit(trx, actor, d));

  it('creates units with aliases and groups with members, once', async () => {
    const actor = await freshActor(store);
    const first = await commit(actor, directory);
    expect(first.changed).toBe(true);
    const units = await listUnits(store.db, actor.governmentId);
    const byName = new Map(units.map((u) => [u.name, u]));
    expect(units).toHaveLength(directory.units.length + (directory.groups?.length ?? 0));
    expect(byName.get('区工业和信息化局')).toMatchObject({ kind: 'department', aliases: ['区工信局'] });
    expect(byName.get('柳湾镇')?.kind).toBe('town');
    expect(byName.get('河东街道')?.kind).toBe('town');
    expect(byName.get('各镇街')).toMatchObject({ kind: 'group' });
    expect(byName.get('各镇街')?.members).toHaveLength(8);

    const counts = await countRows(store, actor.governmentId);
    expect(counts.audit_log).toBe(1);
    const again = await commit(actor, directory);
    expect(again).toMatchObject({ changed: false, created: [], aliases: 0, groups: [] });
    expect(await countRows(store, actor.governmentId)).toEqual(counts);
  });

  it('moves an alias and changes members when the directory is edited', async () => {
    const actor = await freshActor(store);
    await commit(actor, directory);
    const edited: UnitDirectory = {
      units: [
        ...directory.units.filter((u) => u.name !== '区工业和信息化局'),
        { name: '区工业和信息化局', aliases: [] },
        { name: '区工信服务中心', aliases: ['区工信局'] },
      ],
      groups: [{ name: '各镇街', members: ['柳湾镇', '石门镇'] }],
    };
    const result = await commit(actor, edited);
    expect(result).toMatchObject({ created: ['区工信服务中心'], aliases: 1, groups: ['各镇街'] });
    const byName = new Map((await listUnits(store.db, actor.governmentId)).map((u) => [u.name, u]));
    expect(byName.get('区工信服务中心')?.aliases).toEqual(['区工信局']);
    expect(byName.get('各镇街')?.members).toEqual(['柳湾镇', '石门镇']);
    const [audit] = await listAudit(store.db, actor.governmentId, { limit: 1 });
    expect(audit?.action).toBe('unit.import_directory');
  });

  it('refuses a directory that contradicts itself, writing nothing', async () => {
    const actor = await freshActor(store);
    const before = await countRows(store, actor.governmentId);
    const cases: UnitDirectory[] = [
      { units: [{ name: '区财政局' }, { name: '区财政局' }] },
      {
        units: [
          { name: '区财政局', aliases: ['财政'] },
          { name: '区审计局', aliases: ['财政'] },
        ],
      },
      { units: [{ name: '区财政局' }], groups: [{ name: '各部门', members: ['区财政局', '不存在的局'] }] },
      { units: [{ name: ' ' }] },
    ];
    for (const d of cases) await expect(commit(actor, d)).rejects.toMatchObject({ code: 'bad_directory' });
    expect(await countRows(store, actor.governmentId)).toEqual(before);
  });

  it('lets a plan read without a directory find units by their stored aliases', async () => {
    const actor = await freshActor(store);
    await commit(actor, directory);
    const sample = await readNotice(samplePath('notice.txt'));
    expect(sample.plan.tasks.some((t) => [...t.hostUnits, ...t.coUnits].includes('区工信局'))).toBe(true);
    const unitsBefore = (await countRows(store, actor.governmentId)).units;
    const preview = await planImporter.preview(store.db, actor.governmentId, sample.plan, sample.source);
    expect(preview.plan.tasks.some((t) => [...t.hostUnits, ...t.coUnits].includes('区工信局'))).toBe(false);

    const result = await store.db.transaction().execute((trx) => planImporter.commit(trx, actor, sample.plan, sample.source));
    const names = (await listTasks(store.db, actor.governmentId, { planId: result.planId })).flatMap((t) => [...t.hostUnits, ...t.coUnits].map((u) => u.name));
    expect(names).not.toContain('区工信局');
    expect(names).toContain('区工业和信息化局');
    // Only the units the directory lacks were created.
    const created = (await countRows(store, actor.governmentId)).units - unitsBefore;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(6);
  });
});
