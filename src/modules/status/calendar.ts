/**
 * The government's calendar: a timestamp's day is its date in Asia/Shanghai
 * (UTC+8, no daylight saving), so a report sent at 23:30 local time on the
 * due date is on time although it is already the next day in UTC.
 */
import type { IsoDate } from '../../domain/status.js';
import { dayNumber, isoDate } from '../../domain/time-progress.js';
import type { Clock } from '../auth/unit-of-work.js';
import { badRequest } from '../errors.js';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The date in Asia/Shanghai of an ISO-8601 timestamp. */
export function governmentDay(at: string): IsoDate {
  return new Date(Date.parse(at) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in Asia/Shanghai, by the clock the services are given. */
export const governmentToday = (clock: Clock = () => new Date()): IsoDate => governmentDay(clock().toISOString());

export const dayBefore = (date: IsoDate): IsoDate => isoDate(dayNumber(date) - 1);

/** The date the client asked about; 400 when it is not a real date ('2026-02-30'). */
export function checkedDate(date: string): IsoDate {
  try {
    dayNumber(date);
    return date;
  } catch {
    throw badRequest(`日期“${date}”无效，应写作 2026-06-30`);
  }
}
