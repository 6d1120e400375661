/**
 * Two validators: query strings, params and headers arrive as text and are
 * coerced to the schema's types; JSON bodies are taken exactly as sent, so
 * "3" is not a version and 123 is not a username. Neither strips unknown
 * fields: schemas reject them.
 */
import { Ajv, type Options } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FastifyInstance, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { textProblem } from '../domain/text.js';
import { isIsoDate } from '../domain/time-progress.js';
import { ABSENT_BODY_ALLOWED, ISO_DATE_FORMAT, NAME_KEYWORD } from './http-schema.js';

// strictNumbers: JSON.parse reads 1e999 as Infinity, which is no number of any field (non-strict mode would take it).
// verbose: an error carries its schema and the value it refused, so the message can say what was wrong with it (error-handler.ts).
const base: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false, strictNumbers: true, verbose: true };

function build(coerce: boolean): Ajv {
  const ajv = new Ajv({ ...base, coerceTypes: coerce ? 'array' : false });
  // ajv-formats is CommonJS: its default export is the module, the plugin sits on .default.
  formatsPlugin.default(ajv);
  ajv.addFormat(ISO_DATE_FORMAT, { type: 'string', validate: isIsoDate });
  ajv.addKeyword({
    keyword: NAME_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    validate: (isName: boolean, value: string) => !isName || textProblem(value, 'name') === null,
  });
  return ajv;
}

const coercing = build(true);
const exact = build(false);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  httpPart === 'body' ? exact.compile(schema as object) : finiteOnly(coercing.compile(schema as object));

interface Validator {
  (data: unknown): boolean;
  errors?: FastifySchemaValidationError[] | null;
}

/**
 * Coercion turns "1e999" in a path or query into Infinity and ajv then lets it
 * through its integer and range checks: a coerced value that is no finite
 * number is refused here, as its field's type error.
 */
function finiteOnly(validate: Validator): Validator {
  const check: Validator = (data) => {
    const ok = validate(data);
    check.errors = validate.errors ?? null;
    if (!ok || data === null || typeof data !== 'object') return ok;
    const bad = Object.entries(data as Record<string, unknown>).find(([, v]) => typeof v === 'number' && !Number.isFinite(v));
    if (!bad) return true;
    const issue = { keyword: 'type', instancePath: `/${bad[0]}`, schemaPath: '', params: { type: 'number' }, message: 'must be a finite number' };
    check.errors = [Object.assign(issue, { data: bad[1], parentSchema: { type: 'number' } })];
    return false;
  };
  return check;
}

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
