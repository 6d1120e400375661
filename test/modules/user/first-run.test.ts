/** openDatabase on an empty store: government, migrations and the first administrator, never with a default password. */
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../../../src/modules/session/session.service.js';
import { passwordProblems } from '../../../src/modules/user/password-policy.js';
import { openDatabase } from '../../../src/startup/open.js';
import { freshSqlitePath, removeSqlitePath } from '../../helpers/databases.js';
import { ADMIN_PASSWORD } from '../support.js';

const paths: string[] = [];
const freshPath = (): string => {
  const path = freshSqlitePath();
  paths.push(path);
  return path;
};
afterEach(() => {
  for (const path of paths.splice(0)) removeSqlitePath(path);
});

const attempt = (password: string, username = 'admin') => ({ username, password, ip: null, userAgent: null });

describe('openDatabase on first run', () => {
  it('creates the government and an office administrator with a random username and password, shown once', async () => {
    const path = freshPath();
    const lines: string[] = [];
    const first = await openDatabase(path, { government: '临河区人民政府', notice: (l) => lines.push(l) });
    try {
      const username = first.createdAdmin?.username ?? '';
      const password = first.createdAdmin?.password ?? '';
      expect(username).toMatch(/^admin-[a-z2-9]{6}$/);
      expect(passwordProblems(password, { username })).toEqual([]);
      expect(lines).toEqual([`已创建管理员账号 ${username}，初始密码：${password} 首次登录后必须修改`]);
      const government = await first.store.db.selectFrom('governments').selectAll().executeTakeFirstOrThrow();
      expect(government).toMatchObject({ id: first.governmentId, name: '临河区人民政府' });
      const admin = await first.store.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(admin).toMatchObject({ username, role: 'office', must_change_password: 1, role_pending: 0 });
      expect(await signIn(first.store.db, attempt(password))).toMatchObject({ ok: false, code: 'invalid_credentials' });
      const signedIn = await signIn(first.store.db, attempt(password, username));
      expect(signedIn).toMatchObject({ ok: true, mustChangePassword: true });
      expect(await first.store.db.selectFrom('audit_log').select('action').where('action', '=', 'user.create').execute()).toHaveLength(1);
    } finally {
      await first.store.close();
    }
    const again = await openDatabase(path, { notice: (l) => lines.push(l) });
    try {
      expect(again.createdAdmin).toBeUndefined();
      expect(again.governmentId).toBe(first.governmentId);
      expect(lines).toHaveLength(1);
    } finally {
      await again.store.close();
    }
  });

  it('draws a different username for each new installation', async () => {
    const names = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const opened = await openDatabase(freshPath(), { adminPassword: ADMIN_PASSWORD, notice: () => undefined });
      names.add(opened.createdAdmin?.username ?? '');
      await opened.store.close();
    }
    expect(names.size).toBe(3);
  });

  it('takes the username from LUOSHI_ADMIN_USERNAME and the password from LUOSHI_ADMIN_PASSWORD, printing nothing', async () => {
    const lines: string[] = [];
    const opened = await openDatabase(freshPath(), { adminUsername: 'dcs_wang', adminPassword: ADMIN_PASSWORD, notice: (l) => lines.push(l) });
    try {
      expect(opened.createdAdmin).toEqual({ username: 'dcs_wang' });
      expect(lines).toEqual([]);
      expect(await signIn(opened.store.db, attempt(ADMIN_PASSWORD, 'dcs_wang'))).toMatchObject({ ok: true, mustChangePassword: false });
      const government = await opened.store.db.selectFrom('governments').select('name').executeTakeFirstOrThrow();
      // No name until one is given, read from a notice or set by the office (ADR 0023): never a placeholder.
      expect(government.name).toBe('');
    } finally {
      await opened.store.close();
    }
  });

  it('names the drawn username when only the password was given', async () => {
    const lines: string[] = [];
    const opened = await openDatabase(freshPath(), { adminPassword: ADMIN_PASSWORD, notice: (l) => lines.push(l) });
    try {
      expect(lines).toEqual([`已创建管理员账号 ${opened.createdAdmin?.username}，密码取自环境变量 LUOSHI_ADMIN_PASSWORD`]);
    } finally {
      await opened.store.close();
    }
  });

  it('refuses a bad LUOSHI_ADMIN_USERNAME with a clear message, creating no account', async () => {
    const path = freshPath();
    await expect(openDatabase(path, { adminUsername: 'a b', adminPassword: ADMIN_PASSWORD, notice: () => undefined })).rejects.toThrow(
      /^环境变量 LUOSHI_ADMIN_USERNAME 中的管理员用户名无效/,
    );
  });

  it('fails with a clear message when LUOSHI_ADMIN_PASSWORD breaks the policy, creating no account', async () => {
    const path = freshPath();
    await expect(openDatabase(path, { adminUsername: 'admin', adminPassword: 'admin123', notice: () => undefined })).rejects.toThrow(
      /^环境变量 LUOSHI_ADMIN_PASSWORD 中的管理员密码不符合要求：密码至少需要 12 个字符/,
    );
    const opened = await openDatabase(path, { adminPassword: ADMIN_PASSWORD, notice: () => undefined });
    try {
      expect(opened.createdAdmin?.username).toMatch(/^admin-/);
      expect(await opened.store.db.selectFrom('users').select('id').execute()).toHaveLength(1);
    } finally {
      await opened.store.close();
    }
  });
});
