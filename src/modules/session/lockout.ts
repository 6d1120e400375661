/**
 * Sign-in lockout, computed from the recorded attempts alone: five failures
 * within fifteen minutes lock the username for fifteen minutes. Attempts made
 * while locked are recorded but neither count nor reset, so that guessing
 * during a lock does not prolong it, and the lock ends on time for the owner.
 *
 * The same rule runs for usernames that do not exist, so an attacker cannot
 * tell real accounts from the lock's behaviour.
 */

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
/** How far back attempts are read when nothing more recent bounds the history. */
export const LOOKBACK_MS = 24 * 60 * 60_000;
/** A cap on the attempts read, so a flood of guesses cannot make sign-in slow. */
export const MAX_ATTEMPTS_READ = 500;

export interface Attempt {
  at: string;
  success: boolean;
}

/**
 * Replays the attempts (oldest first) and returns when the last lock ends,
 * or null if they never locked the username. The end may be in the past.
 */
export function lockEnd(attempts: readonly Attempt[]): Date | null {
  let lockedUntil: number | null = null;
  let failures: number[] = [];
  for (const attempt of attempts) {
    const at = Date.parse(attempt.at);
    if (lockedUntil !== null && at < lockedUntil) continue;
    if (attempt.success) {
      failures = [];
      continue;
    }
    failures = failures.filter((t) => t > at - FAILURE_WINDOW_MS);
    failures.push(at);
    if (failures.length >= MAX_FAILURES) {
      lockedUntil = at + LOCK_MS;
      failures = [];
    }
  }
  return lockedUntil === null ? null : new Date(lockedUntil);
}

/** The lock's end if it is still in force at `now`, else null. */
export function activeLock(attempts: readonly Attempt[], now: Date): Date | null {
  const end = lockEnd(attempts);
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
