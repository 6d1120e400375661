/**
 * The ledger export of a committed plan with reports, through the service and
 * GET /api/ledger.xlsx on both databases: the latest accepted values, the
 * lights, their reasons and the day of the last report are in the workbook; the route
 * answers a download with its Chinese file name.
 */
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { LEDGER_HEADERS } from '../../../src/documents/ledger-xlsx.js';
import { exportLedger } from '../../../src/modules/ledger/ledger-export.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, errorOf, signInAs, useApiFixture } from '../../server/api-fixture.js';
import { castOf, file, taskByKey, type Cast } from '../status/status-helpers.js';

type Worksheet = ReturnType<InstanceType<typeof ExcelJS.Workbook>['addWorksheet']>;

async function sheetsOf(bytes: Uint8Array): Promise<Worksheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook.worksheets;
}

const col = (header: string): number => LEDGER_HEADERS.indexOf(header) + 1;

/** The data rows of a ledger sheet as objects keyed by header. */
function rowsOf(sheet: Worksheet): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(LEDGER_HEADERS.map((h) => [h, row.getCell(col(h)).value])));
  }
  return rows;
}

/** The rows of the task with this key ("二/1"): its number, under its section. */
function ofTask(rows: Record<string, unknown>[], key: string): Record<string, unknown>[] {
  const [section = '', number = ''] = key.split('/');
  return rows.filter((r) => r['序号'] === Number(number) && String(r['部分']).startsWith(`${section}、`));
}

describeEachDatabase('the ledger export', (getUrl) => {
  const fx = useApiFixture(getUrl, { clock: () => new Date('2026-04-05T16:30:00Z') });
  let cast: Cast;
  beforeAll(async () => {
    cast = await castOf(fx());
    const [level = 0, , increment = 0] = (await taskByKey(fx(), fx().tasks.a.key)).targets;
    // Sent and accepted on 5 April at 10:00 in Shanghai: 新能源材料 30 of 1000 亿元, 营收 12 of 18 亿元.
    await file(fx().store.db, cast, fx().reports.a, {
      author: cast.liaisonA,
      head: cast.headA,
      values: [
        { targetId: level, value: 30 },
        { targetId: increment, value: 12 },
      ],
      submitAt: '2026-04-05T02:00:00Z',
    });
  });

  it('carries every task and target with its owners, the latest values, the lights and the last report date', async () => {
    const out = await exportLedger(fx().store.db, cast.office, { asOf: '2026-04-06' });
    expect(out.fileName).toBe('2026年任务台账.xlsx');
    expect(out.planId).toBe(fx().planId);
    const tasks = await fx().store.db.selectFrom('tasks').select('id').where('plan_id', '=', fx().planId).execute();
    expect(out.tasks).toBe(tasks.length);
    const [sheet] = await sheetsOf(out.bytes);
    if (!sheet) throw new Error('no sheet');
    const rows = rowsOf(sheet);
    expect(rows).toHaveLength(out.rows);
    const targets = await fx()
      .store.db.selectFrom('targets')
      .select(['id', 'task_id'])
      .where('plan_id', '=', fx().planId)
      .where('task_id', 'is not', null)
      .execute();
    const withoutTargets = tasks.filter((t) => !targets.some((g) => g.task_id === t.id)).length;
    expect(out.rows).toBe(targets.length + withoutTargets);

    const a = fx().tasks.a;
    const aRows = ofTask(rows, a.key);
    expect(aRows.length).toBe(targets.filter((g) => g.task_id === a.id).length);
    for (const r of aRows) {
      expect(r).toMatchObject({ 牵头领导: a.leaders.join('、'), 牵头单位: a.hostUnits.join('、'), 责任单位: a.coUnits.join('、'), 状态: '黄' });
      expect(r['最近报送日期']).toEqual(new Date('2026-04-05T00:00:00Z'));
    }
    expect(aRows[0]).toMatchObject({ 计划值: '1000亿元', 最新完成值: '30亿元', 完成率: 0.03 });
    expect(aRows[2]).toMatchObject({ 计划值: '18亿元', 最新完成值: '12亿元' });
    expect(aRows[2]?.['完成率']).toBeCloseTo(12 / 18, 12);
    expect(aRows[1]).toMatchObject({ 最新完成值: '', 完成率: null });

    // The other tasks owed March's report by 5 April and sent nothing: red, never reported.
    const others = rows.filter((r) => !aRows.includes(r));
    expect(others.every((r) => r['状态'] === '红' && r['最近报送日期'] === null)).toBe(true);
    expect(ofTask(rows, fx().tasks.b.key)[0]).toMatchObject({ 牵头单位: fx().tasks.b.hostUnits.join('、'), 责任单位: fx().tasks.b.coUnits.join('、') });
  });

  it('says in its last column why each task has its light, one reason a line, as the dashboard does', async () => {
    const out = await exportLedger(fx().store.db, cast.office, { asOf: '2026-04-06' });
    const [sheet] = await sheetsOf(out.bytes);
    if (!sheet) throw new Error('no sheet');
    expect(LEDGER_HEADERS.at(-1)).toBe('亮灯原因');
    const rows = rowsOf(sheet);
    // Task a is yellow for a target behind time progress (新能源材料 30 of 1000 亿元 against 26.3 % of the year), on every row of it.
    const aRows = ofTask(rows, fx().tasks.a.key);
    expect(new Set(aRows.map((r) => r['亮灯原因']))).toEqual(new Set(['新能源材料完成 30 亿元，为目标的 3.0%，落后时序进度 23.3 个百分点']));
    // Task b is red for its host units' overdue March report, and nothing else.
    const b = fx().tasks.b;
    expect(ofTask(rows, b.key)[0]?.['亮灯原因']).toBe(`${b.hostUnits.join('、')}的3月份进展报告应于 4月5日前报送，逾期未报`);
    // Each red or yellow task has a reason; the cell holds the texts the dashboard gives, one a line.
    const observer = await signInAs(fx().app, 'observer');
    const dashboard = (await call(fx().app, observer, 'GET', '/api/dashboard?asOf=2026-04-06')).json<{
      tasks: { key: string; light: string; reasons: { text: string }[] }[];
    }>();
    for (const t of dashboard.tasks) {
      const cell = ofTask(rows, t.key)[0]?.['亮灯原因'];
      expect(cell, t.key).toBe(t.reasons.map((r) => r.text).join('\n'));
      if (t.light === 'red' || t.light === 'yellow') expect(cell, t.key).not.toBe('');
    }
  });

  it('answers GET /api/ledger.xlsx with the workbook as a download, one sheet per section on request', async () => {
    const observer = await signInAs(fx().app, 'observer');
    const res = await call(fx().app, observer, 'GET', `/api/ledger.xlsx?planId=${fx().planId}&bySection=true`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="2026_____.xlsx"; filename*=UTF-8''${encodeURIComponent('2026年任务台账.xlsx')}`);
    const sheets = await sheetsOf(new Uint8Array(res.rawPayload));
    const sections = await fx().store.db.selectFrom('tasks').select('section_id').distinct().where('plan_id', '=', fx().planId).execute();
    expect(sheets.map((s) => s.name)[0]).toBe('全部任务');
    expect(sheets).toHaveLength(1 + sections.length);
    // Today in Shanghai is 6 April: task a is yellow there too.
    const [all] = sheets;
    if (!all) throw new Error('no sheet');
    expect(ofTask(rowsOf(all), fx().tasks.a.key)[0]?.['状态']).toBe('黄');

    const unknown = await call(fx().app, observer, 'GET', '/api/ledger.xlsx?planId=999999');
    expect(unknown.statusCode).toBe(404);
    const bad = await call(fx().app, observer, 'GET', '/api/ledger.xlsx?bySection=maybe');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('invalid_request');
  });
});
