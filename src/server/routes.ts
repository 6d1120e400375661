/** Every module's routes, in one place, so that the route table can be walked by tests. */
import { sessionRoutes } from '../modules/session/session.routes.js';
import type { App, AppDeps } from './app.js';
import { systemRoutes } from './system.routes.js';

export async function registerRoutes(app: App, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    systemRoutes(scope, deps);
    sessionRoutes(scope, deps);
  });
}
