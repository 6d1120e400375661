/**
 * Opens the store ready for use: migrated, with its government, and with an
 * administrator on first run. There is never a default password: the first
 * administrator's password comes from LUOSHI_ADMIN_PASSWORD or is drawn at
 * random, printed once, and must be changed at the first sign-in. Nor a
 * default username, which would let anyone who knows it lock the account out
 * (or aim guesses at it): the username comes from LUOSHI_ADMIN_USERNAME or is
 * drawn at random (admin-xxxxxx) and printed. Only `luoshi demo` names it admin.
 */
import { randomBytes } from 'node:crypto';
import { systemActor } from '../domain/actor.js';
import type { AuditAnchorConfig } from '../modules/audit/anchor.config.js';
import { anchorPaths, openAuditAnchor } from '../modules/audit/audit-anchor.js';
import { DEFAULT_GOVERNMENT_NAME, ensureGovernment } from '../modules/government/government.repository.js';
import { UserError } from '../modules/user/user.errors.js';
import { countUsers } from '../modules/user/user.repository.js';
import { checkUsername } from '../modules/user/user-rules.js';
import { openStore, type Store, type StoreOptions } from '../store/connection.js';
import { migrateToLatest } from '../store/migrate.js';

/** The demo's first administrator; elsewhere the name is chosen at set-up or drawn at random. */
export const FIRST_ADMIN_USERNAME = 'admin';

export interface OpenedDatabase {
  store: Store;
  governmentId: number;
  /** Set when this call created the first administrator; `password` only when it was drawn at random. */
  createdAdmin?: { username: string; password?: string };
}

/** Named as in Config (src/config.ts), so that a command passes its configuration as it is. */
export interface OpenOptions extends StoreOptions {
  /** The government's name on first run (LUOSHI_GOVERNMENT); none by default (the office sets it in the app, ADR 0023). */
  government?: string;
  /** The first administrator's username (LUOSHI_ADMIN_USERNAME); drawn at random and shown when absent. */
  adminUsername?: string;
  /** The first administrator's password (LUOSHI_ADMIN_PASSWORD); drawn at random and shown once when absent. */
  adminPassword?: string;
  /** Where the one-time password and the audit anchor's warnings are shown; defaults to stderr. */
  notice?: (line: string) => void;
  /**
   * The audit anchor (LUOSHI_AUDIT_*): given, the log's end is checkpointed after each change and when the store
   * closes (ADR 0015). The doors pass their configuration's; `luoshi audit verify` passes none, so that checking
   * never writes a checkpoint.
   */
  audit?: AuditAnchorConfig;
}

export async function openDatabase(url?: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const store = openStore(url, options);
  try {
    await migrateToLatest(store.db);
    const governmentId = (await ensureGovernment(store.db, options.government ?? DEFAULT_GOVERNMENT_NAME)).id;
    const notice = options.notice ?? ((line: string) => void process.stderr.write(`${line}\n`));
    // Anchored before the first administrator's row: a new database starts its checkpoints empty, even where the key is shared.
    if (options.audit !== undefined) await anchorStore(store, url, options.audit, notice);
    const createdAdmin = await ensureFirstAdmin(store, governmentId, { username: options.adminUsername, password: options.adminPassword }, notice);
    return createdAdmin ? { store, governmentId, createdAdmin } : { store, governmentId };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * Checkpoints the store's audit log from now on (modules/audit/audit-anchor.ts); the store's close writes the
 * last checkpoint first. For the doors that open a store without openDatabase (`luoshi import --commit`).
 */
export async function anchorStore(store: Store, url: string | undefined, audit: AuditAnchorConfig, notice: (line: string) => void): Promise<void> {
  const paths = anchorPaths(url, audit);
  if (paths === null) return;
  const anchor = await openAuditAnchor(store.db, paths, audit, notice);
  const close = store.close.bind(store);
  store.close = async () => {
    await anchor.close();
    await close();
  };
}

async function ensureFirstAdmin(
  store: Store,
  governmentId: number,
  given: { username: string | undefined; password: string | undefined },
  notice: (line: string) => void,
): Promise<{ username: string; password?: string } | undefined> {
  if ((await countUsers(store.db)) > 0) return undefined;
  // Loaded only here: a database that has its administrator (every start but the first) needs no password rules.
  const [{ PASSWORD_RULES_TEXT, passwordProblems }, { generatePassword }] = await Promise.all([
    import('../modules/user/password-policy.js'),
    import('../modules/user/password.js'),
  ]);
  const username = given.username === undefined || given.username === '' ? drawAdminUsername() : checkedAdminUsername(given.username);
  if (given.password !== undefined && given.password !== '') {
    const problems = passwordProblems(given.password, { username });
    if (problems.length > 0) {
      throw new Error(`环境变量 LUOSHI_ADMIN_PASSWORD 中的管理员密码不符合要求：${problems.join('；')}（要求：${PASSWORD_RULES_TEXT}）`);
    }
    if (!(await createAdmin(store, governmentId, username, given.password, false))) return undefined;
    if (given.username === undefined || given.username === '') notice(`已创建管理员账号 ${username}，密码取自环境变量 LUOSHI_ADMIN_PASSWORD`);
    return { username };
  }
  const password = generatePassword(username);
  if (!(await createAdmin(store, governmentId, username, password, true))) return undefined;
  notice(`已创建管理员账号 ${username}，初始密码：${password} 首次登录后必须修改`);
  return { username, password };
}

/** admin- and six random letters and digits: not a name an attacker can count on. */
function drawAdminUsername(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return `admin-${[...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

function checkedAdminUsername(value: string): string {
  try {
    return checkUsername(value);
  } catch (err) {
    if (err instanceof UserError) throw new Error(`环境变量 LUOSHI_ADMIN_USERNAME 中的管理员用户名无效：${err.message}`, { cause: err });
    throw err;
  }
}

/** False when another process created the administrator first. */
async function createAdmin(store: Store, governmentId: number, username: string, password: string, mustChangePassword: boolean): Promise<boolean> {
  const { createUser } = await import('../modules/user/user.service.js');
  try {
    await createUser(store.db, systemActor(governmentId), {
      username,
      role: 'office',
      displayName: '管理员',
      password,
      mustChangePassword,
    });
    return true;
  } catch (err) {
    if (err instanceof UserError && err.code === 'username_taken') return false;
    throw err;
  }
}
