/**
 * The governments of one deployment as a tree (province → city → county →
 * town): who is above whom. Pure: the lists come from the store.
 */

export interface TreeNode {
  id: number;
  parentId: number | null;
}

/** The governments above `id`, nearest first; a cycle (never written, ADR 0031) ends the walk. */
export function ancestorIds(nodes: readonly TreeNode[], id: number): number[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: number[] = [];
  const seen = new Set([id]);
  let parent = byId.get(id)?.parentId ?? null;
  while (parent !== null && !seen.has(parent)) {
    out.push(parent);
    seen.add(parent);
    parent = byId.get(parent)?.parentId ?? null;
  }
  return out;
}

/** The governments below `id`, at any depth, in tree order (each after its parent). */
export function descendantIds(nodes: readonly TreeNode[], id: number): number[] {
  const children = new Map<number, number[]>();
  for (const n of nodes) if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out: number[] = [];
  const seen = new Set([id]);
  const walk = (at: number): void => {
    for (const child of children.get(at) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
      walk(child);
    }
  };
  walk(id);
  return out;
}

/** Whether `lower` is below `upper`, at any depth. */
export const isBelow = (nodes: readonly TreeNode[], lower: number, upper: number): boolean => ancestorIds(nodes, lower).includes(upper);
