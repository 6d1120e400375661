/** The audit log, for the audit administrator only; newest first, paged by sequence number. */
import type { App, AppDeps } from '../../server/app.js';
import { errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { presentAudit } from './audit.presenter.js';
import { AuditPageSchema, AuditQuery } from './audit.schema.js';
import { auditPage } from './audit.service.js';

export function auditRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/audit',
    {
      config: { policy: { action: 'audit.read' } },
      schema: { tags: ['审计'], summary: '审计日志（仅审计管理员）', querystring: AuditQuery, response: { 200: AuditPageSchema, ...errorResponses } },
    },
    async (request) => ({ items: (await auditPage(deps.store.db, actorOf(request), request.query)).map(presentAudit) }),
  );
}
