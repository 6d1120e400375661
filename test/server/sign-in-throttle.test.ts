/**
 * Sign-in throttling through the API (OWASP ASVS 2.2.1): failures from one
 * address lock that address out of the account, not the account's owner at
 * another address; an address that fails on many usernames is paused for
 * all of them. Each answer is 429 with Retry-After and a Chinese sentence
 * saying when to try again.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { errorOf, PEOPLE, useApiFixture } from './api-fixture.js';

describeEachDatabase('sign-in throttling through the API', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const signIn = (remoteAddress: string, username: string, password: string) =>
    fx().app.inject({ method: 'POST', url: '/api/session', remoteAddress, payload: { username, password } });

  it('locks one address out of an account after five failures, while its owner signs in from another address', async () => {
    const { username, password } = PEOPLE.spare;
    for (let i = 0; i < 5; i++) expect((await signIn('203.0.113.5', username, 'Lh-00-Wrong!Pass9')).statusCode).toBe(401);
    const locked = await signIn('203.0.113.5', username, password);
    expect(locked.statusCode, locked.body).toBe(429);
    expect(errorOf(locked)).toMatchObject({ code: 'locked', message: '登录失败次数过多，账号已临时锁定，请 15 分钟后再试' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    const owner = await signIn('198.51.100.7', username, password);
    expect(owner.statusCode, owner.body).toBe(200);
  });

  it('pauses an address that fails thirty times over many usernames, for every username, and no other address', async () => {
    for (let i = 0; i < 30; i++) expect((await signIn('203.0.113.77', `guess${i % 6}`, 'Lh-00-Wrong!Pass9')).statusCode).toBe(401);
    const { username, password } = PEOPLE.observer;
    const paused = await signIn('203.0.113.77', username, password);
    expect(paused.statusCode, paused.body).toBe(429);
    expect(errorOf(paused)).toMatchObject({ code: 'too_many_attempts', message: '此网络地址登录失败次数过多，已暂停从此地址登录，请 15 分钟后再试' });
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect((await signIn('198.51.100.8', username, password)).statusCode).toBe(200);
  });
});
