/**
 * The ledger's search as the user sees it: the words of a query (as the
 * server's task-search.ts splits them: any space, full-width folded to
 * half-width, case ignored) and a text with those words marked.
 */
import type { ReactNode } from 'react';

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** The query's words, folded as the server folds them. */
export const searchWords = (q: string | undefined): string[] => [
  ...new Set(
    fold(q ?? '')
      .split(/\s+/)
      .filter((w) => w !== ''),
  ),
];

/**
 * The text with every occurrence of each word in <mark>, found whatever the
 * width and case: each character is folded on its own, so a match maps back to
 * the characters as written.
 */
export function markWords(text: string, words: readonly string[]): ReactNode {
  if (words.length === 0 || text === '') return text;
  const chars = [...text];
  let folded = '';
  const origin: number[] = [];
  chars.forEach((ch, i) => {
    const f = fold(ch);
    folded += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const word of words) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
      for (let k = at; k < at + word.length; k++) marked[origin[k] ?? 0] = true;
    }
  }
  const parts: ReactNode[] = [];
  let start = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i < chars.length && marked[i] === marked[start]) continue;
    const piece = chars.slice(start, i).join('');
    parts.push(
      marked[start] ? (
        <mark key={start} className="search-mark" style={{ background: '#ffe58f', padding: 0 }}>
          {piece}
        </mark>
      ) : (
        piece
      ),
    );
    start = i;
  }
  return parts;
}
