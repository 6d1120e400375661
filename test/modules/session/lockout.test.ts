import { describe, expect, it } from 'vitest';
import { activeLock, historyStart, lockEnd, type Attempt } from '../../../src/modules/session/lockout.js';

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
