/**
 * Bulletins (通报): a draft holds the period's figures frozen as JSON when it
 * is made (or remade); issuing numbers it and stores the rendered .docx (and
 * a PDF where LibreOffice is installed) in the file store by checksum, so an
 * issued bulletin never changes. Frozen: a change is a new migration.
 * Imports no application code.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const t = db.schema.createTable('bulletins');
  await (isPostgres(db) ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('government_id', 'integer', (c) => c.notNull().references('governments.id'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('serial', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('remarks', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('docx_checksum', 'text')
    .addColumn('docx_size', 'integer')
    .addColumn('pdf_checksum', 'text')
    .addColumn('pdf_size', 'integer')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .addColumn('issued_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bulletins_serial_unique', ['plan_id', 'serial'])
    .execute();
  await db.schema.createIndex('bulletins_plan_idx').on('bulletins').columns(['plan_id', 'period']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('the bulletins migration cannot be reverted'));
}
