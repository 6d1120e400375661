/**
 * The government's profile (ADR 0023): the names its documents print, kept by
 * the office in the app instead of an environment variable at first start.
 *
 * - government_profiles: one row per government: its name (济宁市兖州区人民政府),
 *   its region (兖州区), the issuing office (…人民政府办公室), the bulletin's
 *   head mark (版头), the organ code of its number (文号 prefix, 兖政办督) and
 *   the signature (落款). `source` says where the words came from: `notice`
 *   (read from an imported notice's issuer, not yet confirmed) or `person`
 *   (set or confirmed by the office, confirmed_by / confirmed_at). No row: nothing
 *   was read or set yet.
 *
 * Frozen: a change is a new migration. Imports no application code.
 */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const notNull = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull();
const text = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo('');

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('government_profiles')
    .addColumn('government_id', 'integer', (c) => c.primaryKey().references('governments.id'))
    .addColumn('name', 'text', text)
    .addColumn('region', 'text', text)
    .addColumn('office', 'text', text)
    .addColumn('bulletin_mark', 'text', text)
    .addColumn('number_prefix', 'text', text)
    .addColumn('signature', 'text', text)
    // notice, person
    .addColumn('source', 'text', notNull)
    .addColumn('confirmed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', notNull)
    .execute();
}
