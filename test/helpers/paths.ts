import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const samplePath = (name: string): string => `${repoRoot}samples/${name}`;

/** The real notice lives outside the repository, beside it in ../shared/seeds/. */
export const seedPath = fileURLToPath(new URL('../../../shared/seeds/000_61d97df5f635043b.txt', import.meta.url));
export const hasSeed = existsSync(seedPath);
