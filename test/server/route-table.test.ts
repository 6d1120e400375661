/**
 * Every route declares who may call it, and every API route is described,
 * responses included, by the OpenAPI document the server publishes.
 */
import { expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { routeKey, useApiFixture } from './api-fixture.js';

interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** API routes left out of the document on purpose, with the reason. */
const UNDOCUMENTED: Record<string, string> = {
  'GET /api/openapi.json': 'the document itself (hide: true)',
};

/** /api/tasks/:id → /api/tasks/{id} */
const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describeEachDatabase('route table', (getUrl) => {
  const fx = useApiFixture(getUrl);

  it('lists the routes, each once, and every one declares a policy', () => {
    const table = fx().app.routeTable;
    expect(table.length).toBeGreaterThan(10);
    const keys = table.map(routeKey);
    expect(new Set(keys).size, 'a route is listed twice').toBe(keys.length);
    const withoutPolicy = table.filter((r) => r.policy === undefined).map(routeKey);
    expect(withoutPolicy).toEqual([]);
    for (const route of table) {
      const policy = route.policy as Record<string, unknown>;
      const kinds = ['public', 'signedIn', 'action'].filter((k) => k in policy);
      expect(kinds, `${routeKey(route)} declares exactly one kind of policy`).toHaveLength(1);
    }
  });

  it('keeps the public routes to the known few', () => {
    const open = fx()
      .app.routeTable.filter((r) => r.policy !== undefined && 'public' in r.policy)
      .map(routeKey)
      .sort();
    // GET /* is the web app: its files and index.html for its own addresses, never /api/* (web.routes.ts).
    expect(open).toEqual(['GET /', 'GET /*', 'GET /api/health', 'GET /api/openapi.json', 'POST /api/session']);
  });

  it('answers 500 no_policy, never the handler, for a route registered without a policy', async () => {
    // buildApp's own routes all have one: this route is added to a second app built the same way.
    const app = await buildApp({ store: fx().store, governmentId: fx().governmentId });
    let ran = false;
    app.get('/api/unguarded', async () => {
      ran = true;
      return { secret: true };
    });
    await app.ready();
    try {
      expect(app.routeTable.find((r) => r.url === '/api/unguarded')?.policy).toBeUndefined();
      const res = await app.inject({ method: 'GET', url: '/api/unguarded' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ error: { code: 'no_policy' } });
      expect(ran).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('publishes an OpenAPI document, valid JSON, with a path and a response schema for every API route', async () => {
    const res = await fx().app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = JSON.parse(res.body) as OpenApiDocument;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBeTruthy();

    const apiRoutes = fx().app.routeTable.filter((r) => r.url.startsWith('/api/'));
    for (const key of Object.keys(UNDOCUMENTED)) expect(apiRoutes.map(routeKey), `${key} is listed as undocumented but does not exist`).toContain(key);

    const missing: string[] = [];
    for (const route of apiRoutes) {
      const key = routeKey(route);
      if (key in UNDOCUMENTED) continue;
      const operation = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      if (!operation) {
        missing.push(`${key}: no operation`);
        continue;
      }
      const responses = Object.entries(operation.responses ?? {});
      const success = responses.filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) missing.push(`${key}: no 2xx response`);
      for (const [status, response] of success) {
        // 204 has no body to describe.
        if (status !== '204' && response.content?.['application/json']?.schema === undefined) missing.push(`${key}: ${status} without a schema`);
      }
      const isPublic = route.policy !== undefined && 'public' in route.policy;
      if (!isPublic) {
        for (const status of ['401', '403']) {
          if (!operation.responses?.[status]?.content?.['application/json']?.schema) missing.push(`${key}: ${status} not described`);
        }
      }
      const declared = route.url.match(/:([A-Za-z0-9_]+)/g) ?? [];
      const parameters = (operation as { parameters?: { in: string; name: string }[] }).parameters ?? [];
      for (const param of declared) {
        if (!parameters.some((p) => p.in === 'path' && p.name === param.slice(1))) missing.push(`${key}: path parameter ${param} not described`);
      }
    }
    expect(missing).toEqual([]);

    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const served = new Set(apiRoutes.map((r) => `${r.method} ${openApiPath(r.url)}`));
    expect(
      documented.filter((op) => !served.has(op)),
      'the document describes routes the server does not have',
    ).toEqual([]);
  });
});
