/**
 * Lists of values bound into one query's `IN (…)` are cut into chunks: SQLite
 * refuses a statement with more than 32,766 variables and PostgreSQL with more
 * than 65,535, and a plan can have tens of thousands of tasks. No query binds
 * more than IN_LIST_MAX values from a list.
 */
export const IN_LIST_MAX = 500;

/** The distinct values in chunks of at most `size`, in their first order. */
export function chunksOf<T>(values: Iterable<T>, size = IN_LIST_MAX): T[][] {
  const distinct = [...new Set(values)];
  const chunks: T[][] = [];
  for (let i = 0; i < distinct.length; i += size) chunks.push(distinct.slice(i, i + size));
  return chunks;
}

/** Runs `read` on each chunk of the distinct values, one after another, and joins the rows in order. */
export async function readInChunks<T, R>(values: Iterable<T>, read: (chunk: T[]) => Promise<R[]>, size = IN_LIST_MAX): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of chunksOf(values, size)) rows.push(...(await read(chunk)));
  return rows;
}
