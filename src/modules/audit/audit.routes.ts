/** The audit log, for the audit administrator only; newest first, paged by sequence number. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { Obj, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { authorize } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { listAudit } from './audit.repository.js';
import { presentAudit } from './audit.presenter.js';

const AuditQuery = Obj({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })), beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })) });

export function auditRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/audit',
    { config: { policy: { action: 'audit.read' } }, schema: { tags: ['审计'], summary: '审计日志（仅审计管理员）', querystring: AuditQuery, response: { 200: Obj({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...errorResponses } } },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, 'audit.read', governmentSubject(actor.governmentId));
      const rows = await listAudit(deps.store.db, actor.governmentId, { limit: request.query.limit ?? 100, ...(request.query.beforeSeq === undefined ? {} : { beforeSeq: request.query.beforeSeq }) });
      return { items: rows.map(presentAudit) };
    },
  );
}
