/** The governments (tenants). A single-government install has exactly one row. */
import { nowIso, type Tx } from '../../store/tx.js';

export interface Government {
  id: number;
  name: string;
}

export const DEFAULT_GOVERNMENT_NAME = '本级人民政府';

/**
 * The first government, created on first use with the given name (the
 * configuration's LUOSHI_GOVERNMENT). Re-reading the first row after inserting
 * means two processes racing on an empty store still agree on one government.
 */
export async function ensureGovernment(db: Tx, name: string = DEFAULT_GOVERNMENT_NAME): Promise<Government> {
  const first = await firstGovernment(db);
  if (first) return first;
  await db.insertInto('governments').values({ name, created_at: nowIso() }).execute();
  const created = await firstGovernment(db);
  if (!created) throw new Error('无法创建政府记录');
  return created;
}

export async function createGovernment(db: Tx, name: string): Promise<Government> {
  const row = await db.insertInto('governments').values({ name, created_at: nowIso() }).returning(['id', 'name']).executeTakeFirstOrThrow();
  return { id: row.id, name: row.name };
}

async function firstGovernment(db: Tx): Promise<Government | null> {
  const row = await db.selectFrom('governments').select(['id', 'name']).orderBy('id').limit(1).executeTakeFirst();
  return row ? { id: row.id, name: row.name } : null;
}

export async function findGovernment(db: Tx, id: number): Promise<Government | null> {
  const row = await db.selectFrom('governments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, name: row.name } : null;
}

/** One trivial read: the database answers (the health check). */
export async function pingDatabase(db: Tx): Promise<void> {
  await db.selectFrom('governments').select('id').limit(1).execute();
}
