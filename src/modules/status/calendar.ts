/** The government's calendar for the services: today by their clock, and the dates clients ask about. */
import { governmentDay } from '../../domain/calendar.js';
import type { IsoDate } from '../../domain/status.js';
import { dayNumber, isoDate } from '../../domain/time-progress.js';
import type { Clock } from '../../store/unit-of-work.js';
import { badRequest } from '../errors.js';

export { governmentDay };

/** Today in Asia/Shanghai, by the clock the services are given. */
export const governmentToday = (clock: Clock = () => new Date()): IsoDate => governmentDay(clock().toISOString());

export const dayBefore = (date: IsoDate): IsoDate => isoDate(dayNumber(date) - 1);

/**
 * The instant a date ends in Beijing, as stored timestamps are written (ISO,
 * UTC): what happened before it (`at < dayEndInstant(date)`) was known at the
 * end of the date. 2026-03-31 ends at 2026-03-31T16:00:00.000Z.
 */
export const dayEndInstant = (date: IsoDate): string => `${isoDate(dayNumber(date))}T16:00:00.000Z`;

/** The date the client asked about; 400 when it is not a real date ('2026-02-30'). */
export function checkedDate(date: string): IsoDate {
  try {
    dayNumber(date);
    return date;
  } catch {
    throw badRequest(`日期“${date}”无效，应写作 2026-06-30`);
  }
}
