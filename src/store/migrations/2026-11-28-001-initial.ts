/**
 * The initial schema. Frozen: a change to the schema is a new migration.
 * Migrations import no application code; they run on SQLite and PostgreSQL.
 */
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

function table<N extends string>(db: Db, name: N): CreateTableBuilder<N, 'id'> {
  const t = db.schema.createTable(name);
  return isPostgres(db) ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const notNull = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull();
const gov = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().references('governments.id');
const zero = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo(0);
const one = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo(1);

export async function up(db: Db): Promise<void> {
  await table(db, 'governments').addColumn('name', 'text', notNull).addColumn('created_at', 'text', notNull).execute();

  await table(db, 'units')
    .addColumn('government_id', 'integer', gov)
    .addColumn('name', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('units_name_unique', ['government_id', 'name'])
    .execute();

  await table(db, 'unit_aliases')
    .addColumn('government_id', 'integer', gov)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('alias', 'text', notNull)
    .addUniqueConstraint('unit_aliases_unique', ['government_id', 'alias'])
    .execute();

  await db.schema
    .createTable('unit_group_members')
    .addColumn('government_id', 'integer', gov)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('unit_group_members_pk', ['group_id', 'member_id'])
    .execute();

  await table(db, 'leaders')
    .addColumn('government_id', 'integer', gov)
    .addColumn('name', 'text', notNull)
    .addColumn('title', 'text')
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('leaders_name_unique', ['government_id', 'name'])
    .execute();

  await table(db, 'plans')
    .addColumn('government_id', 'integer', gov)
    .addColumn('year', 'integer', notNull)
    .addColumn('doc_number', 'text')
    .addColumn('title', 'text', notNull)
    .addColumn('issuer', 'text')
    .addColumn('issued_on', 'text')
    .addColumn('current_version', 'integer', one)
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await table(db, 'plan_versions')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('number', 'integer', notNull)
    .addColumn('source_hash', 'text', notNull)
    .addColumn('source_name', 'text', notNull)
    .addColumn('imported_by', 'integer')
    .addColumn('imported_at', 'text', notNull)
    .addColumn('summary', 'text', notNull)
    .addUniqueConstraint('plan_versions_unique', ['plan_id', 'number'])
    .execute();

  await table(db, 'sections')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('number', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('position', 'integer', notNull)
    .addUniqueConstraint('sections_unique', ['plan_id', 'number'])
    .execute();

  await table(db, 'tasks')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id'))
    .addColumn('key', 'text', notNull)
    .addColumn('number', 'integer', notNull)
    .addColumn('text', 'text', notNull)
    .addColumn('deadline', 'text')
    .addColumn('deadline_text', 'text')
    .addColumn('host_signal', 'text', notNull)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('tasks_key_unique', ['plan_id', 'key'])
    .execute();

  await db.schema
    .createTable('task_leaders')
    .addColumn('government_id', 'integer', gov)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('leader_id', 'integer', (c) => c.notNull().references('leaders.id'))
    .addColumn('position', 'integer', notNull)
    .addPrimaryKeyConstraint('task_leaders_pk', ['task_id', 'leader_id'])
    .execute();

  await db.schema
    .createTable('task_units')
    .addColumn('government_id', 'integer', gov)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', notNull)
    .addColumn('position', 'integer', notNull)
    .addPrimaryKeyConstraint('task_units_pk', ['task_id', 'unit_id'])
    .execute();

  await table(db, 'targets')
    .addColumn('government_id', 'integer', gov)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addColumn('text', 'text', notNull)
    .addColumn('metric', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('value', 'double precision')
    .addColumn('unit', 'text')
    .addColumn('qualifiers', 'text', notNull)
    .addColumn('version', 'integer', one)
    .execute();

  await table(db, 'projects')
    .addColumn('government_id', 'integer', gov)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('stage', 'text', notNull)
    .addColumn('version', 'integer', one)
    .execute();

  await table(db, 'users')
    .addColumn('government_id', 'integer', gov)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', notNull)
    .addColumn('password_hash', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('leader_id', 'integer', (c) => c.references('leaders.id'))
    .addColumn('must_change_password', 'integer', zero)
    .addColumn('disabled', 'integer', zero)
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text', notNull)
    .addColumn('version', 'integer', one)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await table(db, 'login_attempts')
    .addColumn('government_id', 'integer', (c) => c.references('governments.id'))
    .addColumn('username', 'text', notNull)
    .addColumn('at', 'text', notNull)
    .addColumn('success', 'integer', notNull)
    .addColumn('ip', 'text')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('government_id', 'integer', gov)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('last_seen_at', 'text', notNull)
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();

  await table(db, 'audit_log')
    .addColumn('government_id', 'integer', gov)
    .addColumn('seq', 'integer', notNull)
    .addColumn('at', 'text', notNull)
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_username', 'text')
    .addColumn('actor_unit_id', 'integer')
    .addColumn('actor_role', 'text')
    .addColumn('ip', 'text')
    .addColumn('action', 'text', notNull)
    .addColumn('object_type', 'text', notNull)
    .addColumn('object_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', notNull)
    .addColumn('hash', 'text', notNull)
    .addUniqueConstraint('audit_seq_unique', ['government_id', 'seq'])
    .execute();

  for (const [name, tbl, cols] of [
    ['tasks_plan_idx', 'tasks', ['plan_id', 'number']],
    ['task_units_unit_idx', 'task_units', ['unit_id']],
    ['task_leaders_leader_idx', 'task_leaders', ['leader_id']],
    ['targets_task_idx', 'targets', ['task_id']],
    ['projects_task_idx', 'projects', ['task_id']],
    ['login_attempts_user_idx', 'login_attempts', ['username', 'at']],
    ['sessions_user_idx', 'sessions', ['user_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on(tbl)
      .columns([...cols])
      .execute();
  }

  // The audit log is append-only: on SQLite, triggers refuse updates and deletes;
  // on PostgreSQL the application role is granted INSERT and SELECT only (see docs).
  if (!isPostgres(db)) {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  } else {
    await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(
      db,
    );
    await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('the initial migration cannot be reverted'));
}
