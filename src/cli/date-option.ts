/** A date given on the command line (--as-of, --until): the same check as the API's dates. */
import { DATE_YEARS, isIsoDate } from '../domain/time-progress.js';
import { CliError } from './output.js';

export function dateOption(value: string): string {
  if (!isIsoDate(value)) throw new CliError(`日期无效：${value}（应为 ${DATE_YEARS.min}—${DATE_YEARS.max} 年间的真实日期，写作 YYYY-MM-DD，例如 2026-06-30）`);
  return value;
}
