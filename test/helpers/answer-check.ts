/**
 * Holds every JSON answer to its response schema while the tests run.
 *
 * Fastify serialises an answer with fast-json-stringify from the route's
 * response schema: a field the schema does not list is dropped without a
 * word, an integer schema truncates a fraction, a union that misses a variant
 * loses data. So the value a handler returns is compared with the text that
 * leaves the server; any difference fails the request (500), naming the
 * route and the first difference, and the test that made it fails.
 */
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The first path at which two JSON values differ, or null when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, path = '$'): string | null {
  if (isDeepStrictEqual(expected, actual)) return null;
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null || Array.isArray(expected) !== Array.isArray(actual)) {
    return `${path}: handler ${JSON.stringify(expected)?.slice(0, 200)}, sent ${JSON.stringify(actual)?.slice(0, 200)}`;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
    if (!(key in a)) return `${path}.${key}: dropped (${JSON.stringify(e[key])?.slice(0, 200)})`;
    if (!(key in e)) return `${path}.${key}: added (${JSON.stringify(a[key])?.slice(0, 200)})`;
    const found = firstDifference(e[key], a[key], `${path}.${key}`);
    if (found) return found;
  }
  return `${path}: differs`;
}

export function checkAnswersAgainstSchemas(app: FastifyInstance, options: { log?: (message: string) => void } = {}): void {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const returned = new WeakMap<FastifyRequest, string>();
  app.addHook('preSerialization', async (request, _reply, payload) => {
    returned.set(request, JSON.stringify(payload));
    return payload;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const expected = returned.get(request);
    returned.delete(request);
    if (expected === undefined || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const text = reply.getHeader('content-encoding') === 'gzip' && Buffer.isBuffer(payload) ? gunzipSync(payload).toString('utf8') : payload.toString();
    const difference = firstDifference(JSON.parse(expected), JSON.parse(text));
    if (difference === null) return payload;
    const message = `${request.method} ${request.routeOptions.url ?? request.url} (${reply.statusCode}): the answer does not match its response schema at ${difference}`;
    log(message);
    throw new Error(message);
  });
}
