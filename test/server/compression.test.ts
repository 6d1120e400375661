/**
 * Large JSON answers go gzipped to clients that accept it (src/server/compression.ts):
 * the same JSON either way, never for a client that refuses gzip, never for
 * small answers or for the session's own answers (the CSRF token).
 */
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, COMPRESS_FROM_BYTES } from '../../src/server/compression.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { call, signInAs, useApiFixture, type Session } from './api-fixture.js';

describe('Accept-Encoding', () => {
  it('takes gzip when the client lists it, or any coding, without q=0', () => {
    for (const header of ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.5', 'GZIP', '*', 'deflate, *;q=0.1']) expect(acceptsGzip(header), header).toBe(true);
    for (const header of [undefined, '', 'identity', 'br, deflate', 'gzip;q=0', 'gzip; q=0.000', 'x-gzip-not', '*;q=0'])
      expect(acceptsGzip(header), String(header)).toBe(false);
  });
});

describeEachDatabase('compressed answers', (getUrl) => {
  const fixture = useApiFixture(getUrl);
  let office: Session;
  beforeAll(async () => {
    office = await signInAs(fixture().app, 'office');
  });

  it('sends the ledger gzipped to a client that accepts it, the same JSON as uncompressed', async () => {
    const plain = await call(fixture().app, office, 'GET', '/api/tasks');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_FROM_BYTES);

    const zipped = await call(fixture().app, office, 'GET', '/api/tasks', undefined, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(zipped.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.rawPayload.length);
    expect(zipped.rawPayload.length * 3).toBeLessThan(plain.rawPayload.length);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('sends it as it is to a client that refuses gzip', async () => {
    const res = await call(fixture().app, office, 'GET', '/api/tasks', undefined, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });

  it('leaves small answers, errors and the session (its CSRF token) uncompressed', async () => {
    const gzip = { 'accept-encoding': 'gzip' };
    const small = await call(fixture().app, office, 'GET', `/api/tasks/${fixture().tasks.a.id}`, undefined, gzip);
    expect(small.statusCode).toBe(200);
    expect(small.rawPayload.length).toBeLessThan(COMPRESS_FROM_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    const missing = await call(fixture().app, office, 'GET', '/api/tasks/999999', undefined, gzip);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    for (const url of ['/api/me', '/api/session']) {
      const res = await call(fixture().app, office, 'GET', url, undefined, gzip);
      expect(res.headers['content-encoding'], url).toBeUndefined();
    }
    const signIn = await fixture().app.inject({
      method: 'POST',
      url: '/api/session',
      headers: gzip,
      payload: { username: 'admin', password: 'wrong password' },
    });
    expect(signIn.headers['content-encoding']).toBeUndefined();
  });
});
