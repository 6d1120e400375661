/**
 * Vitest global setup: a throwaway PostgreSQL server for the test run.
 *
 * - LUOSHI_TEST_PG=postgres://… uses that server and starts nothing;
 *   LUOSHI_TEST_PG=off starts nothing and skips the PostgreSQL tests.
 * - Otherwise Debian's server binaries (/usr/lib/postgresql/<version>/bin,
 *   highest version) run a fresh cluster in a temporary directory on a free
 *   loopback port, with durability switched off (tests only). As root the
 *   cluster runs as the `postgres` user, since PostgreSQL refuses root. The
 *   server itself is started by tools/pg-cluster.ts, shared with the API
 *   benchmark.
 * - Without binaries the PostgreSQL half of the tests is skipped (pgUrl null),
 *   except on CI (env CI set), where that is an error.
 *
 * Tests read the URL with `inject('pgUrl')`; child processes find it in
 * LUOSHI_TEST_PG. The server is stopped and its directory removed at the end
 * of the run; an exit hook and a small watchdog cover the cases where the
 * teardown never runs (crash, SIGKILL of the test runner).
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBin, PG_ROOT, startCluster } from '../../tools/pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL (its `postgres` database), or null when no PostgreSQL is available. */
    pgUrl: string | null;
    /** True when this setup started the server (fast, non-durable settings); false for LUOSHI_TEST_PG. */
    pgStartedByHarness: boolean;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.LUOSHI_TEST_PG?.trim();
  if (external?.toLowerCase() === 'off') {
    console.warn('[test] LUOSHI_TEST_PG=off: PostgreSQL tests are skipped.');
    project.provide('pgUrl', null);
    project.provide('pgStartedByHarness', false);
    return () => Promise.resolve();
  }
  if (external) {
    if (!/^postgres(?:ql)?:\/\//i.test(external)) {
      throw new Error(`LUOSHI_TEST_PG must be a postgres:// URL or off, got: ${external}`);
    }
    project.provide('pgUrl', external);
    project.provide('pgStartedByHarness', false);
    return () => Promise.resolve();
  }

  const bin = findPostgresBin();
  if (bin === null) {
    if (process.env.CI) {
      throw new Error(
        `PostgreSQL server binaries not found under ${PG_ROOT}/*/bin and LUOSHI_TEST_PG is unset; ` +
          'CI must install PostgreSQL (apt-get install postgresql) or set LUOSHI_TEST_PG.',
      );
    }
    console.warn(`[test] PostgreSQL not found (${PG_ROOT}/*/bin, LUOSHI_TEST_PG unset): PostgreSQL tests are skipped.`);
    project.provide('pgUrl', null);
    project.provide('pgStartedByHarness', false);
    return () => Promise.resolve();
  }

  const began = Date.now();
  // Durability off: the data is thrown away at the end of the run anyway.
  const server = await startCluster(bin, { durable: false, name: 'luoshi-pg', log: (message) => console.warn(`[test] ${message}`) });
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  console.log(`[test] PostgreSQL (${bin}) on 127.0.0.1:${server.port}, ready in ${seconds} s`);
  process.env.LUOSHI_TEST_PG = server.url;
  project.provide('pgUrl', server.url);
  project.provide('pgStartedByHarness', true);

  return async () => {
    if (process.env.LUOSHI_TEST_PG === server.url) delete process.env.LUOSHI_TEST_PG;
    await server.stop();
  };
}
