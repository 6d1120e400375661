/**
 * The map in docs/ARCHITECTURE.md, held by the imports themselves:
 * - only repositories (and the store) touch Kysely;
 * - the importer is reached through its entry, src/importer/index.ts;
 * - the store knows no business module, and neither do the pure parts
 *   (domain, importer, documents) know the database, the server or the modules;
 * - the web app imports nothing from the server's code (it speaks HTTP, and
 *   its types are generated: web/src/api/types.gen.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

const files = (dir: string): { file: string; text: string }[] =>
  sourceFiles(join(repoRoot, dir)).map((path) => ({ file: relative(repoRoot, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));

/** The modules a file imports, as written. */
const importsOf = (text: string): string[] => [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

const src = files('src');

describe('the map', () => {
  it('only repositories and the store touch Kysely', () => {
    const touches = /from\s+['"]kysely['"]|\.(?:selectFrom|insertInto|updateTable|deleteFrom)\(/;
    const offenders = src
      .filter(({ file, text }) => !file.startsWith('src/store/') && !file.endsWith('.repository.ts') && touches.test(text))
      .map((f) => f.file);
    expect(offenders, 'move the query into the module’s *.repository.ts').toEqual([]);
  });

  it('the importer is reached through its entry only', () => {
    const offenders = src
      .filter(({ file }) => !file.startsWith('src/importer/'))
      .flatMap(({ file, text }) =>
        importsOf(text)
          .filter((m) => /\/importer\//.test(m) && !m.endsWith('/importer/index.js'))
          .map((m) => `${file} → ${m}`),
      );
    expect(offenders, 'import from src/importer/index.ts').toEqual([]);
  });

  it('the store imports no business module; the pure parts import no database, server or module', () => {
    const rules: [prefix: string, forbidden: RegExp][] = [
      ['src/store/', /\/(?:modules|server|cli|jobs|startup)\//],
      ['src/domain/', /\/(?:store|modules|server|cli|jobs|importer|documents)\/|^kysely$|^fastify$/],
      ['src/importer/', /\/(?:store|modules|server|cli|jobs|documents)\/|^kysely$|^fastify$/],
      ['src/documents/', /\/(?:store|modules|server|cli|jobs|importer)\/|^kysely$|^fastify$/],
    ];
    const offenders = src.flatMap(({ file, text }) =>
      rules
        .filter(([prefix]) => file.startsWith(prefix))
        .flatMap(([, forbidden]) =>
          importsOf(text)
            .filter((m) => forbidden.test(m))
            .map((m) => `${file} → ${m}`),
        ),
    );
    expect(offenders).toEqual([]);
  });

  it('the web app imports nothing from the server’s code', () => {
    const offenders = files('web/src').flatMap(({ file, text }) =>
      importsOf(text)
        .filter((m) => /(?:^|\/)src\/|\.\.\/\.\.\/\.\.\//.test(m))
        .map((m) => `${file} → ${m}`),
    );
    expect(offenders, 'the web app speaks HTTP; its types come from npm run gen:api').toEqual([]);
  });
});
