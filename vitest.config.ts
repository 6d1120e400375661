import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    dangerouslyIgnoreUnhandledErrors: false,
    // Files in parallel, two at least: much of a file's time is spent waiting on other processes (PostgreSQL,
    // Chromium, LibreOffice), so two files share two cores well; vitest's own default (cores − 1) runs one at a time here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // src/ compiled for the commands the tests start, a throwaway PostgreSQL server for the run (or LUOSHI_TEST_PG),
    // and a folder for evidence files; see the files.
    globalSetup: ['test/setup/build.ts', 'test/setup/postgres.ts', 'test/setup/files.ts'],
    // Each file its own folder below it (files run side by side).
    setupFiles: ['test/setup/per-file.ts'],
  },
});
