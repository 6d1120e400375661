/**
 * Queries on the hot path of every request (the session, its user, the audit
 * head) are built and compiled once per database dialect, then run with new
 * parameters: Kysely's building and compiling cost more than the lookups
 * themselves. Repositories define them; nothing else touches Kysely.
 */
import type { CompiledQuery, Compilable, Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Tx } from './tx.js';

const SENTINEL = '\u0000luoshi-param-';

/**
 * `build` receives placeholders for the arguments and must use each as a
 * query parameter (in a where clause, not as an identifier or a limit).
 */
export function preparedQuery<Args extends readonly unknown[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: Tx, ...args: Args) => Promise<Row[]> {
  const compiled = new WeakMap<object, { query: CompiledQuery<Row>; slots: number[] }>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let entry = compiled.get(adapter);
    if (!entry) {
      const placeholders = args.map((_, i) => `${SENTINEL}${i}`) as unknown as Args;
      const query = build(db, ...placeholders).compile();
      const slots = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(SENTINEL) ? Number(p.slice(SENTINEL.length)) : -1));
      entry = { query, slots };
      compiled.set(adapter, entry);
    }
    const { query, slots } = entry;
    const parameters = slots.map((slot, i) => (slot === -1 ? query.parameters[i] : args[slot]));
    const result = await db.executeQuery<Row>({ ...query, parameters });
    return result.rows;
  };
}
