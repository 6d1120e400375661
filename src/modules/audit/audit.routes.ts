/** The audit log, for the audit administrator only; newest first, paged by sequence number. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { Obj, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { presentAudit } from './audit.presenter.js';
import { auditPage } from './audit.service.js';

const AuditQuery = Obj({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })), beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })) });

export function auditRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/audit',
    { config: { policy: { action: 'audit.read' } }, schema: { tags: ['审计'], summary: '审计日志（仅审计管理员）', querystring: AuditQuery, response: { 200: Obj({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...errorResponses } } },
    async (request) => ({ items: (await auditPage(deps.store.db, actorOf(request), request.query)).map(presentAudit) }),
  );
}
