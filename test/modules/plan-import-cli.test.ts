/** `luoshi import FILE --commit` as users run it, on both databases. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureGovernment } from '../../src/modules/government/government.repository.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import type { Store } from '../../src/store/connection.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { hasSeed, samplePath, seedPath } from '../helpers/paths.js';
import { countRows, openMigrated } from './store-fixture.js';

describeEachDatabase('luoshi import --commit', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });
  afterAll(async () => {
    await store?.close();
  });

  const importFile = (file: string, ...rest: string[]) =>
    runCli(['import', file, '--commit', '--db', getUrl(), ...rest], { env: { LUOSHI_GOVERNMENT: '测试区人民政府' } });

  it.runIf(hasSeed)('stores the seed and says so in one line; the second run changes nothing', async () => {
    const first = importFile(seedPath);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^已导入：.+，39 项任务（新增 39，修改 0，删除 0）\n$/);
    const government = await ensureGovernment(store.db);
    expect(government.name).toBe('测试区人民政府');
    expect(await listTasks(store.db, government.id)).toHaveLength(39);
    const counts = await countRows(store, government.id);

    const second = importFile(seedPath);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe('内容与已导入的版本相同，未做任何更改\n');
    expect(await countRows(store, government.id)).toEqual(counts);
  });

  it('stores the sample with its unit directory', async () => {
    const r = importFile(samplePath('notice.txt'), '--units', samplePath('units.json'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^已导入：.+，24 项任务（新增 24，修改 0，删除 0）\n$/);
    const government = await ensureGovernment(store.db);
    const aliases = await store.db.selectFrom('unit_aliases').select('alias').where('government_id', '=', government.id).execute();
    expect(aliases.map((a) => a.alias)).toContain('区工信局');
  });
});

it('refuses --db without --commit, and an unsupported database address, in one line with exit code 2', () => {
  for (const args of [
    ['import', samplePath('notice.txt'), '--db', 'whatever.db'],
    ['import', samplePath('notice.txt'), '--commit', '--db', 'mysql://localhost/luoshi'],
  ]) {
    const r = runCli(args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  }
});
