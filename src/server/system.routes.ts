/** Health, the OpenAPI document, and the plain page that lists the plan until the web app exists. */
import { Type } from 'typebox';
import { pingDatabase } from '../modules/government/government.repository.js';
import type { App, AppDeps } from './app.js';
import { Literals, Obj } from './http-schema.js';

const Health = Obj({ status: Type.Literal('ok'), database: Literals(['sqlite', 'postgres'], { description: '所用数据库' }) }, { title: 'Health' });

export function systemRoutes(app: App, deps: AppDeps): void {
  app.get('/api/health', { config: { policy: { public: true } }, schema: { tags: ['系统'], summary: '健康检查', response: { 200: Health } } }, async () => {
    await pingDatabase(deps.store.db);
    return { status: 'ok' as const, database: deps.store.dialect };
  });

  app.get('/api/openapi.json', { config: { policy: { public: true } }, schema: { hide: true } }, async () => app.swagger());
}
