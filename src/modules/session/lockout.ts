/**
 * Sign-in throttling (OWASP ASVS 2.2.1), computed from the recorded attempts
 * alone, by three rules:
 *
 * - an account from one address: five failures within fifteen minutes lock
 *   that address out of that account for fifteen minutes. Failures from one
 *   address never lock the account for its owner at another address;
 * - an address: thirty failures within fifteen minutes, over any accounts,
 *   shut the address out of every sign-in for fifteen minutes, and each time
 *   it is shut out again within a day the pause doubles (up to a day). A
 *   success does not reset it, so an attacker cannot clear the count with an
 *   account of their own;
 * - an account from everywhere: a hundred failures within an hour (at least
 *   four addresses, given the rules above) lock the account for fifteen
 *   minutes: a bound on guessing spread over many addresses, high enough that
 *   one attacker cannot use it to keep the owner out. The owner's own
 *   successes do not reset it, so that it stays a bound.
 *
 * Attempts made while a rule holds are recorded but neither count nor reset,
 * so that guessing during a lock does not prolong it, and the lock ends on
 * time. The same rules run for usernames that do not exist, so an attacker
 * cannot tell real accounts from the throttling's behaviour.
 */

export interface Attempt {
  at: string;
  success: boolean;
}

export interface ThrottleRule {
  failures: number;
  windowMs: number;
  lockMs: number;
  /** A success clears the failures counted so far. */
  successResets: boolean;
  /** Each lock that follows another within a day lasts twice as long, up to a day. */
  backoff: boolean;
}

const MINUTE = 60_000;

export const ACCOUNT_AT_ADDRESS: ThrottleRule = { failures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, successResets: true, backoff: false };
export const ADDRESS: ThrottleRule = { failures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, successResets: false, backoff: true };
export const ACCOUNT: ThrottleRule = { failures: 100, windowMs: 60 * MINUTE, lockMs: 15 * MINUTE, successResets: false, backoff: false };

/** Kept for the rule most people meet: five failures from one address. */
export const MAX_FAILURES = ACCOUNT_AT_ADDRESS.failures;
export const FAILURE_WINDOW_MS = ACCOUNT_AT_ADDRESS.windowMs;
export const LOCK_MS = ACCOUNT_AT_ADDRESS.lockMs;
/** How far back attempts are read when nothing more recent bounds the history. */
export const LOOKBACK_MS = 24 * 60 * MINUTE;
/** A cap on the attempts read, so a flood of guesses cannot make sign-in slow. */
export const MAX_ATTEMPTS_READ = 500;

/**
 * Replays the attempts (oldest first) and returns when the last lock ends,
 * or null if they never locked. The end may be in the past.
 */
export function lockEnd(attempts: readonly Attempt[], rule: ThrottleRule = ACCOUNT_AT_ADDRESS): Date | null {
  let lockedUntil: number | null = null;
  let lastLock = 0;
  let failures: number[] = [];
  for (const attempt of attempts) {
    const at = Date.parse(attempt.at);
    if (lockedUntil !== null && at < lockedUntil) continue;
    if (attempt.success) {
      if (rule.successResets) failures = [];
      continue;
    }
    failures = failures.filter((t) => t > at - rule.windowMs);
    failures.push(at);
    if (failures.length >= rule.failures) {
      const repeated = rule.backoff && lockedUntil !== null && at - lockedUntil < LOOKBACK_MS;
      lastLock = repeated ? Math.min(lastLock * 2, LOOKBACK_MS) : rule.lockMs;
      lockedUntil = at + lastLock;
      failures = [];
    }
  }
  return lockedUntil === null ? null : new Date(lockedUntil);
}

/** The lock's end if it is still in force at `now`, else null. */
export function activeLock(attempts: readonly Attempt[], now: Date, rule: ThrottleRule = ACCOUNT_AT_ADDRESS): Date | null {
  const end = lockEnd(attempts, rule);
  return end !== null && end.getTime() > now.getTime() ? end : null;
}

/**
 * Where to start reading a username's attempts: a day back, or the end of its
 * last lock (or its unlock by the security administrator) if later, since
 * everything before that is settled.
 */
export function historyStart(now: Date, settledAt: string | null): string {
  const lookback = now.getTime() - LOOKBACK_MS;
  const settled = settledAt === null ? Number.NEGATIVE_INFINITY : Date.parse(settledAt);
  return new Date(Math.max(lookback, settled)).toISOString();
}
