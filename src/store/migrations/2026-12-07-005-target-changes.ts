/**
 * Target changes after the first round (指标调整): once a round has asked a
 * task for a report, a change of its targets is a request the task's lead
 * leader decides (the office, for a task without one).
 *
 * - target_change_requests: the proposed change as JSON (`change`: its
 *   operation and the targets it would write), the targets it touches as they
 *   stood when it was proposed (`before`, JSON, with their versions), the
 *   reason, who proposed it, and the decision.
 * - target_change_events: the request's timeline (proposed, approved,
 *   rejected, withdrawn), each with who and a comment.
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

export async function up(db: Db): Promise<void> {
  await table(db, 'target_change_requests')
    .addColumn('government_id', 'integer', gov)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
    // edit, split, merge, add, retire
    .addColumn('op', 'text', notNull)
    .addColumn('change', 'text', notNull)
    .addColumn('before', 'text', notNull)
    .addColumn('reason', 'text', notNull)
    // pending, approved, rejected, withdrawn
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('proposed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('target_change_requests_task_idx').on('target_change_requests').columns(['task_id', 'status']).execute();
  await db.schema.createIndex('target_change_requests_status_idx').on('target_change_requests').columns(['government_id', 'status']).execute();

  await table(db, 'target_change_events')
    .addColumn('government_id', 'integer', gov)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('target_change_requests.id').onDelete('cascade'))
    .addColumn('at', 'text', notNull)
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', notNull)
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('target_change_events_request_idx').on('target_change_events').column('request_id').execute();
}
