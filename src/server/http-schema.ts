/** Schema helpers: objects reject unknown fields; errors share one shape. */
import { Type, type TNull, type TObject, type TProperties, type TSchema, type TUnion, type TUnsafe } from 'typebox';

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

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
};
