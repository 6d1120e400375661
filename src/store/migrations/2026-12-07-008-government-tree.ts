/**
 * Many governments in one deployment (province → city → county → town), and
 * tasks handed down from one to another.
 *
 * - governments: the government above (`parent_id`; null: the top of its tree).
 * - tasks: the upper government's task an assigned task answers (`source_task_id`) and that government
 *   (`source_government_id`); null for a government's own tasks.
 * - targets: the upper task's target a share was cut from (`source_target_id`).
 * - task_assignments: one row per upper task and lower government it was handed down to (下达), with the
 *   task it became in the lower government's ledger; `government_id` is the assigning (upper) government.
 * - task_links: tasks of the lower government's own notice that take up an assignment (承接), confirmed by its
 *   office; `government_id` is the lower government.
 *
 * Frozen: a change is a new migration. Imports no application code.
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
const task = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().references('tasks.id');

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('governments')
    .addColumn('parent_id', 'integer', (c) => c.references('governments.id'))
    .execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('source_task_id', 'integer', (c) => c.references('tasks.id'))
    .execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('source_government_id', 'integer', (c) => c.references('governments.id'))
    .execute();
  await db.schema
    .alterTable('targets')
    .addColumn('source_target_id', 'integer', (c) => c.references('targets.id'))
    .execute();

  await table(db, 'task_assignments')
    .addColumn('government_id', 'integer', gov)
    .addColumn('source_task_id', 'integer', task)
    .addColumn('assignee_government_id', 'integer', gov)
    .addColumn('task_id', 'integer', task)
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', notNull)
    .addUniqueConstraint('task_assignments_unique', ['source_task_id', 'assignee_government_id'])
    .execute();

  await table(db, 'task_links')
    .addColumn('government_id', 'integer', gov)
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('task_assignments.id'))
    .addColumn('task_id', 'integer', task)
    .addColumn('confirmed_by', 'integer')
    .addColumn('confirmed_at', 'text', notNull)
    .addUniqueConstraint('task_links_unique', ['assignment_id', 'task_id'])
    .execute();

  await db.schema.createIndex('governments_parent_idx').on('governments').column('parent_id').execute();
  await db.schema.createIndex('tasks_source_idx').on('tasks').column('source_task_id').execute();
  await db.schema.createIndex('task_assignments_assignee_idx').on('task_assignments').columns(['assignee_government_id', 'task_id']).execute();
  await db.schema.createIndex('task_links_task_idx').on('task_links').column('task_id').execute();
}
