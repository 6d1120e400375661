/**
 * Plans archived (归档): an older year's plan kept for reading, closed to
 * new work.
 *
 * - plans: when it was archived (`archived_at`; null: in use), by whom
 *   (`archived_by`, a user's id, like plan_versions.imported_by) and why (`archive_reason`). Restoring clears
 *   the three.
 *
 * Frozen: a change is a new migration. Imports no application code.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('plans').addColumn('archived_at', 'text').execute();
  await db.schema.alterTable('plans').addColumn('archived_by', 'integer').execute();
  await db.schema.alterTable('plans').addColumn('archive_reason', 'text').execute();
}
