/**
 * Reporting rounds (调度): a round per plan and period, one report per task
 * and responsible unit, the actual values it states and its timeline.
 * Frozen: a change to these tables is a new migration. Imports no application code.
 */
import { PostgresAdapter, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

function table<N extends string>(db: Db, name: N): CreateTableBuilder<N, 'id'> {
  const t = db.schema.createTable(name);
  return isPostgres(db) ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const notNull = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull();
const gov = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().references('governments.id');
const one = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo(1);
const emptyText = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo('');

export async function up(db: Db): Promise<void> {
  await table(db, 'rounds')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('label', 'text', notNull)
    .addColumn('period_end', 'text', notNull)
    .addColumn('due_on', 'text', notNull)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('version', 'integer', one)
    // One round per plan and period: opening "2026-03" twice would ask every unit twice.
    .addUniqueConstraint('rounds_label_unique', ['plan_id', 'label'])
    .execute();

  await table(db, 'reports')
    .addColumn('government_id', 'integer', gov)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', notNull)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('progress', 'text', emptyText)
    .addColumn('problems', 'text', emptyText)
    .addColumn('next_steps', 'text', emptyText)
    .addColumn('confidence', 'text')
    .addColumn('confidence_reason', 'text')
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('reports_unique', ['round_id', 'task_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('report_values')
    .addColumn('government_id', 'integer', gov)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('targets.id'))
    .addColumn('value', 'double precision', notNull)
    .addPrimaryKeyConstraint('report_values_pk', ['report_id', 'target_id'])
    .execute();

  await table(db, 'report_events')
    .addColumn('government_id', 'integer', gov)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('at', 'text', notNull)
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', notNull)
    .addColumn('comment', 'text')
    .execute();

  for (const [name, tbl, cols] of [
    ['rounds_plan_idx', 'rounds', ['plan_id']],
    ['reports_task_idx', 'reports', ['task_id']],
    ['reports_unit_idx', 'reports', ['unit_id']],
    ['report_events_report_idx', 'report_events', ['report_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on(tbl)
      .columns([...cols])
      .execute();
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('the reporting migration cannot be reverted'));
}
