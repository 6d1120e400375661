/**
 * Online backup: every table read inside one read transaction, so the file
 * is a snapshot of one moment while the server keeps writing. On SQLite (WAL)
 * a deferred BEGIN holds the snapshot taken at its first read; on PostgreSQL
 * REPEATABLE READ does the same. Tables are read in pages by key and streamed
 * through gzip, so memory does not grow with the database.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, endLine, headerLine, rowLine, tableLine, toCell, type BackupHeader, type Cell } from './backup-format.js';
import type { Store } from './connection.js';
import type { Database } from './schema.js';
import { TABLES, tableSpec, type AnyTableSpec, type TableName } from './tables.js';

/** Called after each page with rows done and the total; the backup waits for it. */
export type ProgressListener = (done: number, total: number) => void | Promise<void>;

export interface BackupOptions {
  /** Rows read per query. */
  pageSize?: number;
  onProgress?: ProgressListener;
  clock?: () => Date;
}

export interface BackupSummary {
  header: BackupHeader;
  rows: number;
  tables: Record<TableName, number>;
}

const DEFAULT_PAGE = 1000;

/** Writes the backup to `file.partial` and renames it at the end, so a failed backup leaves no file that looks whole. */
export async function writeBackup(store: Store, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    const summary = await inSnapshot(store, async (conn) => {
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: (options.clock ?? (() => new Date()))().toISOString(),
        dialect: store.dialect,
        migrations: await appliedMigrations(conn),
      };
      const tables = await countTables(conn);
      const lines = backupLines(conn, header, tables, options);
      // Mode 600: the file holds password hashes.
      await pipeline(Readable.from(lines), createGzip(), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      return { header, rows: sum(tables), tables };
    });
    await rename(partial, file);
    return summary;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

async function inSnapshot<T>(store: Store, work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
  const begin = store.dialect === 'postgres' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN DEFERRED';
  return store.db.connection().execute(async (conn) => {
    await sql.raw(begin).execute(conn);
    // Nothing was written: rolling back just ends the snapshot.
    const end = () => sql.raw('ROLLBACK').execute(conn);
    let result: T;
    try {
      result = await work(conn);
    } catch (err) {
      await end().catch(() => undefined); // the first error is the one to report
      throw err;
    }
    await end();
    return result;
  });
}

/** The migrations applied to a database; none means it was never opened by Luoshi. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'luoshi_migrations')) throw new BackupError('数据库尚未初始化（没有 Luoshi 的数据表）');
  const rows = await sql<{ name: string }>`select name from luoshi_migrations order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function countTables(conn: Kysely<Database>): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  for (const table of TABLES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(conn);
    counts[table] = Number(r.rows[0]?.n ?? 0);
  }
  return counts;
}

async function* backupLines(conn: Kysely<Database>, header: BackupHeader, counts: Record<TableName, number>, options: BackupOptions): AsyncGenerator<string> {
  const total = sum(counts);
  let done = 0;
  yield headerLine(header);
  for (const table of TABLES) {
    const spec = tableSpec(table);
    yield tableLine(table, spec.columns);
    for await (const page of pages(conn, table, spec, options.pageSize ?? DEFAULT_PAGE)) {
      yield page.map((row) => rowLine(spec.columns.map((c) => toCell(row[c], `${table}.${c}`)))).join('');
      done += page.length;
      await options.onProgress?.(done, total);
    }
  }
  yield endLine(done);
}

type Row = Record<string, unknown>;

/** A table in key order, one page per query: each page starts after the last key of the one before. */
async function* pages(conn: Kysely<Database>, table: TableName, spec: AnyTableSpec, size: number): AsyncGenerator<Row[]> {
  const columns = sql.join(spec.columns.map((c) => sql.ref(c)));
  const key = sql.join(spec.key.map((c) => sql.ref(c)));
  let after: Cell[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after === null ? sql`` : sql`where (${key}) > (${sql.join(after)})`;
    const { rows } = await sql<Row>`select ${columns} from ${sql.table(table)} ${where} order by ${key} limit ${size}`.execute(conn);
    if (rows.length > 0) yield rows;
    const last: Row | undefined = rows[rows.length - 1];
    if (last === undefined || rows.length < size) return;
    after = spec.key.map((c): Cell => toCell(last[c], `${table}.${c}`));
  }
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
