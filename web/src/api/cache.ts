/** Small writes into the query cache that several resource modules share. */
import type { QueryClient, QueryKey } from '@tanstack/react-query';

/** Replaces the object with the same id in every cached list (`{ items }`) under `key`; lists without it are left alone. */
export function replaceInLists<T extends { id: number }>(client: QueryClient, key: QueryKey, item: T): void {
  client.setQueriesData<{ items: T[] }>({ queryKey: key }, (list) =>
    list && list.items.some((x) => x.id === item.id) ? { ...list, items: list.items.map((x) => (x.id === item.id ? item : x)) } : list,
  );
}
