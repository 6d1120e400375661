/**
 * Ids and versions are PostgreSQL integers. A larger number in a path, a query
 * or a body (99999999999999999999, or 1e999, read as Infinity) is an invalid
 * request (400, in Chinese) on both databases, never a database error (500).
 * Found by the fuzz suite (test/fuzz/).
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { call, CHINESE, errorOf, signInAs, taskVersion, type Session, useApiFixture } from './api-fixture.js';

describeEachDatabase('ids and versions past the database integer', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let office: Session;
  beforeAll(async () => {
    office = await signInAs(fx().app, 'office');
  });

  const refused = async (method: 'GET' | 'PATCH', url: string, body?: unknown): Promise<void> => {
    const res = await call(fx().app, office, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
    expect(errorOf(res).code).toBe('invalid_request');
    expect(errorOf(res).message).toMatch(CHINESE);
  };

  it('refuses them in a path', async () => {
    await refused('GET', '/api/tasks/99999999999999999999');
    await refused('GET', '/api/tasks/1e999');
    await refused('GET', '/api/reports/2147483648');
  });

  it('refuses them in a query', async () => {
    await refused('GET', '/api/tasks?planId=99999999999999999999');
    await refused('GET', '/api/dashboard?planId=1e999');
    await refused('GET', '/api/light-history?taskIds=9999999999');
  });

  it('refuses them in a body, and the task is unchanged', async () => {
    const task = fx().tasks.a;
    const version = await taskVersion(fx(), task.id);
    await refused('PATCH', `/api/tasks/${task.id}`, { version: 2 ** 31, text: '改写' });
    expect(await taskVersion(fx(), task.id)).toBe(version);
  });

  it('still takes the largest id as a row that does not exist', async () => {
    const res = await call(fx().app, office, 'GET', '/api/tasks/2147483647');
    expect(res.statusCode, res.body).toBe(404);
  });
});
