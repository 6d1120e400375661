import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    dangerouslyIgnoreUnhandledErrors: false,
    // A throwaway PostgreSQL server for the run (or LUOSHI_TEST_PG), and a folder for evidence files; see the files.
    globalSetup: ['test/setup/postgres.ts', 'test/setup/files.ts'],
  },
});
