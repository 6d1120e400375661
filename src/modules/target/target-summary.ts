/** A change in a clerk's words, with the owners' unit names read from the directory. */
import type { Tx } from '../../store/tx.js';
import { describeChange } from './target-change.js';
import type { TargetChange, TargetSnapshot } from './target.model.js';
import { unitNames } from './target.repository.js';

/** The unit ids a change and the targets it touches name as owners. */
export function ownerIdsOf(change: TargetChange, before: readonly TargetSnapshot[]): number[] {
  const written =
    change.op === 'edit'
      ? [change.after]
      : change.op === 'split'
        ? change.into
        : change.op === 'merge'
          ? [change.into]
          : change.op === 'add'
            ? [change.target]
            : [];
  return [...new Set([...written, ...before].flatMap((t) => t.owners))];
}

export async function summarize(db: Tx, governmentId: number, change: TargetChange, before: readonly TargetSnapshot[]): Promise<string> {
  const names = await unitNames(db, governmentId, ownerIdsOf(change, before));
  return describeChange(change, before, (id) => names.get(id) ?? `#${id}`);
}
