/** Schema helpers: objects reject unknown fields; errors share one shape. */
import {
  IsOptional,
  Type,
  type TInteger,
  type TNull,
  type TObject,
  type TOptional,
  type TProperties,
  type TSchema,
  type TString,
  type TUnion,
  type TUnsafe,
} from 'typebox';
import { DATE_YEARS } from '../domain/time-progress.js';
import { MAX_ROW_ID, RowId } from './number-schema.js';

/**
 * An object schema that rejects unknown fields instead of stripping them. A
 * response schema's `title` names its type in the web app's generated types
 * (npm run gen:api), so a shape used in several answers is written once.
 */
export const Obj = <P extends TProperties>(properties: P, options: { title?: string; description?: string } = {}): TObject<P> =>
  Type.Object(properties, { ...options, additionalProperties: false });

/** A value or null (a JSON null, never a missing field). */
export const Nullable = <T extends TSchema>(schema: T): TUnion<[T, TNull]> => Type.Union([schema, Type.Null()]);

/**
 * One of a closed list of strings, as `enum` (a union of literals built from a
 * list would be typed as never): the web app's types get the literal union.
 */
export const Literals = <const T extends readonly string[]>(values: T, options: { title?: string; description?: string } = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** The string format of a date (validation.ts checks it with isIsoDate: a real calendar day in DATE_YEARS). */
export const ISO_DATE_FORMAT = 'iso-date';

/**
 * A date, 'YYYY-MM-DD': every date a request carries (bodies, query strings)
 * is one of these, so 2026-02-30 or 9999-99-99 is a 400 wherever it is sent.
 */
export const IsoDate = (options: { description?: string } = {}): TString =>
  Type.String({
    format: ISO_DATE_FORMAT,
    description: `${options.description ?? '日期'}（YYYY-MM-DD，${DATE_YEARS.min}—${DATE_YEARS.max} 年间的真实日期）`,
  });

/** The keyword that marks a string as a name (validation.ts): one line, no control or direction characters. */
export const NAME_KEYWORD = 'x-name';

/**
 * A name: a user's, a unit's, a leader's, a task's title… Every string of a
 * request is NFC-normalized and refused with control characters other than
 * tab and line breaks (text-input.ts); a name also refuses those and the
 * direction marks (domain/text.ts).
 */
export const Name = (options: { minLength?: number; maxLength: number; description?: string; pattern?: string }): TString =>
  Type.String({ minLength: 1, ...options, [NAME_KEYWORD]: true });

export const ErrorBody = Obj(
  {
    error: Obj({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { description: '错误' },
);

/** Largest request body: a 20 MB file, base64-encoded inside JSON (about 27 MB), with room for the other fields. */
export const BODY_LIMIT = 30 * 1024 * 1024;

/**
 * A file's bytes, base64-encoded. Only the body limit bounds its length: the
 * service decodes it and refuses a file over its own limit (20 MB) with a
 * sentence that names the limit, where a schema's maxLength could only call
 * the field invalid.
 */
export const Base64File = (description: string): TString => Type.String({ minLength: 1, maxLength: BODY_LIMIT, contentEncoding: 'base64', description });

/**
 * Ids and versions are PostgreSQL integers: a larger number (99999999999999999999,
 * or 1e999, which JSON and a query string both read as Infinity) names no row
 * and is refused as an invalid request before it reaches the database.
 */
export const MAX_ROW_INTEGER = MAX_ROW_ID;
export const RowInteger = (options: { minimum?: number; description?: string } = {}): TInteger =>
  options.minimum === undefined ? RowId(options) : Type.Integer({ minimum: options.minimum, maximum: MAX_ROW_ID, ...options });

export const IdParams = Obj({ id: RowInteger() });

/** Marks a body whose fields are all optional as one the client may also leave out (validation.ts). */
export const ABSENT_BODY_ALLOWED = 'x-absent-allowed';

/**
 * The body of a workflow step: the version of the object the client read (a
 * step on an object that changed since answers 409), and the step's own
 * fields. A step with nothing else to say may be sent without a body.
 */
export function StepBody<P extends TProperties>(properties: P): TObject<P & { version: TOptional<TInteger> }> {
  const version = Type.Optional(RowInteger({ description: '读取时的 version；对象已被他人修改时返回 409' }));
  const fields = { ...properties, version };
  const optional = Object.values(properties).every((p) => IsOptional(p));
  return Type.Object(fields, { additionalProperties: false, ...(optional ? { [ABSENT_BODY_ALLOWED]: true } : {}) });
}

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
  503: ErrorBody,
};
