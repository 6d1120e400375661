/**
 * The configuration is read in one place: no file under src/ but src/config.ts
 * touches process.env (or imports env from node:process). Code deeper down
 * takes its settings as values from the door that loaded the configuration.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const SRC = join(repoRoot, 'src');
const CONFIG_MODULE = 'src/config.ts';
const READS_ENVIRONMENT = [/process\s*\.\s*env\b/, /process\s*\[\s*['"`]env['"`]\s*\]/, /from\s+['"](?:node:)?process['"]/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:[cm]?[jt]s|tsx)$/.test(entry.name) ? [path] : [];
  });
}

describe('reading the environment', () => {
  it(`happens in ${CONFIG_MODULE} only`, () => {
    const files = sourceFiles(SRC).map((path) => relative(repoRoot, path).split('\\').join('/'));
    expect(files).toContain(CONFIG_MODULE);
    const offenders = files.filter(
      (file) => file !== CONFIG_MODULE && READS_ENVIRONMENT.some((pattern) => pattern.test(readFileSync(join(repoRoot, file), 'utf8'))),
    );
    expect(offenders, 'read the variable in src/config.ts and pass its value down from the door (CLI command, server, job)').toEqual([]);
  });
});
