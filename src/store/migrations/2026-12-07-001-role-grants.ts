/**
 * Role grants (三员分立): an account the system administrator creates, or
 * whose role they change, holds its role only once the security
 * administrator grants it. `role_pending` 1 means the role is requested and
 * not yet in force; the grant records who granted it and when. Accounts that
 * exist already keep their roles (pending 0). Sign-in throttling by source
 * address reads the attempts by address, hence the index. Frozen: a change is
 * a new migration. Imports no application code.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('role_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The granting administrator's id, kept without a foreign key: a table that references itself would
  // break the order in which backups restore tables (each after those it references).
  await db.schema.alterTable('users').addColumn('role_granted_by', 'integer').execute();
  await db.schema.alterTable('users').addColumn('role_granted_at', 'text').execute();
  await db.schema.createIndex('login_attempts_ip_idx').on('login_attempts').columns(['ip', 'at']).execute();
}
