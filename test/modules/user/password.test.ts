import argon2 from 'argon2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, generatePassword, hashPassword, needsRehash, verifyPassword } from '../../../src/modules/user/password.js';
import { passwordProblems } from '../../../src/modules/user/password-policy.js';

describe('password hashing', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const hash = await hashPassword('Lu0shi-Str0ng-pass');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(hash).toContain('m=19456');
    expect(hash).toContain('t=2');
    expect(hash).toContain('p=1');
    expect(await verifyPassword(hash, 'Lu0shi-Str0ng-pass')).toBe(true);
    expect(await verifyPassword(hash, 'lu0shi-Str0ng-pass')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('Lu0shi-Str0ng-pass')).not.toBe(await hashPassword('Lu0shi-Str0ng-pass'));
  });

  it('answers false for an unknown user after verifying against a dummy of the same cost', async () => {
    expect(needsRehash(DUMMY_HASH)).toBe(false);
    expect(argon2.needsRehash(DUMMY_HASH, { memoryCost: 19_456, timeCost: 2, parallelism: 1 })).toBe(false);
    expect(await verifyPassword(null, '')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
  });

  it('answers false for a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('generates passwords that pass the policy', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword('admin');
      expect(passwordProblems(p, { username: 'admin' })).toEqual([]);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('generates, for any username, a password the policy accepts for that user', () => {
    const username = fc.oneof(fc.string({ maxLength: 32 }), fc.constantFrom('admin', 'dcs_zhang', 'aaa', 'abc', '123', 'Aa1', 'zhangsan'));
    fc.assert(
      fc.property(username, (name) => {
        expect(passwordProblems(generatePassword(name), { username: name })).toEqual([]);
        expect(passwordProblems(generatePassword(), {})).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
