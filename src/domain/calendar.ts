/**
 * The government's calendar: a moment's day is its date in Asia/Shanghai
 * (UTC+8 all year since 1991, no daylight saving), so that a report sent at
 * 23:30 local time on its due date is on time although it is already the
 * next day in UTC. Every service that turns a timestamp into a day uses this.
 */
import type { IsoDate } from './status.js';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The date in Asia/Shanghai of a moment (a Date or an ISO-8601 timestamp); RangeError when it is not one. */
export function governmentDay(at: string | Date): IsoDate {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a timestamp: ${String(at)}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
