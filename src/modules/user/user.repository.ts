/**
 * Accounts in the database. Rows become `User`, which never carries the
 * password hash: the hash is read only by `findSignIn` and `findPasswordHash`,
 * for verification.
 */
import { sql } from 'kysely';
import { isRole, type Role } from '../../domain/roles.js';
import type { UserRow, UserTable } from '../../store/schema.js';
import { preparedQuery } from '../../store/prepared.js';
import type { Tx } from '../../store/tx.js';
import type { Insertable, Updateable } from 'kysely';

export interface User {
  id: number;
  governmentId: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  leaderId: number | null;
  mustChangePassword: boolean;
  disabled: boolean;
  /** End of the last sign-in lock; failures before it no longer count (see session/lockout.ts). */
  lockedUntil: string | null;
  passwordChangedAt: string;
  /** Where e-mail reminders go; null: in-app only. */
  email: string | null;
  /** The role waits for the security administrator's grant: until then the account may only change its password. */
  rolePending: boolean;
  /** Who granted the role and when; null for roles set up by the operator at the console. */
  roleGrantedBy: number | null;
  roleGrantedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** How callers name an account: by id (HTTP) or by username (CLI). */
export type UserRef = { id: number } | { username: string };

export function toUser(row: UserRow): User {
  if (!isRole(row.role)) throw new Error(`用户 ${row.username} 的角色无效：${row.role}`);
  return {
    id: row.id,
    governmentId: row.government_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    leaderId: row.leader_id,
    mustChangePassword: row.must_change_password === 1,
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until,
    passwordChangedAt: row.password_changed_at,
    email: row.email,
    rolePending: row.role_pending === 1,
    roleGrantedBy: row.role_granted_by,
    roleGrantedAt: row.role_granted_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findUser(db: Tx, governmentId: number, ref: UserRef): Promise<User | undefined> {
  let q = db.selectFrom('users').selectAll().where('government_id', '=', governmentId);
  q = 'id' in ref ? q.where('id', '=', ref.id) : q.where('username', '=', ref.username);
  const row = await q.executeTakeFirst();
  return row && toUser(row);
}

const userById = preparedQuery((db, id: number) => db.selectFrom('users').selectAll().where('id', '=', id));

/** Runs on every authenticated request: compiled once. */
export async function findUserById(db: Tx, id: number): Promise<User | undefined> {
  const [row] = await userById(db, id);
  return row && toUser(row);
}

/** Usernames are unique across the installation, so sign-in needs no government. */
export async function findSignIn(db: Tx, username: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function findPasswordHash(db: Tx, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash;
}

/** Case-insensitive, so that "Admin" cannot be created beside "admin" to mislead. */
export async function usernameTaken(db: Tx, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export async function countUsers(db: Tx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Tx, values: Insertable<UserTable>): Promise<User> {
  return toUser(await db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow());
}

/** Applies the change and moves the row's version on. */
export async function updateUser(db: Tx, id: number, patch: Updateable<UserTable> & { updated_at: string }): Promise<User> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** Whether the government already knows a leader of that name (the link is made by leader.repository's ensureLeaders). */
export async function findLeaderByName(db: Tx, governmentId: number, name: string): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('leaders').select(['id', 'name']).where('government_id', '=', governmentId).where('name', '=', name).executeTakeFirst();
}

/** Every account of the government, by username. */
export async function listUsers(db: Tx, governmentId: number): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().where('government_id', '=', governmentId).orderBy('username').execute();
  return rows.map(toUser);
}
