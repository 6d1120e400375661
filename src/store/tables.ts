/**
 * Every table of the schema, in foreign-key order (a table comes after the
 * tables it references), with the columns a backup carries and the key it is
 * read by. Backups, restores and their tests take the table list from here
 * only; test/store/tables.test.ts checks it against schema.ts (types) and the
 * migrated databases (columns).
 */
import type { Database } from './schema.js';

export const TABLES = [
  'governments',
  'units',
  'unit_aliases',
  'unit_group_members',
  'leaders',
  'plans',
  'plan_versions',
  'sections',
  'tasks',
  'task_leaders',
  'task_units',
  'targets',
  'projects',
  'users',
  'login_attempts',
  'sessions',
  'plan_settings',
  'schedules',
  'rounds',
  'reports',
  'report_values',
  'report_events',
  'work_plans',
  'work_plan_milestones',
  'work_plan_values',
  'report_milestones',
  'attachments',
  'extension_requests',
  'notifications',
  'deliveries',
  'orders',
  'target_progress',
  'task_progress',
  'unit_punctuality',
  'task_lights',
  'audit_log',
] as const satisfies readonly (keyof Database)[];

export type TableName = (typeof TABLES)[number];

export type ColumnName<T extends TableName> = keyof Database[T] & string;

export interface TableSpec<T extends TableName> {
  /** The primary key: pages are read in its order. */
  key: readonly ColumnName<T>[];
  /** True when `id` is drawn from a sequence (serial on PostgreSQL) that a restore must move past. */
  sequence: boolean;
  columns: readonly ColumnName<T>[];
}

export const TABLE_SPECS = {
  governments: { key: ['id'], sequence: true, columns: ['id', 'name', 'created_at'] },
  units: { key: ['id'], sequence: true, columns: ['id', 'government_id', 'name', 'kind', 'version', 'created_at', 'updated_at'] },
  unit_aliases: { key: ['id'], sequence: true, columns: ['id', 'government_id', 'unit_id', 'alias'] },
  unit_group_members: { key: ['group_id', 'member_id'], sequence: false, columns: ['government_id', 'group_id', 'member_id'] },
  leaders: { key: ['id'], sequence: true, columns: ['id', 'government_id', 'name', 'title', 'version', 'created_at', 'updated_at'] },
  plans: {
    key: ['id'],
    sequence: true,
    columns: ['id', 'government_id', 'year', 'doc_number', 'title', 'issuer', 'issued_on', 'current_version', 'version', 'created_at', 'updated_at'],
  },
  plan_versions: {
    key: ['id'],
    sequence: true,
    columns: ['id', 'government_id', 'plan_id', 'number', 'source_hash', 'source_name', 'imported_by', 'imported_at', 'summary'],
  },
  sections: { key: ['id'], sequence: true, columns: ['id', 'government_id', 'plan_id', 'number', 'title', 'position'] },
  tasks: {
    key: ['id'],
    sequence: true,
    columns: [
      'id',
      'government_id',
      'plan_id',
      'section_id',
      'key',
      'number',
      'text',
      'deadline',
      'deadline_text',
      'host_signal',
      'status',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  task_leaders: { key: ['task_id', 'leader_id'], sequence: false, columns: ['government_id', 'task_id', 'leader_id', 'position'] },
  task_units: { key: ['task_id', 'unit_id'], sequence: false, columns: ['government_id', 'task_id', 'unit_id', 'role', 'position'] },
  targets: {
    key: ['id'],
    sequence: true,
    columns: ['id', 'government_id', 'plan_id', 'task_id', 'position', 'text', 'metric', 'kind', 'value', 'unit', 'qualifiers', 'version', 'retired_at'],
  },
  projects: { key: ['id'], sequence: true, columns: ['id', 'government_id', 'task_id', 'position', 'name', 'stage', 'version'] },
  users: {
    key: ['id'],
    sequence: true,
    columns: [
      'id',
      'government_id',
      'username',
      'display_name',
      'password_hash',
      'role',
      'unit_id',
      'leader_id',
      'must_change_password',
      'disabled',
      'locked_until',
      'password_changed_at',
      'version',
      'created_at',
      'updated_at',
      'email',
    ],
  },
  login_attempts: { key: ['id'], sequence: true, columns: ['id', 'government_id', 'username', 'at', 'success', 'ip'] },
  sessions: {
    key: ['id'],
    sequence: false,
    columns: ['id', 'government_id', 'user_id', 'csrf_token', 'created_at', 'last_seen_at', 'ip', 'user_agent'],
  },
  rounds: {
    key: ['id'],
    sequence: true,
    columns: ['id', 'government_id', 'plan_id', 'kind', 'label', 'period_end', 'due_on', 'status', 'created_by', 'created_at', 'version', 'task_ids', 'schedule_id', 'closed_by', 'closed_at'],
  },
  reports: {
    key: ['id'],
    sequence: true,
    columns: [
      'id',
      'government_id',
      'round_id',
      'task_id',
      'unit_id',
      'role',
      'status',
      'progress',
      'problems',
      'next_steps',
      'confidence',
      'confidence_reason',
      'author_id',
      'approved_by',
      'approved_at',
      'submitted_at',
      'accepted_at',
      'returned_at',
      'return_count',
      'version',
      'created_at',
      'updated_at',
      'propose_complete',
    ],
  },
  report_values: { key: ['report_id', 'target_id'], sequence: false, columns: ['government_id', 'report_id', 'target_id', 'value'] },
  report_events: { key: ['id'], sequence: true, columns: ['id', 'government_id', 'report_id', 'at', 'actor_user_id', 'action', 'comment'] },
  plan_settings: { key: ['plan_id'], sequence: false, columns: ['government_id', 'plan_id', 'settings', 'version', 'updated_by', 'updated_at'] },
  schedules: {
    key: ['id'],
    sequence: true,
    columns: ['id', 'government_id', 'plan_id', 'task_id', 'kind', 'due_day', 'due_offset', 'active', 'version', 'created_at', 'updated_at'],
  },
  work_plans: {
    key: ['id'],
    sequence: true,
    columns: [
      'id',
      'government_id',
      'task_id',
      'unit_id',
      'revision',
      'status',
      'measures',
      'co_parts',
      'author_id',
      'submitted_at',
      'decided_by',
      'decided_at',
      'decision_comment',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  work_plan_milestones: { key: ['id'], sequence: true, columns: ['id', 'government_id', 'work_plan_id', 'position', 'due_on', 'title', 'unit_id'] },
  work_plan_values: { key: ['work_plan_id', 'target_id', 'period_end'], sequence: false, columns: ['government_id', 'work_plan_id', 'target_id', 'period_end', 'value'] },
  report_milestones: { key: ['report_id', 'milestone_id'], sequence: false, columns: ['government_id', 'report_id', 'milestone_id', 'reached_on'] },
  attachments: {
    key: ['id'],
    sequence: true,
    columns: ['id', 'government_id', 'report_id', 'file_name', 'media_type', 'size', 'checksum', 'uploaded_by', 'created_at'],
  },
  extension_requests: {
    key: ['id'],
    sequence: true,
    columns: [
      'id',
      'government_id',
      'task_id',
      'unit_id',
      'requested_by',
      'reason',
      'from_deadline',
      'to_deadline',
      'status',
      'decided_by',
      'decided_at',
      'decision_comment',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  notifications: {
    key: ['id'],
    sequence: true,
    columns: ['id', 'government_id', 'user_id', 'kind', 'title', 'body', 'object_type', 'object_id', 'dedupe_key', 'created_at', 'read_at'],
  },
  deliveries: {
    key: ['id'],
    sequence: true,
    columns: ['id', 'government_id', 'notification_id', 'channel', 'address', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'],
  },
  orders: {
    key: ['id'],
    sequence: true,
    columns: [
      'id',
      'government_id',
      'plan_id',
      'task_id',
      'unit_id',
      'serial',
      'grade',
      'reason',
      'source',
      'rule_key',
      'issued_by',
      'issued_at',
      'respond_by',
      'status',
      'signed_by',
      'signed_at',
      'response',
      'responded_by',
      'responded_at',
      'closed_by',
      'closed_at',
      'close_comment',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  target_progress: { key: ['target_id'], sequence: false, columns: ['government_id', 'target_id', 'plan_id', 'task_id', 'value', 'period_end', 'report_id', 'updated_at'] },
  task_progress: {
    key: ['task_id'],
    sequence: false,
    columns: ['government_id', 'task_id', 'plan_id', 'confidence', 'confidence_reason', 'report_id', 'period_end', 'reported_at', 'propose_complete', 'updated_at'],
  },
  unit_punctuality: { key: ['plan_id', 'unit_id'], sequence: false, columns: ['government_id', 'plan_id', 'unit_id', 'owed', 'on_time', 'late', 'returned'] },
  task_lights: { key: ['task_id', 'as_of'], sequence: false, columns: ['government_id', 'plan_id', 'task_id', 'as_of', 'round_id', 'light'] },
  audit_log: {
    key: ['id'],
    sequence: true,
    columns: [
      'id',
      'government_id',
      'seq',
      'at',
      'actor_user_id',
      'actor_username',
      'actor_unit_id',
      'actor_role',
      'ip',
      'action',
      'object_type',
      'object_id',
      'before',
      'after',
      'prev_hash',
      'hash',
    ],
  },
} as const satisfies { readonly [T in TableName]: TableSpec<T> };

/** A table's spec with plain string column names, for code that handles any table (backups). */
export interface AnyTableSpec {
  key: readonly string[];
  sequence: boolean;
  columns: readonly string[];
}

export const tableSpec = (table: TableName): AnyTableSpec => TABLE_SPECS[table];

export const isTableName = (name: unknown): name is TableName => typeof name === 'string' && (TABLES as readonly string[]).includes(name);
