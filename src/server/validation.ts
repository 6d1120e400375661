/**
 * Two validators: query strings, params and headers arrive as text and are
 * coerced to the schema's types; JSON bodies are taken exactly as sent, so
 * "3" is not a version and 123 is not a username. Neither strips unknown
 * fields: schemas reject them.
 */
import { Ajv, type Options } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { ABSENT_BODY_ALLOWED } from './http-schema.js';

// strictNumbers: JSON.parse reads 1e999 as Infinity, which is no number of any field (non-strict mode would take it).
// verbose: an error carries its schema and value, so that a number is refused with its whole range (error-handler.ts).
const base: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false, strictNumbers: true, verbose: true };

function build(coerce: boolean): Ajv {
  const ajv = new Ajv({ ...base, coerceTypes: coerce ? 'array' : false });
  // ajv-formats is CommonJS: its default export is the module, the plugin sits on .default.
  formatsPlugin.default(ajv);
  return ajv;
}

const coercing = build(true);
const exact = build(false);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => (httpPart === 'body' ? exact : coercing).compile(schema as object);

/**
 * A request with no body at all, to a route whose body may be left out (a
 * workflow step sent without the version it read), is validated as `{}`.
 */
export function allowAbsentBodies(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema?.body as Record<string, unknown> | undefined;
    if ((request.body === undefined || request.body === null) && schema?.[ABSENT_BODY_ALLOWED] === true) request.body = {};
  });
}
