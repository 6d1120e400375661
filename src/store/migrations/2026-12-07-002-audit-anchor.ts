/**
 * The audit log's inserts cannot replace a row. SQLite's INSERT OR REPLACE
 * deletes the row it conflicts with without firing delete triggers (unless
 * recursive_triggers is on), so a row could be swapped for another past the
 * append-only triggers: an insert that meets an existing id or seq is now
 * refused before it reaches the conflict. On PostgreSQL, INSERT … ON CONFLICT
 * DO UPDATE already fires the update trigger; TRUNCATE, which fires no row
 * trigger, is refused too, except inside a restore that says so for its own
 * transaction (SET LOCAL luoshi.restore = 'on', store/restore.ts).
 * Frozen: a change is a new migration. Imports no application code.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  if (!isPostgres(db)) {
    await sql`CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
      WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
        OR EXISTS (SELECT 1 FROM audit_log WHERE government_id = NEW.government_id AND seq = NEW.seq)
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    return;
  }
  await sql`CREATE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF coalesce(current_setting('luoshi.restore', true), '') = 'on' THEN RETURN NULL; END IF;
      RAISE EXCEPTION 'audit_log is append-only';
    END $$`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate()`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('the audit anchor migration cannot be reverted'));
}
