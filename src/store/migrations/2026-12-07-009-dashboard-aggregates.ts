/**
 * Kept dashboard aggregates (驾驶舱): per government, plan and date, the
 * lights of every task and their counts, so that a dashboard is read, not
 * computed from every task on each request.
 *
 * - dashboard_snapshots: one per government, plan and date; `head_seq` is the
 *   audit row of the government the snapshot reflects (everything up to it),
 *   `summary` the counts by light, section, leader and unit with each unit's
 *   punctuality (JSON, bounded by the number of groups, not of tasks).
 * - dashboard_lights: one row per task of the snapshot, with its notice order
 *   (`position`), the order of the lagging list (`lag_sort`: red 1, yellow 2,
 *   others 9; then `lag_behind`, the points behind negated, so that one
 *   ascending index serves the list worst first) and what the dashboard shows
 *   of it (`body`, JSON).
 *
 * Derived data: both can be dropped and recomputed from the ledger at any time.
 * Frozen: a change is a new migration. Imports no application code.
 */
import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
const notNull = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull();

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('dashboard_snapshots')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('government_id', 'integer', (c) => c.notNull().references('governments.id'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('as_of', 'text', notNull)
    .addColumn('head_seq', 'integer', notNull)
    .addColumn('summary', 'text', notNull)
    .addColumn('computed_at', 'text', notNull)
    .addUniqueConstraint('dashboard_snapshots_unique', ['government_id', 'plan_id', 'as_of'])
    .execute();
  await db.schema
    .createTable('dashboard_lights')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('dashboard_snapshots.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', notNull)
    .addColumn('position', 'integer', notNull)
    .addColumn('light', 'text', notNull)
    .addColumn('lag_sort', 'integer', notNull)
    .addColumn('lag_behind', pg ? 'double precision' : 'real', notNull)
    .addColumn('body', 'text', notNull)
    .addUniqueConstraint('dashboard_lights_unique', ['snapshot_id', 'task_id'])
    .execute();
  await db.schema.createIndex('dashboard_lights_order_idx').on('dashboard_lights').columns(['snapshot_id', 'position']).execute();
  await db.schema.createIndex('dashboard_lights_lagging_idx').on('dashboard_lights').columns(['snapshot_id', 'lag_sort', 'lag_behind', 'position']).execute();
}
