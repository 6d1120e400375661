/**
 * Keyword search over the ledger's tasks (GET /api/tasks?q=…): pure, over the
 * tasks already listed, so that the list keeps its fixed number of queries on
 * both databases. A task matches when every word of the query is found in what
 * people search a ledger by: its key, text and section, its units (those the
 * notice names, unit groups included, and the members a group stands for), its
 * leaders and its targets' text and metric. Case and width do not matter
 * (ＡＢＣ１２ finds abc12), and a word may be a unit's short form (区工信局),
 * which then also finds the unit's canonical name.
 */
import type { LedgerTask } from './task.model.js';

/** The query's words, each compared as searchText() writes it; none for an empty query. */
export function searchWords(q: string | undefined): string[] {
  if (q === undefined) return [];
  return [
    ...new Set(
      searchText(q)
        .split(/\s+/)
        .filter((w) => w !== ''),
    ),
  ];
}

/** Full-width forms to half-width (NFKC), letters to lower case. */
export const searchText = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Everything a task is searched by, as one text; the parts are joined by a line break, which no word holds. */
export function taskSearchText(task: LedgerTask): string {
  const names = (refs: readonly { name: string }[]): string[] => refs.map((r) => r.name);
  return searchText(
    [
      task.key,
      task.text,
      task.section?.number ?? '',
      task.section?.title ?? '',
      task.deadlineText ?? '',
      ...names(task.leaders),
      ...names(task.hostUnits),
      ...names(task.coUnits),
      ...names(task.responsible.hosts),
      ...names(task.responsible.cos),
      ...task.targets.flatMap((t) => [t.text, t.metric]),
    ].join('\n'),
  );
}

/**
 * The tasks holding every word. `canonical` maps a word (as searchWords gives
 * it) to the canonical name of the unit it is a name or alias of: such a word
 * is also found by that name.
 */
export function searchTasks<T extends LedgerTask>(tasks: readonly T[], words: readonly string[], canonical: ReadonlyMap<string, string> = new Map()): T[] {
  if (words.length === 0) return [...tasks];
  const forms = words.map((w) => {
    const name = canonical.get(w);
    return name === undefined ? [w] : [w, searchText(name)];
  });
  return tasks.filter((task) => {
    const text = taskSearchText(task);
    return forms.every((alternatives) => alternatives.some((f) => text.includes(f)));
  });
}
