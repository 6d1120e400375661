/** The audit log, for the audit administrator only: its pages (newest first, paged by sequence number), export and check. */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { contentDisposition } from '../attachment/file-name.js';
import { presentAudit } from './audit.presenter.js';
import { AuditExportQuery, AuditPageSchema, AuditQuery, AuditVerificationSchema } from './audit.schema.js';
import { auditExport, auditPage, verifyAudit } from './audit.service.js';

const Csv = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '审计日志 .csv（UTF-8，带 BOM，Excel 可直接打开）' });

export function auditRoutes(app: App, deps: AppDeps): void {
  const now = (): Date => (deps.clock ?? (() => new Date()))();
  app.get(
    '/api/audit',
    {
      config: { policy: { action: 'audit.read' } },
      schema: {
        tags: ['审计'],
        summary: '审计日志（仅审计管理员）：可按操作人、操作、对象类型和日期筛选',
        querystring: AuditQuery,
        response: { 200: AuditPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await auditPage(deps.store.db, actorOf(request), request.query);
      return { items: rows.map(presentAudit), total };
    },
  );

  app.get(
    '/api/audit.csv',
    {
      config: { policy: { action: 'audit.read' } },
      schema: {
        tags: ['审计'],
        summary: '导出审计日志（CSV，仅审计管理员）：筛选条件同审计日志',
        querystring: AuditExportQuery,
        response: { 200: Csv, ...errorResponses },
      },
    },
    async (request, reply) => {
      // From the standby when there is one (store.replica): the export may miss the last moment's entries (docs/deploy.md).
      const { fileName, bytes } = await auditExport(deps.store.replica, actorOf(request), request.query, now());
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName))
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { policy: { action: 'audit.read' } },
      schema: {
        tags: ['审计'],
        summary: '校验审计日志（仅审计管理员）：逐条核对哈希链，再与最新签名检查点核对',
        response: { 200: AuditVerificationSchema, ...errorResponses },
      },
    },
    async (request) => verifyAudit(deps.store.db, actorOf(request), deps.auditAnchor ?? null, now()),
  );
}
