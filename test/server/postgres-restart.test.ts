/**
 * The server outlives its database's restarts. `luoshi serve` (with its
 * scheduled work) runs as a child process on a PostgreSQL server started for
 * this test alone. When PostgreSQL ends all of the server's connections
 * (pg_terminate_backend, as an administrator or a failover does), the next
 * requests are answered; while PostgreSQL is down, requests get 503 with a
 * plain message and the process stays up; when it is back, service resumes
 * by itself, the session still valid, the job queue polling again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBin, startCluster, type Cluster } from '../../tools/pg-cluster.js';
import { withPgClient } from '../helpers/databases.js';
import { Browser, startServe, type Answer, type ServeProcess } from '../helpers/serve.js';

const ADMIN = { username: 'admin', password: 'Adm1n-Restart-Passw0rd!' };
const bin = findPostgresBin();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks until the answer is 200 or the time is up; every answer on the way must be 200 or 503. */
async function until200(ask: () => Promise<Answer>, withinMs: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await ask();
    answers.push(answer);
    if (answer.status === 200 || Date.now() > deadline) return answers;
    await sleep(200);
  }
}

describe.skipIf(bin === null)('luoshi serve while PostgreSQL restarts', () => {
  let cluster: Cluster;
  let dbUrl: string;
  let served: ServeProcess;
  let browser: Browser;
  /** A request that gets no answer at all says whether the server is still running, and what it last wrote. */
  const ask = async (path: string): Promise<Answer> => {
    try {
      return await browser.request('GET', path);
    } catch (err) {
      const state = served.alive() ? 'still running' : `ended (${String(served.child.exitCode ?? served.child.signalCode)})`;
      throw new Error(`GET ${path}: no answer, luoshi serve ${state}:\n${served.stderr()}${served.stdout().slice(-4000)}`, { cause: err });
    }
  };
  const health = (): Promise<Answer> => ask('/api/health');
  const me = (): Promise<Answer> => ask('/api/me');
  /** Connections of the job queue (pg-boss), which polls every 2 s. */
  const jobConnections = async (): Promise<number> =>
    withPgClient(cluster.url, async (c) => {
      const { rows } = await c.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where application_name = 'luoshi-jobs'");
      return rows[0]?.n ?? 0;
    });

  beforeAll(async () => {
    cluster = await startCluster(bin ?? '', { durable: false, name: 'luoshi-pg-restart' });
    await withPgClient(cluster.url, (c) => c.query("create database luoshi template template0 encoding 'UTF8'"));
    const u = new URL(cluster.url);
    u.pathname = '/luoshi';
    dbUrl = u.toString();
    served = await startServe(dbUrl, { env: { LUOSHI_ADMIN_USERNAME: ADMIN.username, LUOSHI_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' } });
    browser = new Browser(served.base);
    await browser.signIn(ADMIN.username, ADMIN.password);
  }, 180_000);

  afterAll(async () => {
    if (served && !served.alive()) console.error(`luoshi serve ended:\n${served.stderr()}\n${served.stdout().slice(-4000)}`);
    await served?.kill();
    await cluster?.stop();
  }, 60_000);

  it('answers again at once when PostgreSQL ends all of its connections', async () => {
    expect((await health()).status).toBe(200);
    expect((await me()).status).toBe(200);
    const ended = await withPgClient(cluster.url, async (c) => {
      const { rows } = await c.query<{ n: number }>(
        "select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = 'luoshi' and pid <> pg_backend_pid()) t",
      );
      return rows[0]?.n ?? 0;
    });
    expect(ended).toBeGreaterThan(0);
    const answers = [...(await until200(health, 5_000)), ...(await until200(me, 5_000))];
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(answers.at(-1)?.status).toBe(200);
    expect(served.alive()).toBe(true);
  }, 60_000);

  it('answers 503 with a plain message while PostgreSQL is down, stays up, and resumes by itself', async () => {
    await cluster.pause();
    try {
      for (const answer of [await health(), await me()]) {
        expect(answer.status).toBe(503);
        expect(answer.body).toEqual({ error: { code: 'database_unavailable', message: '数据库暂时无法连接，请稍后重试' } });
        expect(answer.headers.get('retry-after')).toBe('5');
      }
      // The job queue's workers meet the outage too (they poll every 2 s).
      await sleep(4_000);
      expect(served.alive()).toBe(true);
      expect((await health()).status).toBe(503);
    } finally {
      await cluster.resume();
    }
    const answers = [...(await until200(health, 10_000)), ...(await until200(me, 10_000))];
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(answers.at(-1)?.status).toBe(200);
    // The scheduled work carries on: the queue's workers connect again.
    const deadline = Date.now() + 15_000;
    while ((await jobConnections()) === 0 && Date.now() < deadline) await sleep(250);
    expect(await jobConnections()).toBeGreaterThan(0);
    expect(served.alive()).toBe(true);
  }, 90_000);
});
