/**
 * A year the office can defend (issue: right numbers from a real notice).
 *
 * - targets: what a target is (`scope`: annual, long_term, capacity, scale,
 *   project), whether it is measured against time progress (`measured`), how
 *   several units' values combine (`combine`: sum or per_unit), and when it
 *   came into force (`created_at`; null: with its notice's import).
 * - target_owners: the units that own a target (none listed: all its task's
 *   host units share it).
 * - target_revisions: every change of a target after its import, with the
 *   target before and after, so that a past date is judged on the targets as
 *   they stood then.
 * - reports: when a report was first sent (`first_sent_at`: a host's first
 *   submission, a co-unit's first approval) and when it was voided
 *   (`voided_at`), so that what was known on a past date can be read back.
 * - tasks: when a task was completed (销号), cleared when it is reopened.
 *
 * Existing rows are filled from what the database already holds (the reports'
 * timelines). Frozen: a change is a new migration. Imports no application code.
 */
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

function table<N extends string>(db: Db, name: N): CreateTableBuilder<N, 'id'> {
  const t = db.schema.createTable(name);
  return isPostgres(db) ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('targets')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('annual'))
    .execute();
  await db.schema
    .alterTable('targets')
    .addColumn('measured', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('targets')
    .addColumn('combine', 'text', (c) => c.notNull().defaultTo('sum'))
    .execute();
  await db.schema.alterTable('targets').addColumn('created_at', 'text').execute();
  await sql`UPDATE targets SET combine = 'per_unit'
    WHERE kind IN ('growth_rate', 'level', 'reduction') OR unit IN ('%', '％', '个百分点', '百分点', '‰', '倍')`.execute(db);

  await db.schema
    .createTable('target_owners')
    .addColumn('government_id', 'integer', (c) => c.notNull().references('governments.id'))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('targets.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('target_owners_pk', ['target_id', 'unit_id'])
    .execute();

  await table(db, 'target_revisions')
    .addColumn('government_id', 'integer', (c) => c.notNull().references('governments.id'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('targets.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    // What changed: retype, rename, measure, exclude, split, merge, add, retire, owners, edit.
    .addColumn('change', 'text', (c) => c.notNull())
    // The target as JSON before the change (null: it did not exist) and after (null: retired).
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    // The 指标调整 request the change carried out, when it needed one.
    .addColumn('request_id', 'integer')
    .execute();
  await db.schema.createIndex('target_revisions_target_idx').on('target_revisions').columns(['target_id', 'at']).execute();
  await db.schema.createIndex('target_revisions_task_idx').on('target_revisions').columns(['task_id', 'at']).execute();

  await db.schema.alterTable('reports').addColumn('first_sent_at', 'text').execute();
  await db.schema.alterTable('reports').addColumn('voided_at', 'text').execute();
  await sql`UPDATE reports SET first_sent_at = (
      SELECT MIN(e.at) FROM report_events e
      WHERE e.report_id = reports.id AND e.action = CASE WHEN reports.role = 'host' THEN 'submit' ELSE 'approve' END)`.execute(db);
  await sql`UPDATE reports SET voided_at = (SELECT MAX(e.at) FROM report_events e WHERE e.report_id = reports.id AND e.action = 'void')
    WHERE status = 'voided'`.execute(db);
  await db.schema.createIndex('reports_task_status_idx').on('reports').columns(['task_id', 'status']).execute();

  await db.schema.alterTable('tasks').addColumn('completed_at', 'text').execute();
  await sql`UPDATE tasks SET completed_at = updated_at WHERE status = 'completed'`.execute(db);
}
