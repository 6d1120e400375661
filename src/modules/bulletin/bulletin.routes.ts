/** Bulletins (通报): list, draft, revise, issue, read, download .docx and .pdf. */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { fileStoreFor } from '../../store/files.js';
import { contentDisposition } from '../attachment/file-name.js';
import { BulletinListSchema, BulletinViewSchema, ChangeBody, CreateBody, IssueBody, ListQuery } from './bulletin.schema.js';
import { bulletinService, type BulletinFile, type BulletinFiles } from './bulletin.service.js';

const Bytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '文件内容' });
const ok = { 200: BulletinViewSchema, ...errorResponses };

const send = (reply: FastifyReply, file: BulletinFile) =>
  reply
    .type(file.mediaType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));

export function bulletinRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  const files: BulletinFiles = { files: deps.files ?? fileStoreFor(deps.store), soffice: deps.soffice };

  app.get(
    '/api/bulletins',
    {
      config: { policy: { action: 'bulletin.read' } },
      schema: {
        tags: ['通报'],
        summary: '通报列表（新的在前；督查室以外只见已印发的）',
        querystring: ListQuery,
        response: { 200: BulletinListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await bulletinService.list(db, actorOf(request), request.query) }),
  );

  app.post(
    '/api/bulletins',
    {
      config: { policy: { action: 'bulletin.write' } },
      schema: { tags: ['通报'], summary: '按期间生成通报草稿（数据取自现时台账）', body: CreateBody, response: { 201: BulletinViewSchema, ...errorResponses } },
    },
    async (request, reply) => (reply as FastifyReply).status(201).send(await bulletinService.createDraft(db, actorOf(request), request.body, deps.clock)),
  );

  app.get(
    '/api/bulletins/:id',
    { config: { policy: { action: 'bulletin.read' } }, schema: { tags: ['通报'], summary: '通报详情（含内容）', params: IdParams, response: ok } },
    async (request) => bulletinService.get(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/bulletins/:id',
    {
      config: { policy: { action: 'bulletin.write' } },
      schema: { tags: ['通报'], summary: '修改通报草稿：下步工作要求，或按现时数据重新汇总', params: IdParams, body: ChangeBody, response: ok },
    },
    async (request) => bulletinService.changeDraft(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/bulletins/:id/issue',
    {
      config: { policy: { action: 'bulletin.issue' } },
      schema: { tags: ['通报'], summary: '印发通报：编号、生成 Word（及 PDF）并存档，此后不再改动', params: IdParams, body: IssueBody, response: ok },
    },
    async (request) =>
      bulletinService.issue(db, actorOf(request), request.params.id, request.body.version, { ...files, warn: (m) => request.log.warn(m) }, deps.clock),
  );

  app.get(
    '/api/bulletins/:id/docx',
    {
      config: { policy: { action: 'bulletin.read' } },
      schema: { tags: ['通报'], summary: '下载通报 Word 版（草稿带“草稿”标记）', params: IdParams, response: { 200: Bytes, ...errorResponses } },
    },
    async (request, reply) => send(reply as FastifyReply, await bulletinService.docx(db, actorOf(request), request.params.id, files)),
  );

  app.get(
    '/api/bulletins/:id/pdf',
    {
      config: { policy: { action: 'bulletin.read' } },
      schema: { tags: ['通报'], summary: '下载已印发通报的 PDF 版（未生成时 404 no_pdf）', params: IdParams, response: { 200: Bytes, ...errorResponses } },
    },
    async (request, reply) => send(reply as FastifyReply, await bulletinService.pdf(db, actorOf(request), request.params.id, files)),
  );
}
