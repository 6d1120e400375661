/**
 * The supervision cycle: plan settings and reporting schedules, the units'
 * work plans (细化分解) with milestones and planned values, what reports add
 * (milestones reached, attachments, 销号 proposals), extension requests,
 * notifications and their deliveries, supervision orders (督办单), and the
 * aggregates the dashboard reads (latest values, punctuality, light history).
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
const zero = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo(0);
const emptyText = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo('');
const user = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.references('users.id');
const ref =
  (target: string) =>
  (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    c.notNull().references(target);
const owned =
  (target: string) =>
  (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    c.notNull().references(target).onDelete('cascade');

export async function up(db: Db): Promise<void> {
  // One row per plan: thresholds, reminders, order rules and the scoring scheme, as JSON.
  await db.schema
    .createTable('plan_settings')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', (c) => c.primaryKey().references('plans.id'))
    .addColumn('settings', 'text', notNull)
    .addColumn('version', 'integer', one)
    .addColumn('updated_by', 'integer', user)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  // When reports are due: per plan (task_id null) or for one task, overriding the plan's.
  await table(db, 'schedules')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', ref('plans.id'))
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('due_day', 'integer', notNull)
    .addColumn('due_offset', 'text', (c) => c.notNull().defaultTo('same'))
    .addColumn('active', 'integer', one)
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  // A round may cover only some tasks (JSON array of task ids; null: all), and is closed by the office.
  await db.schema.alterTable('rounds').addColumn('task_ids', 'text').execute();
  await db.schema
    .alterTable('rounds')
    .addColumn('schedule_id', 'integer', (c) => c.references('schedules.id'))
    .execute();
  await db.schema.alterTable('rounds').addColumn('closed_by', 'integer', user).execute();
  await db.schema.alterTable('rounds').addColumn('closed_at', 'text').execute();
  // A target a revised notice dropped, kept because reports, plans or aggregates refer to it.
  await db.schema.alterTable('targets').addColumn('retired_at', 'text').execute();
  // Where e-mail reminders go, when SMTP is configured.
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  // The unit proposes the task complete (销号) in its report; only the office closes the task.
  await db.schema.alterTable('reports').addColumn('propose_complete', 'integer', zero).execute();

  await table(db, 'work_plans')
    .addColumn('government_id', 'integer', gov)
    .addColumn('task_id', 'integer', ref('tasks.id'))
    .addColumn('unit_id', 'integer', ref('units.id'))
    .addColumn('revision', 'integer', notNull)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('measures', 'text', emptyText)
    .addColumn('co_parts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('author_id', 'integer', user)
    .addColumn('submitted_at', 'text')
    .addColumn('decided_by', 'integer', user)
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('work_plans_revision_unique', ['task_id', 'revision'])
    .execute();

  await table(db, 'work_plan_milestones')
    .addColumn('government_id', 'integer', gov)
    .addColumn('work_plan_id', 'integer', owned('work_plans.id'))
    .addColumn('position', 'integer', notNull)
    .addColumn('due_on', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .execute();

  await db.schema
    .createTable('work_plan_values')
    .addColumn('government_id', 'integer', gov)
    .addColumn('work_plan_id', 'integer', owned('work_plans.id'))
    .addColumn('target_id', 'integer', ref('targets.id'))
    .addColumn('period_end', 'text', notNull)
    .addColumn('value', 'double precision', notNull)
    .addPrimaryKeyConstraint('work_plan_values_pk', ['work_plan_id', 'target_id', 'period_end'])
    .execute();

  await db.schema
    .createTable('report_milestones')
    .addColumn('government_id', 'integer', gov)
    .addColumn('report_id', 'integer', owned('reports.id'))
    .addColumn('milestone_id', 'integer', ref('work_plan_milestones.id'))
    .addColumn('reached_on', 'text', notNull)
    .addPrimaryKeyConstraint('report_milestones_pk', ['report_id', 'milestone_id'])
    .execute();

  // Evidence files live outside the database, by their checksum; the row keeps name, type, size and checksum.
  await table(db, 'attachments')
    .addColumn('government_id', 'integer', gov)
    .addColumn('report_id', 'integer', ref('reports.id'))
    .addColumn('file_name', 'text', notNull)
    .addColumn('media_type', 'text', notNull)
    .addColumn('size', 'integer', notNull)
    .addColumn('checksum', 'text', notNull)
    .addColumn('uploaded_by', 'integer', user)
    .addColumn('created_at', 'text', notNull)
    .execute();

  await table(db, 'extension_requests')
    .addColumn('government_id', 'integer', gov)
    .addColumn('task_id', 'integer', ref('tasks.id'))
    .addColumn('unit_id', 'integer', ref('units.id'))
    .addColumn('requested_by', 'integer', user)
    .addColumn('reason', 'text', notNull)
    .addColumn('from_deadline', 'text')
    .addColumn('to_deadline', 'text', notNull)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('decided_by', 'integer', user)
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  // One notification per user and dedupe key: a reminder issued twice, by two processes or two runs, is one row.
  await table(db, 'notifications')
    .addColumn('government_id', 'integer', gov)
    .addColumn('user_id', 'integer', owned('users.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('body', 'text', emptyText)
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'integer')
    .addColumn('dedupe_key', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notifications_dedupe_unique', ['user_id', 'dedupe_key'])
    .execute();

  await table(db, 'deliveries')
    .addColumn('government_id', 'integer', gov)
    .addColumn('notification_id', 'integer', owned('notifications.id'))
    .addColumn('channel', 'text', notNull)
    .addColumn('address', 'text', notNull)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', zero)
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('deliveries_unique', ['notification_id', 'channel'])
    .execute();

  // 督办单. rule_key names the rule and occasion of an order issued by rule: at most one per key.
  await table(db, 'orders')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', ref('plans.id'))
    .addColumn('task_id', 'integer', ref('tasks.id'))
    .addColumn('unit_id', 'integer', ref('units.id'))
    .addColumn('serial', 'integer', notNull)
    .addColumn('grade', 'text', notNull)
    .addColumn('reason', 'text', notNull)
    .addColumn('source', 'text', notNull)
    .addColumn('rule_key', 'text')
    .addColumn('issued_by', 'integer', user)
    .addColumn('issued_at', 'text', notNull)
    .addColumn('respond_by', 'text', notNull)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('issued'))
    .addColumn('signed_by', 'integer', user)
    .addColumn('signed_at', 'text')
    .addColumn('response', 'text')
    .addColumn('responded_by', 'integer', user)
    .addColumn('responded_at', 'text')
    .addColumn('closed_by', 'integer', user)
    .addColumn('closed_at', 'text')
    .addColumn('close_comment', 'text')
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('orders_serial_unique', ['plan_id', 'serial'])
    .addUniqueConstraint('orders_rule_unique', ['government_id', 'rule_key'])
    .execute();

  // Aggregates, written in the transaction of the report step that changes them.
  await db.schema
    .createTable('target_progress')
    .addColumn('government_id', 'integer', gov)
    .addColumn('target_id', 'integer', (c) => c.primaryKey().references('targets.id'))
    .addColumn('plan_id', 'integer', ref('plans.id'))
    .addColumn('task_id', 'integer', ref('tasks.id'))
    .addColumn('value', 'double precision', notNull)
    .addColumn('period_end', 'text', notNull)
    .addColumn('report_id', 'integer', ref('reports.id'))
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('task_progress')
    .addColumn('government_id', 'integer', gov)
    .addColumn('task_id', 'integer', (c) => c.primaryKey().references('tasks.id'))
    .addColumn('plan_id', 'integer', ref('plans.id'))
    .addColumn('confidence', 'text')
    .addColumn('confidence_reason', 'text')
    .addColumn('report_id', 'integer', (c) => c.references('reports.id'))
    .addColumn('period_end', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('propose_complete', 'integer', zero)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('unit_punctuality')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', ref('plans.id'))
    .addColumn('unit_id', 'integer', ref('units.id'))
    .addColumn('owed', 'integer', zero)
    .addColumn('on_time', 'integer', zero)
    .addColumn('late', 'integer', zero)
    .addColumn('returned', 'integer', zero)
    .addPrimaryKeyConstraint('unit_punctuality_pk', ['plan_id', 'unit_id'])
    .execute();

  // Each task's light at the end of each closed round's period: trends, and red months for the assessment.
  await db.schema
    .createTable('task_lights')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', ref('plans.id'))
    .addColumn('task_id', 'integer', ref('tasks.id'))
    .addColumn('as_of', 'text', notNull)
    .addColumn('round_id', 'integer', (c) => c.references('rounds.id'))
    .addColumn('light', 'text', notNull)
    .addPrimaryKeyConstraint('task_lights_pk', ['task_id', 'as_of'])
    .execute();

  for (const [name, tbl, cols] of [
    ['schedules_plan_idx', 'schedules', ['plan_id']],
    ['work_plans_task_idx', 'work_plans', ['task_id']],
    ['work_plan_milestones_plan_idx', 'work_plan_milestones', ['work_plan_id']],
    ['attachments_report_idx', 'attachments', ['report_id']],
    ['extension_requests_task_idx', 'extension_requests', ['task_id']],
    ['notifications_user_idx', 'notifications', ['user_id', 'read_at']],
    ['deliveries_status_idx', 'deliveries', ['status']],
    ['orders_task_idx', 'orders', ['task_id']],
    ['orders_unit_idx', 'orders', ['unit_id']],
    ['target_progress_plan_idx', 'target_progress', ['plan_id']],
    ['task_progress_plan_idx', 'task_progress', ['plan_id']],
    ['task_lights_plan_idx', 'task_lights', ['plan_id', 'as_of']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on(tbl)
      .columns([...cols])
      .execute();
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('the supervision migration cannot be reverted'));
}
