/**
 * The numbers the system takes and keeps, and the range each kind may have.
 * A figure (a target's value, a reported or planned value) is a finite number
 * no larger in magnitude than FIGURE_LIMIT: a trillion is more than any
 * county's yearly total in 元, and far enough from the floating-point limits
 * that shares, differences and sums of figures stay finite. The HTTP schemas
 * (server/number-schema.ts) refuse anything else when it comes in;
 * `storedFigure` checks a value again when it is read back, because a row can
 * be changed behind the application's back. docs/numbers.md lists the ranges.
 */

/** The largest magnitude of a figure (target, reported or planned value): 1e12. */
export const FIGURE_LIMIT = 1e12;

/** Percentage points (the lights' thresholds): 0 to 100. */
export const POINTS_LIMIT = 100;

/** Assessment points, positive or negative: up to 1000 either way (settings.ts checks the same). */
export const SCORE_LIMIT = 1000;

export const isFigure = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= FIGURE_LIMIT;

/**
 * A stored figure as read from the database (a number, or the text some
 * drivers give for a numeric column): the number, or null when it is not a
 * figure (non-finite, out of range, not a number at all). Null means a data
 * error, never "nothing reported": the caller says so beside the task.
 */
export function storedFigure(raw: unknown): number | null {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return isFigure(value) ? value : null;
}

/** What a user is told about a stored figure that is not one. */
export const DATA_ERROR_MESSAGE = `数据有误：库中有指标数值不是有效数字或超出允许范围（绝对值不超过 ${plainNumber(FIGURE_LIMIT)}），这些指标暂不判断红黄绿灯，请联系督查室核查。`;

/** A limit as a person reads it: 1e12 as 1万亿, 1e8 as 1亿, smaller numbers as they are. */
export function plainNumber(x: number): string {
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a >= 1e12 && a % 1e12 === 0) return `${sign}${a / 1e12}万亿`;
  if (a >= 1e8 && a % 1e8 === 0) return `${sign}${a / 1e8}亿`;
  return String(x);
}
