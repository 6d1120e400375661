/** Runs the frozen migrations in order; the list is static so that builds carry it. */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/2026-11-28-001-initial.js';
import * as reporting from './migrations/2026-11-29-001-reporting.js';
import * as supervision from './migrations/2026-11-29-002-supervision.js';
import * as bulletins from './migrations/2026-11-29-003-bulletins.js';
import * as roleGrants from './migrations/2026-12-07-001-role-grants.js';
import * as auditAnchor from './migrations/2026-12-07-002-audit-anchor.js';
import * as pointInTime from './migrations/2026-12-07-003-point-in-time.js';
import * as targetChanges from './migrations/2026-12-07-005-target-changes.js';
import * as governmentProfile from './migrations/2026-12-07-006-government-profile.js';
import * as planArchive from './migrations/2026-12-07-007-plan-archive.js';
import * as governmentTree from './migrations/2026-12-07-008-government-tree.js';
import * as dashboardAggregates from './migrations/2026-12-07-009-dashboard-aggregates.js';
import type { Database } from './schema.js';

const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28-001-initial': initial,
  '2026-11-29-001-reporting': reporting,
  '2026-11-29-002-supervision': supervision,
  '2026-11-29-003-bulletins': bulletins,
  '2026-12-07-001-role-grants': roleGrants,
  '2026-12-07-002-audit-anchor': auditAnchor,
  '2026-12-07-003-point-in-time': pointInTime,
  '2026-12-07-005-target-changes': targetChanges,
  '2026-12-07-006-government-profile': governmentProfile,
  '2026-12-07-007-plan-archive': planArchive,
  '2026-12-07-008-government-tree': governmentTree,
  '2026-12-07-009-dashboard-aggregates': dashboardAggregates,
};

class StaticProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(MIGRATIONS);
  }
}

const MIGRATION_TABLE = 'luoshi_migrations';

/**
 * The database's schema is missing or older than this version, and this
 * account may not change it (PostgreSQL's application role has no DDL rights
 * by design, docs/operations.md): the owner must run `luoshi migrate`.
 */
export class SchemaNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaNotReadyError';
  }
}

export const SCHEMA_MISSING_MESSAGE = '数据库尚未初始化：请以属主角色运行 luoshi migrate';
export const SCHEMA_OUTDATED_MESSAGE = '数据库结构需要升级：请以属主角色运行 luoshi migrate';

export interface MigrationOutcome {
  /** The migrations this call applied, in order; empty when the schema was already current. */
  applied: string[];
  /** All migrations this version knows. */
  known: number;
}

/** The migrations recorded as run, or null when the record table does not exist (an empty database). */
async function recordedMigrations(db: Kysely<Database>): Promise<Set<string> | null> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return null;
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  return new Set(rows.map((r) => r.name));
}

/** PostgreSQL's insufficient_privilege, raised when an account without DDL rights tries to change the schema. */
const isPermissionDenied = (err: unknown): boolean => (err as { code?: unknown }).code === '42501';

/**
 * Brings the schema to this version. A current schema is only read, never
 * written: the application role, which may not run DDL, opens a database the
 * owner has migrated. A schema that needs work and an account that may not
 * do it give SchemaNotReadyError.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const known = Object.keys(MIGRATIONS).length;
  const recorded = await recordedMigrations(db);
  if (recorded !== null && Object.keys(MIGRATIONS).every((name) => recorded.has(name))) return { applied: [], known };
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: 'luoshi_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined && isPermissionDenied(error)) throw new SchemaNotReadyError(recorded === null ? SCHEMA_MISSING_MESSAGE : SCHEMA_OUTDATED_MESSAGE);
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), known };
}
