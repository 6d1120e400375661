/** The government's profile (ADR 0023): the names its documents print, set by the office in the app. */
import type { App, AppDeps } from '../../server/app.js';
import { errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { GovernmentProfileChange, GovernmentViewSchema } from './government.schema.js';
import { changeGovernment, getGovernment } from './government.service.js';

export function governmentRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/government',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['督办设置'],
        summary: '政府信息：政府名称、办公室、通报版头、发文字号前缀、落款，及从最新导入通知读出的建议值',
        response: { 200: GovernmentViewSchema, ...errorResponses },
      },
    },
    async (request) => getGovernment(deps.store.db, actorOf(request)),
  );

  app.put(
    '/api/government',
    {
      config: { policy: { action: 'plan.configure' } },
      schema: {
        tags: ['督办设置'],
        summary: '设置或确认政府信息（须带上读取时的 version；空项由政府名称生成）',
        body: GovernmentProfileChange,
        response: { 200: GovernmentViewSchema, ...errorResponses },
      },
    },
    async (request) => changeGovernment(deps.store.db, actorOf(request), request.body, deps.clock),
  );
}
