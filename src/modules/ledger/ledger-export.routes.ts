/** GET /api/ledger.xlsx: the ledger (任务台账) as an Excel workbook, for every signed-in role. */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { Obj, RowInteger, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { contentDisposition } from '../attachment/file-name.js';
import { AsOfDate } from '../status/status.schema.js';
import { exportLedger } from './ledger-export.service.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const LedgerQuery = Obj({
  planId: Type.Optional(RowInteger({ description: '默认最新年度的分解方案' })),
  bySection: Type.Optional(Type.Boolean({ description: '为每个部分另建一张工作表（第一张仍为全部任务）' })),
  asOf: Type.Optional(AsOfDate),
});
const Workbook = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '任务台账 .xlsx' });

export function ledgerExportRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/ledger.xlsx',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['台账'],
        summary: '导出任务台账（Excel）：每项任务和指标一行，含牵头领导、单位、计划值、最新完成值、红黄绿灯和最近报送日期',
        querystring: LedgerQuery,
        response: { 200: Workbook, ...errorResponses },
      },
    },
    async (request, reply) => {
      // Read from the standby when there is one (store.replica): a workbook may be a moment behind, as docs/deploy.md says.
      const { fileName, bytes } = await exportLedger(deps.store.replica, actorOf(request), request.query, deps.clock);
      return (reply as FastifyReply)
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition(fileName))
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}
