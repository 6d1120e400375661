/**
 * Password hashing: argon2id with OWASP's minimum parameters (19 MiB, two
 * passes, one lane), which cost tens of milliseconds here and make an offline
 * attack on a stolen database slow.
 */
import argon2 from 'argon2';
import { randomToken } from '../../crypto/index.js';
import { passwordProblems } from './password-policy.js';

export const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * A hash of a random password nobody kept, with HASH_OPTIONS. Sign-in verifies
 * against it when the username is unknown, so that an unknown user costs the
 * same time as a wrong password and response times do not reveal who exists.
 * A test checks that its parameters still match HASH_OPTIONS.
 */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,p=1,t=2$8tlNexUOShIpmWuruLd4vQ$N5+i9TApPgX+d7hspTA/hBFU9gnfD2ODh9knPzO4C4w';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

/**
 * Whether the password matches the hash. With no hash (unknown user) it still
 * does the full work against DUMMY_HASH and answers false. A malformed stored
 * hash answers false rather than throwing: the user simply cannot sign in.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await argon2.verify(hash ?? DUMMY_HASH, password);
    return ok && hash !== null;
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with weaker parameters than today's. */
export const needsRehash = (hash: string): boolean => argon2.needsRehash(hash, HASH_OPTIONS);

/**
 * A random password that passes the policy: 18 URL-safe characters (108 bits).
 * Drawing again until the policy accepts is cheap and keeps one source of truth
 * for what "compliant" means.
 */
export function generatePassword(username?: string): string {
  for (;;) {
    const candidate = randomToken(14).slice(0, 18);
    if (passwordProblems(candidate, username === undefined ? {} : { username }).length === 0) return candidate;
  }
}
