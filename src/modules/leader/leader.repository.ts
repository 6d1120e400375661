/** Lead leaders (牵头领导), known by name within a government. */
import type { Tx } from '../../store/tx.js';

export interface Leader {
  id: number;
  name: string;
  title: string | null;
  version: number;
}

/** Ids of the named leaders, creating the ones not yet stored. */
export async function ensureLeaders(trx: Tx, governmentId: number, names: readonly string[], now: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const unique = [...new Set(names)];
  if (unique.length === 0) return ids;
  const rows = await trx.selectFrom('leaders').select(['id', 'name']).where('government_id', '=', governmentId).where('name', 'in', unique).execute();
  for (const r of rows) ids.set(r.name, r.id);
  for (const name of unique) {
    if (ids.has(name)) continue;
    const row = await trx
      .insertInto('leaders')
      .values({ government_id: governmentId, name, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(name, row.id);
  }
  return ids;
}

export async function listLeaders(db: Tx, governmentId: number): Promise<Leader[]> {
  const rows = await db.selectFrom('leaders').select(['id', 'name', 'title', 'version']).where('government_id', '=', governmentId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, title: r.title, version: r.version }));
}
