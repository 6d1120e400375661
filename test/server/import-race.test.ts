/**
 * Two imports at once, each carrying a unit directory. Each import writes
 * units (rows that refer to the government), then its audit rows; on
 * PostgreSQL the two used to meet at the government's row in two lock modes
 * and deadlock (40P01), and one answered 500. Now a government's writers
 * queue at their start (store/locks.ts), so both finish.
 *
 * To make the two requests meet for real, a third connection holds the
 * government's row until both wait, then lets go (helpers/race.ts). SQLite
 * takes one writer at a time; there the requests simply run, and the outcome
 * must be the same.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { together } from '../helpers/race.js';
import { samplePath } from '../helpers/paths.js';
import { call, signInAs, useApiFixture, type Session } from './api-fixture.js';

const RUNS = 20;
const notice = readFileSync(samplePath('notice.txt'), 'utf8');
const directory = JSON.parse(readFileSync(samplePath('units.json'), 'utf8')) as { units: { name: string; aliases: string[] }[] };

/** The sample notice under another number and title, so that each run imports a plan of its own. */
const variant = (run: number, side: string): string =>
  notice
    .replace('临河政发〔2026〕3号', `临河政发〔2026〕${100 + run * 2 + (side === 'a' ? 0 : 1)}号`)
    .replace('重点任务目标的通知', `重点任务目标的通知（第${run}${side}批）`);

/** The sample directory with units no run has seen yet: the import inserts them. */
const directoryWith = (extra: string): string => JSON.stringify({ units: [...directory.units, { name: `区测试${extra}中心`, aliases: [`测试${extra}`] }] });

const body = (text: string, units: string) => ({ fileName: 'notice.txt', content: Buffer.from(text, 'utf8').toString('base64'), units });

describeEachDatabase('imports at the same time', (getUrl, kind) => {
  const fx = useApiFixture(getUrl);
  let office: Session;
  beforeAll(async () => {
    office = await signInAs(fx().app, 'office');
  });

  it(`two imports with unit directories, ${RUNS} times: both finish, never a 500`, { timeout: 300_000 }, async () => {
    for (let run = 0; run < RUNS; run++) {
      // Even runs: two different notices; odd runs: the same notice twice (one creates the plan, the other finds it).
      const a = body(variant(run, 'a'), directoryWith(`${run}甲`));
      const b = run % 2 === 0 ? body(variant(run, 'b'), directoryWith(`${run}乙`)) : a;
      const hold = { sql: 'SELECT id FROM governments WHERE id = $1 FOR NO KEY UPDATE', params: [fx().governmentId] };
      const answers = await together(kind, getUrl(), hold, () => [
        call(fx().app, office, 'POST', '/api/imports/commit', a),
        call(fx().app, office, 'POST', '/api/imports/commit', b),
      ]);
      for (const answer of answers) expect(answer.statusCode, `run ${run}: ${answer.body.slice(0, 300)}`).toBe(200);
      const results = answers.map((r) => r.json<{ planId: number; created: boolean }>());
      if (run % 2 === 0) {
        expect(
          results.every((r) => r.created),
          `run ${run}: both notices stored`,
        ).toBe(true);
        expect(new Set(results.map((r) => r.planId)).size).toBe(2);
      } else {
        expect(results.map((r) => r.created).sort(), `run ${run}: one stores the notice, the other finds it stored`).toEqual([false, true]);
        expect(new Set(results.map((r) => r.planId)).size).toBe(1);
      }
    }
  });
});
