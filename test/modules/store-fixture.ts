/** Shared set-up for the module tests: an open, migrated store and row counts per government. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { systemActor, type Actor } from '../../src/domain/actor.js';
import type { Plan } from '../../src/domain/plan.js';
import { importNotice } from '../../src/importer/index.js';
import { createGovernment } from '../../src/modules/government/government.repository.js';
import { sourceOf, type ImportSource } from '../../src/modules/plan/plan-importer.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { Database } from '../../src/store/schema.js';

export async function openMigrated(url: string): Promise<Store> {
  const store = openStore(url);
  await migrateToLatest(store.db);
  return store;
}

/** A government of its own for each test, so tests sharing a database do not see each other's rows. */
export async function freshActor(store: Store, name = '测试区人民政府'): Promise<Actor> {
  const government = await createGovernment(store.db, name);
  return systemActor(government.id, 'test');
}

export interface Notice {
  plan: Plan;
  source: ImportSource;
}

export async function readNotice(path: string): Promise<Notice> {
  const bytes = new Uint8Array(readFileSync(path));
  return { plan: await importNotice(bytes), source: sourceOf(basename(path), bytes) };
}

export async function noticeFromText(name: string, text: string): Promise<Notice> {
  const bytes = new TextEncoder().encode(text);
  return { plan: await importNotice(bytes), source: sourceOf(name, bytes) };
}

const COUNTED = [
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
  'audit_log',
] as const satisfies readonly (keyof Database)[];

export type RowCounts = Record<(typeof COUNTED)[number], number>;

/** Rows of every ledger table that belong to one government. */
export async function countRows(store: Store, governmentId: number): Promise<RowCounts> {
  const counts = {} as RowCounts;
  for (const table of COUNTED) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('government_id', '=', governmentId)
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
