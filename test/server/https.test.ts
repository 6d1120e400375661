/**
 * HTTPS, on both databases: behind a trusted reverse proxy that says the
 * request came over HTTPS, the answer carries HSTS and the session cookie
 * Secure, and the client's address is the one the proxy forwarded; the same
 * headers from any other peer are ignored. And the server itself, given a
 * certificate, answers a sign-in over HTTPS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/server/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { PEOPLE, SESSION_COOKIE, useApiFixture } from './api-fixture.js';

const PROXY = '10.0.0.5';
const CLIENT = '203.0.113.7';
const STRANGER = '198.51.100.9';
const observer = { username: PEOPLE.observer.username, password: PEOPLE.observer.password };

/** A self-signed certificate for localhost, or null where openssl is missing. */
function selfSigned(): { cert: Buffer; key: Buffer } | null {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDatabase('HTTPS', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let proxied: App;
  beforeAll(async () => {
    proxied = await buildApp({ store: fx().store, governmentId: fx().governmentId, trustProxy: [PROXY, '127.0.0.1'] });
  });
  afterAll(async () => {
    await proxied.close();
  });

  const signInFrom = (app: App, remoteAddress: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/session', payload: observer, remoteAddress, headers });

  /** The address the last sign-in was recorded from. */
  const lastSignInAddress = async (): Promise<string | null> => {
    const row = await fx()
      .store.db.selectFrom('login_attempts')
      .select('ip')
      .where('username', '=', observer.username)
      .where('success', '=', 1)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row.ip;
  };

  const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-for': `${STRANGER}, ${CLIENT}` };

  it('behind a trusted proxy saying https: HSTS, a Secure session cookie, and the forwarded client address', async () => {
    const res = await signInFrom(proxied, PROXY, forwarded);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    // The proxy appends the address it saw; what a client wrote before it is not believed.
    expect(await lastSignInAddress()).toBe(CLIENT);
  });

  it('behind a trusted proxy saying http: neither HSTS nor Secure', async () => {
    const res = await signInFrom(proxied, PROXY, { 'x-forwarded-proto': 'http', 'x-forwarded-for': CLIENT });
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBeFalsy();
    expect(await lastSignInAddress()).toBe(CLIENT);
  });

  it('ignores forwarded headers from a peer that is not a trusted proxy', async () => {
    const res = await signInFrom(proxied, STRANGER, forwarded);
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBeFalsy();
    expect(await lastSignInAddress()).toBe(STRANGER);
  });

  it('trusts no proxy by default, not even one on this machine', async () => {
    const res = await signInFrom(fx().app, '127.0.0.1', forwarded);
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBeFalsy();
    expect(await lastSignInAddress()).toBe('127.0.0.1');
  });

  const pair = selfSigned();
  it.skipIf(pair === null)('serves HTTPS itself with a certificate: sign-in over TLS with HSTS and a Secure cookie', async () => {
    const app = await buildApp({ store: fx().store, governmentId: fx().governmentId, https: pair ?? { cert: '', key: '' } });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;
      const body = JSON.stringify(observer);
      const res = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
        const req = httpsRequest(
          { host: '127.0.0.1', port, method: 'POST', path: '/api/session', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } },
          (answer) => {
            let text = '';
            answer.setEncoding('utf8');
            answer.on('data', (chunk: string) => (text += chunk));
            answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(res.status, res.text).toBe(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      const cookie = (res.headers['set-cookie'] ?? []) as string[];
      expect(cookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Secure/);
      expect(JSON.parse(res.text)).toMatchObject({ user: { username: observer.username } });
      expect(await lastSignInAddress()).toBe('127.0.0.1');
    } finally {
      await app.close();
    }
  });
});
