/**
 * The numbers a request may carry, one schema per kind, each with its range
 * (docs/numbers.md). JSON.parse reads 1e999 as Infinity and the validator
 * takes Infinity as a number: only a range keeps it out, so every number a
 * body carries goes through one of these. The error handler names the field
 * and the range (error-handler.ts).
 */
import { Type, type TInteger, type TNumber } from 'typebox';
import { FIGURE_LIMIT, POINTS_LIMIT, SCORE_LIMIT, plainNumber } from '../domain/figures.js';

type Options = { description?: string };

const describe = (range: string, options: Options): string => [options.description, range].filter(Boolean).join('；');

/** A target's value, a reported or a planned value: finite, |v| ≤ 1e12. */
export const Figure = (options: Options = {}): TNumber =>
  Type.Number({
    minimum: -FIGURE_LIMIT,
    maximum: FIGURE_LIMIT,
    description: describe(`取值范围 ${plainNumber(-FIGURE_LIMIT)} 至 ${plainNumber(FIGURE_LIMIT)}`, options),
  });

/** Percentage points, 0 to 100 (the lights' thresholds). */
export const PercentPoints = (options: Options = {}): TNumber =>
  Type.Number({ minimum: 0, maximum: POINTS_LIMIT, description: describe(`取值范围 0 至 ${POINTS_LIMIT}（百分点）`, options) });

/** Assessment points, −1000 to 1000. */
export const Score = (options: Options = {}): TNumber =>
  Type.Number({ minimum: -SCORE_LIMIT, maximum: SCORE_LIMIT, description: describe(`取值范围 -${SCORE_LIMIT} 至 ${SCORE_LIMIT}`, options) });

/** The largest row id and version: PostgreSQL's integer column; a larger one would fail in the database, not be refused. */
export const MAX_ROW_ID = 2_147_483_647;

/** A row's id (path parameters, references in bodies): 1 to 2147483647. */
export const RowId = (options: Options = {}): TInteger =>
  Type.Integer({ minimum: 1, maximum: MAX_ROW_ID, ...(options.description ? { description: options.description } : {}) });

/** A whole count of days, months or rounds, 0 to `max`. */
export const Count = (max: number, options: Options = {}): TInteger =>
  Type.Integer({ minimum: 0, maximum: max, description: describe(`取值范围 0 至 ${max} 的整数`, options) });
