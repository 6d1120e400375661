/**
 * The one versioned update: the row changes only if it is still at the
 * version it was read at, and its version moves on by one, so a concurrent
 * writer is never overwritten. Repositories map their change to columns and
 * call this; the audit module's `auditedUpdate` adds the audit row.
 */
import type { UpdateObject } from 'kysely';
import type { Database } from './schema.js';
import type { Tx } from './tx.js';

/** The tables whose rows carry a version: by id, or (plan_settings) by a key of their own. */
export type VersionedTable = {
  [T in keyof Database]: Database[T] extends { version: unknown } ? T : never;
}[keyof Database];

type Timestamped = { [T in VersionedTable]: Database[T] extends { updated_at: unknown } ? T : never }[VersionedTable];

/** The versioned tables without an update time (their rows say when in columns of their own, e.g. closed_at). */
const UNTIMED: ReadonlySet<VersionedTable> = new Set<Exclude<VersionedTable, Timestamped>>(['rounds', 'targets', 'projects']);

/** A row as it was read: its id (or its key columns) and its version. */
export type VersionedRow = { version: number } & ({ id: number } | { key: Readonly<Record<string, number>> });

/** The columns a change may set: anything but the key and the version, which this helper owns. */
export type VersionedSet<T extends VersionedTable> = Omit<UpdateObject<Database, T>, 'id' | 'version' | 'updated_at' | 'government_id'>;

/** True when the row was at `row.version` and now holds the change at version + 1; false when someone changed it first. */
export async function updateAtVersion<T extends VersionedTable>(trx: Tx, table: T, row: VersionedRow, set: VersionedSet<T>, now: string): Promise<boolean> {
  // The table is a type parameter, which Kysely's builder cannot narrow: the columns are checked by the signature above.
  const result = await trx
    .updateTable(table as 'reports')
    .set({ ...(set as object), version: row.version + 1, ...(UNTIMED.has(table) ? {} : { updated_at: now }) })
    .where((eb) => eb.and(Object.entries('id' in row ? { id: row.id } : row.key).map(([column, value]) => eb(column as 'id', '=', value))))
    .where('version', '=', row.version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
