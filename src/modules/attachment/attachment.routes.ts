/** Evidence attachments: upload to an open report, download, delete. */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { fileStoreFor } from '../../store/files.js';
import { badRequest } from '../errors.js';
import { AttachmentViewSchema, UploadBody } from './attachment.schema.js';
import { attachReport, downloadAttachment, removeAttachment } from './attachment.service.js';
import { contentDisposition } from './file-name.js';

const Bytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '附件内容' });

function decode(content: string): Uint8Array {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(content)) throw badRequest('content 应为 base64 编码的文件内容');
  return new Uint8Array(Buffer.from(content, 'base64'));
}

export function attachmentRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  const files = deps.files ?? fileStoreFor(deps.store);

  app.post(
    '/api/reports/:id/attachments',
    {
      config: { policy: { action: 'attachment.write' } },
      schema: {
        tags: ['报送'],
        summary: '为草稿或退回的报告上传佐证材料（类型按内容识别，最大 20 MB）',
        params: IdParams,
        body: UploadBody,
        response: { 200: AttachmentViewSchema, 415: errorResponses[400], ...errorResponses },
      },
    },
    async (request) =>
      attachReport(db, actorOf(request), request.params.id, { fileName: request.body.fileName, bytes: decode(request.body.content) }, files, deps.clock),
  );

  app.get(
    '/api/attachments/:id',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['报送'], summary: '下载附件（校验内容与登记的 SM3 校验值一致）', params: IdParams, response: { 200: Bytes, ...errorResponses } },
    },
    async (request, reply) => {
      const { attachment, bytes } = await downloadAttachment(db, actorOf(request), request.params.id, files);
      return (reply as FastifyReply)
        .type(attachment.mediaType)
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );

  app.delete(
    '/api/attachments/:id',
    {
      config: { policy: { action: 'attachment.write' } },
      schema: { tags: ['报送'], summary: '删除草稿或退回报告的附件', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await removeAttachment(db, actorOf(request), request.params.id, deps.clock);
      return (reply as FastifyReply).status(204).send();
    },
  );
}
