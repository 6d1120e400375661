/**
 * Restores a backup into a database of either kind. The file is checked in
 * full before the target is opened (checkBackup); then, in one transaction,
 * the target is emptied (only with force), every row is inserted in
 * foreign-key order, and PostgreSQL's sequences are moved past the restored
 * ids. Any failure rolls the whole restore back.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { BackupError, readBackup, type BackupHeader, type Cell } from './backup-format.js';
import { appliedMigrations, type ProgressListener } from './backup.js';
import type { DialectName, Store } from './connection.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import { TABLES, tableSpec, type TableName } from './tables.js';

export interface CheckedBackup {
  file: string;
  header: BackupHeader;
  rows: number;
}

/** Reads the whole file once, so that a bad file is refused before anything is written. */
export async function checkBackup(file: string): Promise<CheckedBackup> {
  let header: BackupHeader | null = null;
  let rows = 0;
  for await (const event of readBackup(file)) {
    if (event.kind === 'header') header = event.header;
    if (event.kind === 'end') rows = event.rows;
  }
  if (header === null) throw new BackupError('备份文件是空的');
  return { file, header, rows };
}

export interface RestoreOptions {
  /** Empty a target that holds data; without it such a target is refused. */
  force?: boolean;
  onProgress?: ProgressListener;
}

export interface RestoreSummary {
  rows: number;
  /** Whether the target held data that the restore replaced. */
  replaced: boolean;
}

export async function restoreBackup(store: Store, backup: CheckedBackup, options: RestoreOptions = {}): Promise<RestoreSummary> {
  await migrateToLatest(store.db);
  checkMigrations(backup.header, await appliedMigrations(store.db));
  return store.db.transaction().execute(async (trx) => {
    const held = await heldData(trx);
    if (held.tables > 0 && options.force !== true) {
      throw new BackupError(
        `目标数据库已有数据（${held.users} 个用户、${held.plans} 个计划，共 ${held.tables} 张表有数据）；恢复会清除这些数据，确需覆盖请加 --force`,
      );
    }
    if (held.tables > 0) await wipe(trx, store.dialect);
    const rows = await insertAll(trx, backup, options.onProgress);
    if (store.dialect === 'postgres') await resetSequences(trx);
    return { rows, replaced: held.tables > 0 };
  });
}

/** The same migrations on both sides means the same tables and columns, and data of the same meaning. */
function checkMigrations(header: BackupHeader, target: string[]): void {
  const unknown = header.migrations.filter((m) => !target.includes(m));
  if (unknown.length > 0) throw new BackupError(`备份来自较新版本的 Luoshi（本程序没有迁移 ${unknown.join('、')}），请升级后再恢复`);
  const missing = target.filter((m) => !header.migrations.includes(m));
  if (missing.length > 0) throw new BackupError(`备份来自较旧版本的 Luoshi（缺少迁移 ${missing.join('、')}），请用备份时的版本恢复`);
}

async function heldData(trx: Transaction<Database>): Promise<{ tables: number; users: number; plans: number }> {
  let tables = 0;
  const count = async (table: TableName): Promise<number> => {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(trx);
    return Number(r.rows[0]?.n ?? 0);
  };
  for (const table of TABLES) {
    const r = await sql`select 1 from ${sql.table(table)} limit 1`.execute(trx);
    if (r.rows.length > 0) tables++;
  }
  return { tables, users: await count('users'), plans: await count('plans') };
}

/**
 * Empties every table. PostgreSQL's TRUNCATE fires no row triggers, so the
 * audit log's append-only trigger stays in place; SQLite has no TRUNCATE, so
 * its triggers are set aside and recreated from their own definitions.
 */
async function wipe(trx: Transaction<Database>, dialect: DialectName): Promise<void> {
  const all = sql.join(TABLES.map((t) => sql.table(t)));
  if (dialect === 'postgres') {
    // The audit log refuses TRUNCATE (migration 2026-12-07-002) unless a restore says so for its own transaction.
    await sql`set local luoshi.restore = 'on'`.execute(trx);
    await sql`truncate ${all} restart identity`.execute(trx);
    return;
  }
  const triggers = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`.execute(trx);
  for (const t of triggers.rows) await sql`drop trigger ${sql.id(t.name)}`.execute(trx);
  for (const table of [...TABLES].reverse()) await sql`delete from ${sql.table(table)}`.execute(trx);
  await sql`delete from sqlite_sequence`.execute(trx);
  for (const t of triggers.rows) await sql.raw(t.sql).execute(trx);
}

/** Rows per insert statement: 500 rows of at most 16 columns stay far below both databases' parameter limits. */
const BATCH = 500;

async function insertAll(trx: Kysely<Database>, backup: CheckedBackup, onProgress?: ProgressListener): Promise<number> {
  let batch: { table: TableName; columns: string[]; rows: Cell[][] } | null = null;
  let done = 0;
  const flush = async (): Promise<void> => {
    if (batch === null || batch.rows.length === 0) return;
    await insertRows(trx, batch.table, batch.columns, batch.rows);
    done += batch.rows.length;
    batch.rows = [];
    await onProgress?.(done, backup.rows);
  };
  // The file is read again here and checked again line by line: a file changed since checkBackup fails and rolls back.
  for await (const event of readBackup(backup.file)) {
    if (event.kind === 'table') {
      await flush();
      batch = { table: event.table, columns: event.columns, rows: [] };
    } else if (event.kind === 'row' && batch !== null) {
      batch.rows.push(event.values);
      if (batch.rows.length >= BATCH) await flush();
    }
  }
  await flush();
  if (done !== backup.rows) throw new BackupError('备份文件在恢复过程中被改动');
  return done;
}

function insertRows(trx: Kysely<Database>, table: TableName, columns: string[], rows: Cell[][]): Promise<unknown> {
  const names = sql.join(columns.map((c) => sql.ref(c)));
  const values = sql.join(rows.map((row) => sql`(${sql.join(row)})`));
  return sql`insert into ${sql.table(table)} (${names}) values ${values}`.execute(trx);
}

/** Restored rows carry their ids; the next id drawn must come after the largest. */
async function resetSequences(trx: Kysely<Database>): Promise<void> {
  for (const table of TABLES) {
    if (!tableSpec(table).sequence) continue;
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 0) + 1, false) from ${sql.table(table)}`.execute(trx);
  }
}
