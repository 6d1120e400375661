/**
 * Vitest global setup: `src/` compiled once per run into `.test-build/` (git-ignored), which the tests that
 * start the `luoshi` command or server as a child process run (test/helpers/paths.ts cliEntry). Starting
 * compiled JavaScript takes half the time of starting the sources under tsx, and the suite starts the
 * command hundreds of times.
 *
 * - Built fresh at the start of every run (and of every rerun in watch mode) from the sources as they are, so a
 *   child never runs stale code.
 * - `.test-build/` sits beside `src/` as `dist/` does, so the paths the code finds from its own place
 *   (`../../dist/web/`, `../../samples/`) and its packages (`node_modules/`) resolve as they do in `dist/`.
 * - Each file is transformed on its own by esbuild (types stripped, no type check: `tsc --noEmit` does that),
 *   in about a second. esbuild is not a dependency of this project but of tsx, which is: it is loaded from
 *   where tsx finds it. Should it be missing, `tsc -p tsconfig.build.json` builds the same output, slower.
 * - Written into a folder of its own first and put in place when complete; a failed build fails the run
 *   with the compiler's message.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { buildDir, repoRoot } from '../helpers/paths.js';

interface Esbuild {
  transform(code: string, options: Record<string, unknown>): Promise<{ code: string; warnings: unknown[] }>;
}

/** esbuild as tsx resolves it; null when it cannot be loaded. */
function loadEsbuild(): Esbuild | null {
  try {
    const tsx = createRequire(import.meta.url).resolve('tsx/package.json');
    return createRequire(tsx)('esbuild') as Esbuild;
  } catch {
    return null;
  }
}

const sourceDir = join(repoRoot, 'src');

async function transformAll(esbuild: Esbuild, out: string): Promise<number> {
  const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  await Promise.all(
    files.map(async (file) => {
      const source = join(sourceDir, file);
      let code: string;
      try {
        ({ code } = await esbuild.transform(readFileSync(source, 'utf8'), {
          loader: 'ts',
          format: 'esm',
          target: 'node20',
          sourcefile: source,
          // As tsc compiles (tsconfig.json): imports kept as written, class fields defined.
          tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
        }));
      } catch (err) {
        throw new Error(`[test] compiling ${source} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      const target = join(out, file.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    }),
  );
  return files.length;
}

async function compileWithTsc(out: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', join(repoRoot, 'tsconfig.build.json'), '--outDir', out], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const { stdout = '', message } = err as { stdout?: string; message: string };
    throw new Error(`[test] compiling src/ with tsc -p tsconfig.build.json failed:\n${stdout || message}`, { cause: err });
  }
}

export default async function setup(project: TestProject): Promise<void> {
  await build();
  // In watch mode the sources change between runs: each rerun compiles them again.
  project.onTestsRerun(build);
}

async function build(): Promise<void> {
  const began = Date.now();
  const partial = `${buildDir.replace(/\/$/, '')}-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    const esbuild = loadEsbuild();
    if (esbuild === null) {
      console.warn('[test] esbuild (via tsx) not found: compiling src/ with tsc, which takes longer');
      await compileWithTsc(partial);
    } else {
      await transformAll(esbuild, partial);
    }
    rmSync(buildDir, { recursive: true, force: true });
    renameSync(partial, buildDir);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  console.log(`[test] src/ compiled into ${buildDir} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
}
