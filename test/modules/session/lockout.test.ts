import { describe, expect, it } from 'vitest';
import { ACCOUNT, ADDRESS, activeLock, historyStart, lockEnd, type Attempt } from '../../../src/modules/session/lockout.js';

const T0 = Date.parse('2027-03-01T08:00:00.000Z');
const at = (minute: number, success = false): Attempt => ({ at: new Date(T0 + minute * 60_000).toISOString(), success });
const time = (minute: number): Date => new Date(T0 + minute * 60_000);

describe('lockout rule', () => {
  it('locks for 15 minutes from the fifth failure within 15 minutes', () => {
    const attempts = [at(0), at(1), at(2), at(3), at(4)];
    expect(lockEnd(attempts)).toEqual(time(19));
    expect(activeLock(attempts, time(18.9))).toEqual(time(19));
    expect(activeLock(attempts, time(19))).toBeNull();
  });

  it('does not lock on four failures, nor on five spread over more than 15 minutes', () => {
    expect(lockEnd([at(0), at(1), at(2), at(3)])).toBeNull();
    expect(lockEnd([at(0), at(4), at(8), at(12), at(16)])).toBeNull();
  });

  it('starts counting again after a successful sign-in', () => {
    expect(lockEnd([at(0), at(1), at(2), at(3), at(4, true), at(5)])).toBeNull();
  });

  it('ignores attempts made during a lock, so guessing does not prolong it', () => {
    const during = [at(5), at(6), at(7), at(8), at(9), at(18, true)];
    const attempts = [at(0), at(1), at(2), at(3), at(4), ...during];
    expect(lockEnd(attempts)).toEqual(time(19));
    expect(activeLock([...attempts, at(19)], time(19))).toBeNull();
  });

  it('locks again after five new failures once a lock has ended', () => {
    const attempts = [at(0), at(1), at(2), at(3), at(4), at(20), at(21), at(22), at(23), at(24)];
    expect(lockEnd(attempts)).toEqual(time(39));
  });

  it('reads history from a day back, or from the end of the last lock when later', () => {
    expect(historyStart(time(0), null)).toBe(new Date(T0 - 24 * 3_600_000).toISOString());
    expect(historyStart(time(30), time(19).toISOString())).toBe(time(19).toISOString());
  });
});

describe('throttling by address and by account', () => {
  it('pauses an address after thirty failures in 15 minutes, whatever succeeds meanwhile, doubling the pause when it starts again within a day', () => {
    const thirty = (from: number): Attempt[] => Array.from({ length: 30 }, (_, i) => at(from + i * 0.1));
    expect(lockEnd(thirty(0).slice(0, 29), ADDRESS)).toBeNull();
    expect(lockEnd([...thirty(0).slice(0, 15), at(2, true), ...thirty(3).slice(15)], ADDRESS)).toEqual(time(3 + 2.9 + 15));
    const first = lockEnd(thirty(0), ADDRESS);
    expect(first).toEqual(time(2.9 + 15));
    expect(lockEnd([...thirty(0), ...thirty(20)], ADDRESS)).toEqual(time(20 + 2.9 + 30));
    expect(lockEnd([...thirty(0), ...thirty(20), ...thirty(60)], ADDRESS)).toEqual(time(60 + 2.9 + 60));
  });

  it('locks an account everywhere only after a hundred failures within an hour, which its owner’s successes do not reset', () => {
    const failures = (n: number): Attempt[] => Array.from({ length: n }, (_, i) => at(i * 0.5));
    expect(lockEnd(failures(99), ACCOUNT)).toBeNull();
    expect(lockEnd([...failures(50), at(24.75, true), ...failures(100).slice(50)], ACCOUNT)).toEqual(time(49.5 + 15));
  });
});
