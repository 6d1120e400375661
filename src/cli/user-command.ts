/**
 * `luoshi user add`, `luoshi user unlock` and `luoshi user reset-password`: the operator's door to the
 * account services, run on the server. Each works in one government (`--government NAME`; the only one by
 * default); an account belongs to the government it was added in. Usernames are unique in the deployment, so
 * unlock and reset-password find the account's own government when none is named. Passwords are read from a named
 * environment variable, never from the command line, where `ps` and the
 * shell history would show them.
 */
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { environmentValue, type Config } from '../config.js';
import { systemActor, type Actor } from '../domain/actor.js';
import { ROLE_LABELS, ROLES } from '../domain/roles.js';
import { UserError } from '../modules/user/user.errors.js';
import type { OpenedDatabase } from '../startup/open.js';
import { commandConfig } from './command-config.js';
import { dbUrl } from './db-option.js';
import { commandGovernment, governmentOption } from './government-command.js';
import { CliError } from './output.js';

interface AddFlags {
  username?: string;
  role?: string;
  unit?: string;
  name?: string;
  passwordEnv?: string;
  mustChangePassword?: boolean;
  email?: string;
  db?: string;
  government?: string;
}

interface ResetFlags {
  username?: string;
  passwordEnv?: string;
  db?: string;
  government?: string;
}

interface UnlockFlags {
  username?: string;
  db?: string;
  government?: string;
}

const DB_HELP = '数据库：文件路径或 postgres:// 地址（默认取环境变量 LUOSHI_DB，否则 ./data/luoshi.db）';
const ROLE_HELP = `角色：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}`;

export function registerUser(program: Command): void {
  const user = program.command('user').description('管理用户账号（在服务器上由运维人员使用）');
  user
    .command('add')
    .description('创建用户账号')
    .option('--username <用户名>', '3–32 个字母、数字、汉字或 _ . -')
    .option('--role <角色>', ROLE_HELP)
    .option('--unit <单位>', '所属单位的名称或简称（单位负责人、单位联络员必填）')
    .option('--name <显示名>', '默认同用户名；牵头领导请填写通知中的姓名')
    .option('--password-env <变量名>', '从这个环境变量读取初始密码')
    .option('--must-change-password', '首次登录后必须修改密码')
    .option('--email <邮箱>', '接收提醒邮件的地址（配置了邮件服务器时发送）')
    .option('--db <地址>', DB_HELP)
    .addOption(governmentOption())
    .action(async (flags: AddFlags) => {
      const config = commandConfig();
      const username = required(flags.username, '--username');
      const role = required(flags.role, '--role');
      const password = passwordFrom(required(flags.passwordEnv, '--password-env'));
      await withDatabase(dbUrl(flags, config), config, { name: flags.government }, async ({ store }, actor) => {
        const { createUser } = await import('../modules/user/user.service.js');
        const created = await createUser(store.db, actor, {
          username,
          role,
          password,
          ...(flags.name === undefined ? {} : { displayName: flags.name }),
          ...(flags.unit === undefined ? {} : { unitName: flags.unit }),
          ...(flags.email === undefined ? {} : { email: flags.email }),
          mustChangePassword: flags.mustChangePassword === true,
        });
        process.stdout.write(`已创建用户 ${created.username}（${ROLE_LABELS[created.role]}）\n`);
      });
    });
  user
    .command('unlock')
    .description('解除账号因连续登录失败而产生的锁定')
    .option('--username <用户名>', '要解锁的用户名')
    .option('--db <地址>', DB_HELP)
    .addOption(governmentOption())
    .action(async (flags: UnlockFlags) => {
      const config = commandConfig();
      const username = required(flags.username, '--username');
      await withDatabase(dbUrl(flags, config), config, { name: flags.government, username }, async ({ store }, actor) => {
        const { unlockUser } = await import('../modules/user/user.service.js');
        await unlockUser(store.db, actor, { username });
        process.stdout.write(`已解除用户 ${username} 的登录锁定\n`);
      });
    });
  registerResetPassword(user);
}

function registerResetPassword(user: Command): void {
  user
    .command('reset-password')
    .description('重置密码（如唯一的安全管理员忘记了密码）：新密码从环境变量读取，下次登录须修改，该账号的登录全部结束')
    .option('--username <用户名>', '要重置密码的用户名')
    .option('--password-env <变量名>', '从这个环境变量读取新密码')
    .option('--db <地址>', DB_HELP)
    .addOption(governmentOption())
    .action(async (flags: ResetFlags) => {
      const config = commandConfig();
      const username = required(flags.username, '--username');
      const newPassword = passwordFrom(required(flags.passwordEnv, '--password-env'));
      await withDatabase(dbUrl(flags, config), config, { name: flags.government, username }, async ({ store }, actor) => {
        const { resetPassword } = await import('../modules/user/user.service.js');
        await resetPassword(store.db, actor, { user: { username }, newPassword });
        process.stdout.write(`已重置用户 ${username} 的密码，下次登录须修改\n`);
      });
    });
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new CliError(`缺少参数 ${flag}`);
  return value;
}

function passwordFrom(variable: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) throw new CliError(`--password-env 应为环境变量名（如 NEW_PASSWORD），不是密码本身`);
  const value = environmentValue(variable);
  if (value === undefined || value === '') throw new CliError(`环境变量 ${variable} 未设置或为空`);
  return value;
}

/**
 * Opens the database, runs the work as the operator in the government named (else the only one; for an existing
 * account's `username`, else that account's own), and turns refusals into one-line errors.
 */
async function withDatabase(
  url: string,
  config: Config,
  government: { name: string | undefined; username?: string },
  work: (opened: OpenedDatabase, actor: Actor) => Promise<void>,
): Promise<void> {
  const [{ openDatabase }, { findSignIn }] = await Promise.all([import('../startup/open.js'), import('../modules/user/user.repository.js')]);
  let opened: OpenedDatabase;
  try {
    opened = await openDatabase(url, config);
  } catch (err) {
    throw new CliError(`无法打开数据库：${firstLine(err)}`);
  }
  try {
    const own = government.name === undefined && government.username !== undefined ? await findSignIn(opened.store.db, government.username.trim()) : undefined;
    const governmentId = own ? own.user.governmentId : (await commandGovernment(opened.store.db, government.name)).id;
    await work(opened, systemActor(governmentId, operatorName()));
  } catch (err) {
    if (err instanceof UserError) throw new CliError(err.message);
    throw err;
  } finally {
    await opened.store.close();
  }
}

/** Who ran the command, for the audit log. */
function operatorName(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
