/** Schema helpers: objects reject unknown fields; errors share one shape. */
import { Type, type TObject, type TProperties } from 'typebox';

/** An object schema that rejects unknown fields instead of stripping them. */
export const Obj = <P extends TProperties>(properties: P, description?: string): TObject<P> =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

export const ErrorBody = Obj(
  {
    error: Obj({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  '错误',
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
