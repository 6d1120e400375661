/** `luoshi user add` and `luoshi user unlock` as the operator runs them, on a temporary SQLite file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../src/modules/session/session.service.js';
import { openDatabase } from '../../../src/startup/open.js';
import { runCli } from '../../helpers/cli.js';
import { freshSqlitePath, removeSqlitePath } from '../../helpers/databases.js';
import { addUnit, ADMIN_PASSWORD, GOOD_PASSWORD, OTHER_PASSWORD } from '../support.js';

const path = freshSqlitePath();

async function withStore<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const opened = await openDatabase(path, { adminUsername: 'admin', adminPassword: ADMIN_PASSWORD, notice: () => undefined });
  try {
    return await work(opened);
  } finally {
    await opened.store.close();
  }
}

function add(args: string[], password: string | undefined = GOOD_PASSWORD) {
  return runCli(['user', 'add', ...args, '--db', path], { env: password === undefined ? {} : { NEW_USER_PASSWORD: password } });
}

function expectOneLineFailure(r: ReturnType<typeof runCli>): string {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+|Error:|node:internal/);
  return lines[0] ?? '';
}

beforeAll(async () => {
  await withStore(({ store, governmentId }) => addUnit(store.db, governmentId, '区教育局', '区教育局简称'));
});
afterAll(() => removeSqlitePath(path));

describe('luoshi user add', () => {
  it('creates a liaison of a unit, reading the password from the named variable', async () => {
    const r = add(['--username', 'jiaoyu.lly', '--role', 'liaison', '--unit', '区教育局', '--name', '教育局联络员', '--password-env', 'NEW_USER_PASSWORD']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('已创建用户 jiaoyu.lly（单位联络员）\n');
    await withStore(async ({ store }) => {
      const user = await store.db.selectFrom('users').selectAll().where('username', '=', 'jiaoyu.lly').executeTakeFirstOrThrow();
      expect(user).toMatchObject({ role: 'liaison', display_name: '教育局联络员', must_change_password: 0 });
      const audit = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('object_id', '=', String(user.id)).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor_username).toMatch(/^cli/);
      expect(await signIn(store.db, { username: 'jiaoyu.lly', password: GOOD_PASSWORD, ip: null, userAgent: null })).toMatchObject({ ok: true });
    });
  });

  it('creates a leader linked by display name, with a password change due', async () => {
    const r = add(['--username', 'li.fqz', '--role', 'leader', '--name', '李副区长', '--password-env', 'NEW_USER_PASSWORD', '--must-change-password']);
    expect(r.status, r.stderr).toBe(0);
    await withStore(async ({ store }) => {
      const user = await store.db.selectFrom('users').selectAll().where('username', '=', 'li.fqz').executeTakeFirstOrThrow();
      const leader = await store.db.selectFrom('leaders').selectAll().where('name', '=', '李副区长').executeTakeFirstOrThrow();
      expect(user).toMatchObject({ role: 'leader', leader_id: leader.id, must_change_password: 1 });
    });
  });

  it.each([
    ['a missing --password-env', ['--username', 'x.one', '--role', 'office'], '缺少参数 --password-env'],
    ['an unknown role', ['--username', 'x.two', '--role', 'boss', '--password-env', 'NEW_USER_PASSWORD'], '未知角色：boss'],
    ['an unknown unit', ['--username', 'x.four', '--role', 'head', '--unit', '不存在局', '--password-env', 'NEW_USER_PASSWORD'], '找不到单位：不存在局'],
    ['a taken username', ['--username', 'admin', '--role', 'office', '--password-env', 'NEW_USER_PASSWORD'], '用户名 admin 已被使用'],
    ['a password given instead of a variable name', ['--username', 'x.five', '--role', 'office', '--password-env', 'Secret!2027pass'], '应为环境变量名'],
  ])('refuses %s in one Chinese line, exit 2', (_title, args, message) => {
    expect(expectOneLineFailure(add(args))).toContain(message);
  });

  it('refuses an unset variable and a weak password', () => {
    expect(expectOneLineFailure(add(['--username', 'x.six', '--role', 'office', '--password-env', 'NO_SUCH_VARIABLE_X'], undefined))).toBe(
      'luoshi: 环境变量 NO_SUCH_VARIABLE_X 未设置或为空',
    );
    expect(expectOneLineFailure(add(['--username', 'x.seven', '--role', 'office', '--password-env', 'NEW_USER_PASSWORD'], 'woaini1314'))).toMatch(
      /^luoshi: 密码不符合要求：/,
    );
  });
});

describe('luoshi user unlock', () => {
  it('lifts a sign-in lock at once', async () => {
    const attempt = (password: string) => ({ username: 'jiaoyu.lly', password, ip: null, userAgent: null });
    await withStore(async ({ store }) => {
      for (let i = 0; i < 5; i++) await signIn(store.db, attempt(OTHER_PASSWORD));
      expect(await signIn(store.db, attempt(GOOD_PASSWORD))).toMatchObject({ ok: false, code: 'locked' });
    });
    const r = runCli(['user', 'unlock', '--username', 'jiaoyu.lly', '--db', path]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('已解除用户 jiaoyu.lly 的登录锁定\n');
    await withStore(async ({ store }) => {
      expect(await signIn(store.db, attempt(GOOD_PASSWORD))).toMatchObject({ ok: true });
      expect(await store.db.selectFrom('audit_log').select('id').where('action', '=', 'user.unlock').execute()).toHaveLength(1);
    });
  });

  it('refuses an unknown username', () => {
    expect(expectOneLineFailure(runCli(['user', 'unlock', '--username', 'nobody.here', '--db', path]))).toBe('luoshi: 找不到用户：nobody.here');
  });
});

describe('luoshi user reset-password', () => {
  it('sets the password from the named variable, to be changed at the next sign-in, with its audit row', async () => {
    const r = runCli(['user', 'reset-password', '--username', 'jiaoyu.lly', '--password-env', 'RESET_PASSWORD', '--db', path], {
      env: { RESET_PASSWORD: 'Reset-By-0perator!42' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('已重置用户 jiaoyu.lly 的密码，下次登录须修改\n');
    await withStore(async ({ store }) => {
      const result = await signIn(store.db, { username: 'jiaoyu.lly', password: 'Reset-By-0perator!42', ip: null, userAgent: null });
      expect(result).toMatchObject({ ok: true, mustChangePassword: true });
      expect(await store.db.selectFrom('audit_log').select('id').where('action', '=', 'user.password.reset').execute()).toHaveLength(1);
    });
  });

  it('refuses a weak password in one line', () => {
    const r = runCli(['user', 'reset-password', '--username', 'jiaoyu.lly', '--password-env', 'RESET_PASSWORD', '--db', path], {
      env: { RESET_PASSWORD: 'password' },
    });
    expect(expectOneLineFailure(r)).toMatch(/^luoshi: 密码不符合要求/);
  });
});
