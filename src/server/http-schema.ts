/** Schema helpers: objects reject unknown fields; errors share one shape. */
import { IsOptional, Type, type TInteger, type TNull, type TObject, type TOptional, type TProperties, type TSchema, type TUnion, type TUnsafe } from 'typebox';

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

export const IdParams = Obj({ id: Type.Integer({ minimum: 1 }) });

/** Marks a body whose fields are all optional as one the client may also leave out (validation.ts). */
export const ABSENT_BODY_ALLOWED = 'x-absent-allowed';

/**
 * The body of a workflow step: the version of the object the client read (a
 * step on an object that changed since answers 409), and the step's own
 * fields. A step with nothing else to say may be sent without a body.
 */
export function StepBody<P extends TProperties>(properties: P): TObject<P & { version: TOptional<TInteger> }> {
  const version = Type.Optional(Type.Integer({ minimum: 1, description: '读取时的 version；对象已被他人修改时返回 409' }));
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
