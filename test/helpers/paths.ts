import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Where the run's compiled copy of src/ is (test/setup/build.ts compiles it at the start of every run), and the
 * `luoshi` command in it: the tests start the command and the server from there, as `node dist/cli/main.js` runs.
 */
export const buildDir = `${repoRoot}.test-build/`;
export const cliEntry = `${buildDir}cli/main.js`;

export const samplePath = (name: string): string => `${repoRoot}samples/${name}`;

/** The real notice lives outside the repository, beside it in ../shared/seeds/. */
export const seedPath = fileURLToPath(new URL('../../../shared/seeds/000_61d97df5f635043b.txt', import.meta.url));
export const hasSeed = existsSync(seedPath);

/** Real notices of other governments with hand-made truth files and their scorer, in ../shared/corpus/. */
export const corpusDir = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const hasCorpus = existsSync(`${corpusDir}score.py`);

/** A SQL block of docs/operations.md, found by the marker comment before it (`<!-- grants: … -->`): the docs run as written. */
export function docsSqlBlock(marker: string): string {
  const page = readFileSync(`${repoRoot}docs/operations.md`, 'utf8');
  const block = new RegExp(`<!-- ${marker}:[^>]*-->\\s*\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(page)?.[1];
  if (block === undefined) throw new Error(`docs/operations.md has no ${marker} block`);
  return block;
}
