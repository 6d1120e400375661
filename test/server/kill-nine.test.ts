/**
 * Acknowledged writes survive kill -9. `luoshi serve` runs as a child process
 * on a real database (a SQLite file; a PostgreSQL database); a signed-in
 * system administrator adds units through the API, several requests at a
 * time; the process is killed with SIGKILL in the middle of the stream, so
 * that no shutdown code runs; then every unit whose request was answered 2xx
 * must be in the database, and the server must start again on it. A few
 * cycles, each on the database the last one left behind.
 */
import { expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { openDatabase } from '../../src/startup/open.js';
import { openStore } from '../../src/store/connection.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { Browser, startServe } from '../helpers/serve.js';

const ADMIN_PASSWORD = 'Adm1n-Kill9-Passw0rd!';
const OFFICE = { username: 'dcs_zhang', password: 'Lh-01-Strong!Pass9' };
const CYCLES = 3;
const STREAMS = 4;
/** How long the writes run before the kill: long enough for a good number of acknowledged ones. */
const KILL_AFTER_MS = 1_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase('kill -9 under a stream of writes', (getUrl) => {
  it('keeps every write the server acknowledged, cycle after cycle', async () => {
    const url = getUrl();
    const env = { LUOSHI_ADMIN_PASSWORD: ADMIN_PASSWORD };
    const opened = await openDatabase(url, { adminPassword: ADMIN_PASSWORD, notice: () => undefined });
    await createUser(opened.store.db, systemActor(opened.governmentId), { ...OFFICE, role: 'office', displayName: '督查室' });
    await opened.store.close();

    const acknowledged: string[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const served = await startServe(url, { env, jobs: false });
      const browser = new Browser(served.base);
      await browser.signIn(OFFICE.username, OFFICE.password);
      let killed = false;
      const stream = async (lane: number): Promise<void> => {
        for (let i = 0; !killed; i++) {
          const name = `第${cycle}轮-${lane}-${i}号单位`;
          try {
            const answer = await browser.request('POST', '/api/units', { name });
            if (answer.status >= 200 && answer.status < 300) acknowledged.push(name);
            else if (!killed) throw new Error(`POST /api/units answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          } catch (err) {
            // A request cut off by the kill has no answer: it may or may not have been written.
            if (!killed) throw err;
          }
        }
      };
      const lanes = Array.from({ length: STREAMS }, (_, lane) => stream(lane));
      await sleep(KILL_AFTER_MS);
      killed = true;
      await served.kill();
      await Promise.all(lanes);

      const store = openStore(url);
      try {
        const names = new Set((await store.db.selectFrom('units').select('name').execute()).map((r) => r.name));
        const lost = acknowledged.filter((name) => !names.has(name));
        expect(lost, `cycle ${cycle}: acknowledged but missing after kill -9`).toEqual([]);
      } finally {
        await store.close();
      }
    }
    // Each cycle acknowledged writes of its own, so the kill fell in the middle of a stream.
    for (let cycle = 1; cycle <= CYCLES; cycle++) expect(acknowledged.some((name) => name.startsWith(`第${cycle}轮-`))).toBe(true);

    // And the server starts again on what the last kill left.
    const served = await startServe(url, { env, jobs: false });
    try {
      const browser = new Browser(served.base);
      await browser.signIn(OFFICE.username, OFFICE.password);
      const answer = await browser.request('POST', '/api/units', { name: '重启后的单位' });
      expect(answer.status).toBe(200);
    } finally {
      await served.stop();
    }
  }, 240_000);
});
