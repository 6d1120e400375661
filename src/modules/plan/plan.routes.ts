/** Plans, their sections, and importing a notice (preview, then commit). */
import type { App, AppDeps } from '../../server/app.js';
import { noticeConverter } from '../../documents/notice-converter.js';
import { badRequest } from '../errors.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import {
  ImportBody,
  ImportPreviewSchema,
  ImportResultSchema,
  PlanArchiveBody,
  PlanDetailSchema,
  PlanListSchema,
  PlanViewSchema,
  SectionListSchema,
  SectionsQuery,
} from './plan.schema.js';
import { archivePlan, restorePlan } from './plan-archive.service.js';
import { commitImport, planDetail, plansOf, previewImport, sectionsOf, type UploadedNotice } from './plan.service.js';

function upload(body: {
  fileName: string;
  content: string;
  units?: string;
  corrections?: UploadedNotice['corrections'];
  override?: UploadedNotice['overrides'];
}): UploadedNotice {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(body.content)) throw badRequest('content 应为 base64 编码的文件内容');
  const bytes = new Uint8Array(Buffer.from(body.content, 'base64'));
  return {
    fileName: body.fileName,
    bytes,
    ...(body.units === undefined ? {} : { units: body.units }),
    ...(body.corrections ? { corrections: body.corrections } : {}),
    ...(body.override ? { overrides: body.override } : {}),
  };
}

export function planRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  // Old Word/WPS/Excel files through LibreOffice, scans through tesseract, where the server has them.
  const converter = noticeConverter({ soffice: deps.soffice });
  app.get(
    '/api/plans',
    { config: { policy: { action: 'ledger.read' } }, schema: { tags: ['计划'], summary: '计划列表', response: { 200: PlanListSchema, ...errorResponses } } },
    async (request) => ({ items: await plansOf(db, actorOf(request)) }),
  );

  app.get(
    '/api/plans/:id',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['计划'], summary: '计划详情：部分、主要预期目标、版本', params: IdParams, response: { 200: PlanDetailSchema, ...errorResponses } },
    },
    async (request) => planDetail(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/plans/:id/archive',
    {
      config: { policy: { action: 'plan.configure' } },
      schema: {
        tags: ['计划'],
        summary: '归档计划：只读，不再开启调度、提醒或按规则督办，默认不再显示',
        params: IdParams,
        body: PlanArchiveBody,
        response: { 200: PlanViewSchema, ...errorResponses },
      },
    },
    async (request) => archivePlan(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/plans/:id/restore',
    {
      config: { policy: { action: 'plan.configure' } },
      schema: {
        tags: ['计划'],
        summary: '恢复已归档的计划',
        params: IdParams,
        body: PlanArchiveBody,
        response: { 200: PlanViewSchema, ...errorResponses },
      },
    },
    async (request) => restorePlan(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/sections',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['计划'], summary: '计划的各部分', querystring: SectionsQuery, response: { 200: SectionListSchema, ...errorResponses } },
    },
    async (request) => ({ items: await sectionsOf(db, actorOf(request), request.query.planId) }),
  );

  app.post(
    '/api/imports/preview',
    {
      config: { policy: { action: 'plan.import' } },
      schema: {
        tags: ['导入'],
        summary: '预览导入：识别结果、警告、与已导入版本的差异（不写入）',
        body: ImportBody,
        response: { 200: ImportPreviewSchema, ...errorResponses },
      },
    },
    async (request) => previewImport(db, actorOf(request), { ...upload(request.body), converter }),
  );

  app.post(
    '/api/imports/commit',
    {
      config: { policy: { action: 'plan.import' } },
      schema: {
        tags: ['导入'],
        summary: '确认导入（全部成功或全部不写入；同一文件重复导入不产生新数据）',
        body: ImportBody,
        response: { 200: ImportResultSchema, ...errorResponses },
      },
    },
    async (request) => commitImport(deps.store, actorOf(request), { ...upload(request.body), converter }),
  );
}
