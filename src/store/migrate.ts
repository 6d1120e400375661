/** Runs the frozen migrations in order; the list is static so that builds carry it. */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/2026-11-28-001-initial.js';
import * as reporting from './migrations/2026-11-29-001-reporting.js';
import * as supervision from './migrations/2026-11-29-002-supervision.js';
import * as bulletins from './migrations/2026-11-29-003-bulletins.js';
import * as roleGrants from './migrations/2026-12-07-001-role-grants.js';
import * as auditAnchor from './migrations/2026-12-07-002-audit-anchor.js';
import type { Database } from './schema.js';

const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28-001-initial': initial,
  '2026-11-29-001-reporting': reporting,
  '2026-11-29-002-supervision': supervision,
  '2026-11-29-003-bulletins': bulletins,
  '2026-12-07-001-role-grants': roleGrants,
  '2026-12-07-002-audit-anchor': auditAnchor,
};

class StaticProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(MIGRATIONS);
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(),
    migrationTableName: 'luoshi_migrations',
    migrationLockTableName: 'luoshi_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
}
