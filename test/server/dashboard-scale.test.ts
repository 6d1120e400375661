/**
 * The dashboard at scale, on the embedded SQLite: a plan of 50,000 tasks
 * (a notice written by test/web/many-tasks.ts, imported as any notice is)
 * answers GET /api/dashboard with 200 and an answer under 256 kB, and its
 * uncached dashboard (read from what is kept, assembled anew: each request
 * asks for a different number of groups, so none is answered from the answer
 * cache) takes no more than three times as long as the seed's 39 tasks,
 * measured in turn in the same run. The figures themselves are
 * bench/dashboard-scale.bench.ts's (BENCHMARKS.md).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { buildApp, type App } from '../../src/server/app.js';
import { openDatabase, type OpenedDatabase } from '../../src/startup/open.js';
import { freshSqlitePath, removeSqlitePath } from '../helpers/databases.js';
import { testFiles } from '../helpers/files.js';
import { hasSeed, samplePath, seedPath } from '../helpers/paths.js';
import { manyTaskNotice } from '../web/many-tasks.js';
import { call, signIn, type Session } from './api-fixture.js';

const PASSWORD = 'Adm1n-Scale-Passw0rd!';
const TASKS = 50_000;

interface Running {
  opened: OpenedDatabase;
  path: string;
  app: App;
  admin: Session;
}
const running: Running[] = [];
afterAll(async () => {
  for (const r of running) {
    await r.app.close();
    await r.opened.store.close();
    removeSqlitePath(r.path);
  }
});

async function serve(fileName: string, bytes: Uint8Array): Promise<Running> {
  const path = freshSqlitePath();
  const opened = await openDatabase(path, { adminUsername: 'admin', adminPassword: PASSWORD, notice: () => undefined });
  await commitImport(opened.store, systemActor(opened.governmentId, 'test-operator'), { fileName, bytes });
  const app = await buildApp({ store: opened.store, governmentId: opened.governmentId, files: testFiles(opened.store) });
  await app.ready();
  const r = { opened, path, app, admin: await signIn(app, 'admin', PASSWORD) };
  running.push(r);
  return r;
}

interface DashboardAnswer {
  total: number;
  lights: Record<string, number>;
  tasks: unknown[];
  lagging: unknown[];
  pages: { tasks: { total: number } };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

describe('the dashboard of 50,000 tasks [sqlite]', () => {
  it('answers 200 under 256 kB, uncached in no more than three times the seed’s time', async () => {
    const small = await serve('seed.txt', new Uint8Array(readFileSync(hasSeed ? seedPath : samplePath('notice.txt'))));
    const large = await serve(`notice-${TASKS}.txt`, new TextEncoder().encode(manyTaskNotice(TASKS)));

    const first = await call(large.app, large.admin, 'GET', '/api/dashboard');
    expect(first.statusCode).toBe(200);
    expect(first.rawPayload.length).toBeLessThan(256 * 1024);
    const answer = first.json<DashboardAnswer>();
    expect(answer.total).toBe(TASKS);
    expect(Object.values(answer.lights).reduce((a, b) => a + b, 0)).toBe(TASKS);
    expect(answer.tasks.length).toBeLessThanOrEqual(100);
    expect(answer.pages.tasks.total).toBe(TASKS);

    const times = new Map<Running, number[]>([
      [small, []],
      [large, []],
    ]);
    for (let run = 0; run < 15; run++)
      for (const r of [small, large]) {
        const t0 = performance.now();
        const res = await call(r.app, r.admin, 'GET', `/api/dashboard?groupLimit=${1000 - run}`);
        times.get(r)?.push(performance.now() - t0);
        expect(res.statusCode).toBe(200);
      }
    const ratio = median(times.get(large) ?? []) / median(times.get(small) ?? []);
    expect(ratio, `50,000 tasks ÷ the seed's, uncached (medians of 15)`).toBeLessThanOrEqual(3);
  }, 600_000);
});
