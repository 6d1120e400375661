/** The table list of tables.ts against schema.ts (at the type level) and against the migrated databases. */
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { Database } from '../../src/store/schema.js';
import { TABLE_SPECS, TABLES, isTableName, type TableName } from '../../src/store/tables.js';
import { describeEachDatabase, freshSqlitePath, removeSqlitePath } from '../helpers/databases.js';

type Listed<T extends TableName> = (typeof TABLE_SPECS)[T]['columns'][number];
type UnlistedColumns = { [T in TableName]: Exclude<keyof Database[T], Listed<T>> }[TableName];
type KeyOutsideColumns = { [T in TableName]: Exclude<(typeof TABLE_SPECS)[T]['key'][number], Listed<T>> }[TableName];

describe('the table list', () => {
  it('names every table of the Database interface, and nothing else', () => {
    expectTypeOf<Exclude<keyof Database, TableName>>().toBeNever();
    expectTypeOf<TableName>().toEqualTypeOf<keyof Database>();
    expect(new Set(TABLES).size).toBe(TABLES.length);
  });

  it('lists every column of every table, and a key made of listed columns', () => {
    expectTypeOf<UnlistedColumns>().toBeNever();
    expectTypeOf<KeyOutsideColumns>().toBeNever();
    for (const table of TABLES) expect(new Set(TABLE_SPECS[table].columns).size, table).toBe(TABLE_SPECS[table].columns.length);
  });

  it('tells table names from other strings', () => {
    expect(isTableName('audit_log')).toBe(true);
    expect(isTableName('luoshi_migrations')).toBe(false);
    expect(isTableName(undefined)).toBe(false);
  });

  it('puts every table after the tables it references', async () => {
    const path = freshSqlitePath();
    const store = openStore(path);
    try {
      await migrateToLatest(store.db);
      const raw = new SQLite(path, { readonly: true });
      try {
        for (const [i, table] of TABLES.entries()) {
          const refs = raw.pragma(`foreign_key_list(${table})`) as { table: string }[];
          for (const ref of refs) {
            // A row refers to a row of its own table only when that row came first (a government to the one above
            // it, a task from above to its source): rows are read and restored in id order.
            if (ref.table === table) {
              expect(TABLE_SPECS[table].key, `${table} -> ${table}`).toEqual(['id']);
              continue;
            }
            expect(TABLES.indexOf(ref.table as TableName), `${table} -> ${ref.table}`).toBeLessThan(i);
          }
        }
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
      removeSqlitePath(path);
    }
  });
});

describeEachDatabase('the table list against the migrated schema', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = openStore(getUrl());
    await migrateToLatest(store.db);
  });
  afterAll(async () => {
    await store?.close();
  });

  /** The migrator's own tables are not data. */
  const dataTables = async () => (await store.db.introspection.getTables()).filter((t) => !t.name.startsWith('luoshi_migrations'));

  it('has the same tables and columns as the database', async () => {
    const tables = await dataTables();
    const actual = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
    const expected = Object.fromEntries(TABLES.map((t) => [t, [...TABLE_SPECS[t].columns].sort()]));
    expect(actual).toEqual(expected);
  });

  it('marks as sequence tables exactly those whose id is generated', async () => {
    const tables = await dataTables();
    for (const t of tables) {
      const id = t.columns.find((c) => c.name === 'id');
      expect(TABLE_SPECS[t.name as TableName].sequence, t.name).toBe(id?.isAutoIncrementing === true);
    }
  });
});
