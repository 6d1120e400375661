/**
 * One contract: every JSON answer is described, field for field, by its
 * response schema in the OpenAPI document the server publishes, and the web
 * app's types (web/src/api/types.gen.ts) are generated from that document and
 * committed up to date.
 */
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { committedApiTypes, generateApiTypes, openApiDocument, type OpenApiDocument } from '../../scripts/gen-api.js';
import { checkAnswersAgainstSchemas } from '../helpers/answer-check.js';

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where an object schema says nothing of its fields: no properties, and
 * other fields allowed (a map whose values are described is fine).
 */
function openObjects(schema: unknown, path: string): string[] {
  if (!isSchema(schema)) return [];
  const found: string[] = [];
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const isObject = schema.type === 'object' || 'properties' in schema || 'additionalProperties' in schema;
  if (isObject && Object.keys(properties).length === 0 && schema.additionalProperties !== false && !isSchema(schema.additionalProperties))
    found.push(path || '(the answer)');
  for (const [name, child] of Object.entries(properties)) found.push(...openObjects(child, `${path}.${name}`));
  if (isSchema(schema.additionalProperties)) found.push(...openObjects(schema.additionalProperties, `${path}[*]`));
  if (isSchema(schema.items)) found.push(...openObjects(schema.items, `${path}[]`));
  for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
    const members = schema[combinator];
    if (Array.isArray(members)) members.forEach((m, i) => found.push(...openObjects(m, `${path}<${combinator}[${i}]>`)));
  }
  return found;
}

/** Each 2xx answer of each operation, as 'GET /api/tasks/{id} 200'. */
function successes(doc: OpenApiDocument): { route: string; status: string; content: Record<string, { schema?: Schema }> | undefined }[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      Object.entries(operation.responses ?? {})
        .filter(([status]) => /^2\d\d$/.test(status))
        .map(([status, response]) => ({ route: `${method.toUpperCase()} ${path}`, status, content: response.content })),
    ),
  );
}

describe('the API contract', () => {
  let doc: OpenApiDocument;
  beforeAll(async () => {
    doc = await openApiDocument();
  });

  it('gives every 2xx JSON answer a schema', () => {
    const answers = successes(doc);
    expect(answers.length).toBeGreaterThan(70);
    // 204 carries no body to describe.
    const missing = answers.filter((a) => a.status !== '204' && a.content?.['application/json']?.schema === undefined).map((a) => `${a.route} ${a.status}`);
    expect(missing, 'answers without a schema').toEqual([]);
  });

  it('leaves no object of a 2xx answer open and empty (fast-json-stringify would send such an object as is, described by nothing)', () => {
    const open = successes(doc).flatMap((a) => openObjects(a.content?.['application/json']?.schema, '').map((where) => `${a.route} ${a.status}: ${where}`));
    expect(open, 'open, undescribed objects').toEqual([]);
  });

  it('has web/src/api/types.gen.ts generated from the current schemas', async () => {
    const generated = await generateApiTypes(doc);
    expect(committedApiTypes() === generated, 'web/src/api/types.gen.ts is stale: run npm run gen:api and commit the file').toBe(true);
  });
});

describe('the answer check of the API tests (test/helpers/answer-check.ts)', () => {
  it('fails an answer whose schema drops a field or truncates a number, and passes one it describes', async () => {
    const app = Fastify();
    checkAnswersAgainstSchemas(app, { log: () => undefined });
    const schema = { response: { 200: { type: 'object', properties: { count: { type: 'integer' } }, additionalProperties: false } } };
    app.get('/dropped', { schema }, async () => ({ count: 1, extra: true }));
    app.get('/truncated', { schema }, async () => ({ count: 1.5 }));
    app.get('/described', { schema }, async () => ({ count: 2 }));
    try {
      const dropped = await app.inject('/dropped');
      expect(dropped.statusCode).toBe(500);
      expect(dropped.body).toContain('$.extra: dropped');
      const truncated = await app.inject('/truncated');
      expect(truncated.statusCode).toBe(500);
      expect(truncated.body).toContain('$.count: handler 1.5, sent 1');
      const described = await app.inject('/described');
      expect(described.statusCode).toBe(200);
      expect(described.json()).toEqual({ count: 2 });
    } finally {
      await app.close();
    }
  });
});
