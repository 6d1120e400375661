/**
 * Many governments in one deployment at the command line, on both databases: `luoshi government add` and `list`
 * (the unnamed government of a new database takes the first name; duplicates and unknown parents refused with
 * exit 2 and nothing written), and `--government` on the commands that work on one government: the plan and the
 * account land in the government named, the account's sign-in shows it, and with several governments a command
 * that names none is refused with the list of them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listGovernments } from '../../src/modules/government/government.repository.js';
import { listPlans } from '../../src/modules/plan/plan.repository.js';
import { buildApp, type App } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testFiles } from '../helpers/files.js';
import { samplePath } from '../helpers/paths.js';
import { call, signIn } from '../server/api-fixture.js';

const PASSWORD = 'Cnty-0ffice-Passw0rd!';
const ENV = { LUOSHI_ADMIN_USERNAME: 'admin', LUOSHI_ADMIN_PASSWORD: 'Adm1n-Test-Passw0rd', LUOSHI_GOVERNMENT: '', COUNTY_PASSWORD: PASSWORD };

/** Each case runs several commands, each a process of its own: minutes on a loaded machine. */
const SLOW = 300_000;

const PROVINCE = '甲省人民政府';
const CITY = '乙市人民政府';
const COUNTY = '丙县人民政府';

function refused(r: CliResult): string {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+|Error:|node:internal/);
  return lines[0] ?? '';
}

describeEachDatabase('luoshi government and --government', (getUrl) => {
  const cli = (...args: string[]): CliResult => runCli([...args, '--db', getUrl()], { env: ENV });
  const ok = (...args: string[]): string => {
    const r = cli(...args);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    return r.stdout;
  };
  let store: Store;
  const ids = new Map<string, number>();
  const rowCounts = async (): Promise<{ governments: number; audit: number }> => {
    const g = await store.db
      .selectFrom('governments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const a = await store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { governments: Number(g.n), audit: Number(a.n) };
  };

  beforeAll(() => {
    store = openStore(getUrl());
  });
  afterAll(async () => {
    await store.close();
  });

  it(
    'adds the first government as the unnamed one of a new database, then a tree below it',
    async () => {
      expect(ok('government', 'add', '--name', PROVINCE)).toMatch(new RegExp(`^已添加政府 ${PROVINCE}（最上级），编号 \\d+\\n$`));
      const first = await listGovernments(store.db);
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ name: PROVINCE, parentId: null });
      const admin = await store.db.selectFrom('users').select('government_id').where('username', '=', 'admin').executeTakeFirstOrThrow();
      expect(admin.government_id, 'the first administrator stays in the government that took the name').toBe(first[0]?.id);

      expect(ok('government', 'add', '--name', CITY, '--parent', PROVINCE)).toMatch(new RegExp(`^已添加政府 ${CITY}（上级：${PROVINCE}），编号 \\d+\\n$`));
      expect(ok('government', 'add', '--name', COUNTY, '--parent', CITY)).toContain(`（上级：${CITY}）`);

      const listed = JSON.parse(ok('government', 'list', '--json')) as { items: Record<string, unknown>[] };
      expect(Object.keys(listed)).toEqual(['items']);
      for (const item of listed.items) expect(Object.keys(item).sort()).toEqual(['id', 'name', 'parentId']);
      for (const item of listed.items) ids.set(item.name as string, item.id as number);
      expect(listed.items).toEqual([
        { id: ids.get(PROVINCE), name: PROVINCE, parentId: null },
        { id: ids.get(CITY), name: CITY, parentId: ids.get(PROVINCE) },
        { id: ids.get(COUNTY), name: COUNTY, parentId: ids.get(CITY) },
      ]);

      const text = ok('government', 'list').trimEnd().split('\n');
      expect(text).toHaveLength(3);
      expect(text[0]).toMatch(new RegExp(`^${PROVINCE}（编号 ${ids.get(PROVINCE)}，用户 1 个，方案 0 个）$`));
      expect(text[1]).toMatch(new RegExp(`^ {2}${CITY}（编号 ${ids.get(CITY)}，`));
      expect(text[2]).toMatch(new RegExp(`^ {4}${COUNTY}（编号 ${ids.get(COUNTY)}，用户 0 个，方案 0 个）$`));
    },
    SLOW,
  );

  it(
    'refuses a name taken, an unknown parent and an empty name with exit 2, writing nothing',
    async () => {
      const before = await rowCounts();
      expect(refused(cli('government', 'add', '--name', COUNTY, '--parent', PROVINCE))).toBe(`luoshi: 已有名为“${COUNTY}”的政府`);
      expect(refused(cli('government', 'add', '--name', '丁县人民政府', '--parent', '戊市人民政府'))).toBe(
        `luoshi: 没有名为“戊市人民政府”的上级政府（已有：${PROVINCE}、${CITY}、${COUNTY}）`,
      );
      expect(refused(cli('government', 'add', '--name', ' '))).toMatch(/政府名称不能为空/);
      expect(await rowCounts()).toEqual(before);
    },
    SLOW,
  );

  it(
    'refuses a command that names no government when there are several, listing them',
    async () => {
      const before = await rowCounts();
      const message = `luoshi: 本系统有多个政府，请用 --government 指明是哪一个（已有：${PROVINCE}、${CITY}、${COUNTY}）`;
      expect(refused(cli('import', samplePath('notice.txt'), '--commit'))).toBe(message);
      expect(refused(cli('user', 'add', '--username', 'nowhere', '--role', 'office', '--password-env', 'COUNTY_PASSWORD'))).toBe(message);
      expect(refused(cli('import', samplePath('notice.txt'), '--commit', '--government', '己县人民政府'))).toMatch(/没有名为“己县人民政府”的政府/);
      expect(await rowCounts()).toEqual(before);
      expect(refused(runCli(['import', samplePath('notice.txt'), '--government', COUNTY], { env: ENV }))).toBe('luoshi: --government 只能与 --commit 一起使用');
    },
    SLOW,
  );

  it(
    'imports a notice with its unit directory into the government named, and only there',
    async () => {
      const out = ok('import', samplePath('notice.txt'), '--units', samplePath('units.json'), '--commit', '--government', COUNTY);
      expect(out).toMatch(/^已导入：.+项任务/);
      const county = ids.get(COUNTY) ?? 0;
      expect(await listPlans(store.db, county)).toHaveLength(1);
      for (const other of [PROVINCE, CITY]) expect(await listPlans(store.db, ids.get(other) ?? 0)).toEqual([]);
      const units = await store.db.selectFrom('units').select(['government_id']).distinct().execute();
      expect(units.map((u) => u.government_id)).toEqual([county]);
      expect(ok('government', 'list')).toContain(`${COUNTY}（编号 ${county}，用户 0 个，方案 1 个）`);
    },
    SLOW,
  );

  it(
    'adds an account in the government named; its sign-in is in that government',
    async () => {
      expect(
        ok(
          'user',
          'add',
          '--username',
          'county-office',
          '--role',
          'office',
          '--name',
          '丙县督查室',
          '--password-env',
          'COUNTY_PASSWORD',
          '--government',
          COUNTY,
        ),
      ).toBe('已创建用户 county-office（督查室）\n');
      const row = await store.db.selectFrom('users').select('government_id').where('username', '=', 'county-office').executeTakeFirstOrThrow();
      expect(row.government_id).toBe(ids.get(COUNTY));

      const app: App = await buildApp({ store, governmentId: ids.get(PROVINCE) ?? 0, files: testFiles(store), webRoot: null });
      try {
        const session = await signIn(app, 'county-office', PASSWORD);
        const government = await call(app, session, 'GET', '/api/government');
        expect(government.statusCode, government.body).toBe(200);
        expect(government.json<{ profile: { name: string } }>().profile.name).toBe(COUNTY);
        const plans = await call(app, session, 'GET', '/api/plans');
        expect(plans.statusCode, plans.body).toBe(200);
        expect(plans.body).toContain('临河区');
      } finally {
        await app.close();
      }

      // An existing account's own government is found by its username (usernames are unique in the deployment).
      expect(ok('user', 'unlock', '--username', 'county-office')).toBe('已解除用户 county-office 的登录锁定\n');
    },
    SLOW,
  );

  it(
    'ticks every government, each named, or the one named',
    () => {
      const all = ok('tick', '--as-of', '2026-04-15');
      for (const name of [PROVINCE, CITY, COUNTY]) expect(all).toContain(`${name}督办作业（2026-04-15）：`);
      const one = ok('tick', '--as-of', '2026-04-15', '--government', CITY);
      expect(one).toMatch(new RegExp(`^${CITY}督办作业（2026-04-15）：\\n`));
      expect(one).not.toContain(PROVINCE);
      expect(refused(cli('tick', '--government', '己县人民政府'))).toMatch(/没有名为“己县人民政府”的政府/);
    },
    SLOW,
  );
});
