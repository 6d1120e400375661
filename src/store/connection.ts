/**
 * Opens the database: embedded SQLite by default (./data/luoshi.db), or
 * PostgreSQL when the address is a postgres:// URL (location.ts). One Kysely
 * type for both.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { DEFAULT_DB_POOL, parseLocation, type DialectName } from './location.js';
import { replicaPool } from './replica.js';
import type { Database } from './schema.js';

export type { DialectName, Location } from './location.js';
export { DEFAULT_DB, parseLocation } from './location.js';

export interface Store {
  db: Kysely<Database>;
  /**
   * For reads that may be a moment behind (exports, dashboards): the standby (LUOSHI_DB_READ) when one is configured,
   * the primary's while it cannot be reached (replica.ts); otherwise `db` itself, so that callers need not branch.
   * Never for a write, nor for a read a write depends on; every read of one answer from the same one (an answer cached
   * by the audit head reads the head where it reads the rest, or the standby's old rows are kept under the primary's
   * new head).
   */
  replica: Kysely<Database>;
  dialect: DialectName;
  /** The SQLite file, for backups; null on PostgreSQL. */
  file: string | null;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Connections in the PostgreSQL pool (LUOSHI_DB_POOL); 10 by default. */
  dbPool?: number;
  /** A PostgreSQL standby for reads that may be a moment behind (LUOSHI_DB_READ); none by default. */
  dbRead?: string;
  /** Where the replica's switches are told (replica.ts); stderr by default. */
  warn?: (line: string) => void;
}

export function openStore(url?: string, options: StoreOptions = {}): Store {
  const location = parseLocation(url);
  const warn = options.warn ?? ((line: string) => void process.stderr.write(`${line}\n`));
  if (location.dialect === 'postgres') return openPostgres(location.target, options.dbPool ?? DEFAULT_DB_POOL, options.dbRead, warn);
  if (options.dbRead !== undefined) warn('只读备库（LUOSHI_DB_READ）只用于 PostgreSQL 主库，SQLite 数据库不使用它');
  return openSqlite(location.target);
}

function openSqlite(path: string): Store {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  configureSqlite(sqlite);
  cacheStatements(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    replica: db,
    dialect: 'sqlite',
    file: file === ':memory:' ? null : file,
    close: () => db.destroy(),
  };
}

/**
 * WAL for concurrent readers, FULL sync so that a committed change survives
 * a power cut, foreign keys on. Recursive triggers on, so that the row an
 * INSERT OR REPLACE would delete fires the delete triggers (the audit log's
 * refuse it). better-sqlite3 reopens a WAL database with
 * synchronous=NORMAL, so the setting is made and checked on every connection.
 */
export function configureSqlite(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('recursive_triggers = ON');
  sqlite.pragma('busy_timeout = 5000');
  const sync = sqlite.pragma('synchronous', { simple: true });
  const fk = sqlite.pragma('foreign_keys', { simple: true });
  if (sync !== 2 || fk !== 1) throw new Error(`SQLite 连接设置失败（synchronous=${String(sync)}, foreign_keys=${String(fk)}）`);
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as
 * running a small query. Statements are kept by their SQL (Kysely compiles to
 * the same text for the same query shape), a bounded number, least recently
 * used dropped first. Kysely runs a statement to completion before the next,
 * so sharing one is safe.
 */
const STATEMENT_CACHE = 256;

function cacheStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit) {
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * How long a query waits for a connection (a free one of the pool, or a new one) before its request is told the
 * database is unavailable: a server that is down refuses at once, but an unreachable host would otherwise hold the
 * request until TCP gives up. Generous, since pg counts the wait for a free connection of a busy pool too.
 */
const CONNECT_TIMEOUT_MS = 30_000;

function openPostgres(url: string, poolSize: number, readUrl: string | undefined, warn: (line: string) => void): Store {
  // Numeric and bigint columns come back as strings by default; ids and counts fit in a double.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  const pool = postgresPool(url, poolSize, CONNECT_TIMEOUT_MS);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (readUrl === undefined || parseLocation(readUrl).dialect !== 'postgres') {
    if (readUrl !== undefined) warn('只读备库（LUOSHI_DB_READ）应为 postgres:// 地址，已忽略');
    return { db, replica: db, dialect: 'postgres', file: null, close: () => db.destroy() };
  }
  // A standby that does not answer soon is passed over for the primary (replica.ts), not waited for.
  const standby = postgresPool(readUrl, poolSize, REPLICA_CONNECT_TIMEOUT_MS);
  const replica = new Kysely<Database>({ dialect: new PostgresDialect({ pool: replicaPool(standby, pool, { warn }) }) });
  return {
    db,
    replica,
    dialect: 'postgres',
    file: null,
    close: async () => {
      await replica.destroy();
      await db.destroy();
    },
  };
}

/** How long a read waits for the standby before the primary serves it. */
const REPLICA_CONNECT_TIMEOUT_MS = 5_000;

function postgresPool(url: string, poolSize: number, connectTimeoutMs: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: connectTimeoutMs });
  // A connection that the server ends (a restart, a failover, pg_terminate_backend) emits 'error'; without a
  // listener that event brings the whole process down. Idle in the pool, the pool drops it and re-emits the error
  // here; lent out (Kysely holds one through a transaction), the client's own listener below takes the event, the
  // query in flight fails (the request answers 503, see store/unavailable.ts) and the pool drops the connection
  // when it comes back unusable. The next query opens a new one.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}
