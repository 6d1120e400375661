/**
 * Dates and text as every route takes them, on SQLite and PostgreSQL: an
 * impossible date is a 400 wherever a date is sent (bodies and query
 * strings), names refuse control and direction characters, text is stored in
 * NFC, and a body that is not UTF-8 is refused instead of being read as U+FFFD.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { CHINESE, call, errorOf, signInAs, taskVersion, uniqueName, useApiFixture, type ApiFixture, type Method, type Session } from './api-fixture.js';

interface DateCase {
  route: string;
  method: Method;
  url: (fx: ApiFixture) => string;
  /** The field as the message names it. */
  field: string;
  body?: (fx: ApiFixture, date: string) => unknown;
}

const IMPOSSIBLE = ['2026-02-30', '2026-99-99', '9999-99-99', '2026-00-10', '1999-12-31', '2101-01-01', '2026-6-30', '20260630'];

const q = (date: string): string => encodeURIComponent(date);

/** Every route that takes a date, with the date in the place the route reads it; `date` is substituted. */
const ROUTES: ((date: string) => DateCase)[] = [
  (d) => ({
    route: 'PATCH /api/tasks/:id (deadline)',
    method: 'PATCH',
    url: (fx) => `/api/tasks/${fx.tasks.a.id}`,
    field: 'body.deadline',
    body: () => ({ version: 1, deadline: d }),
  }),
  (d) => ({
    route: 'POST /api/tasks/:id/extensions',
    method: 'POST',
    url: (fx) => `/api/tasks/${fx.tasks.a.id}/extensions`,
    field: 'body.newDeadline',
    body: () => ({ reason: '需要更多时间', newDeadline: d }),
  }),
  (d) => ({
    route: 'POST /api/rounds (periodEnd)',
    method: 'POST',
    url: () => '/api/rounds',
    field: 'body.periodEnd',
    body: (fx) => ({ planId: fx.planId, kind: 'adhoc', label: '临时调度', periodEnd: d, dueOn: '2026-04-05' }),
  }),
  (d) => ({
    route: 'POST /api/rounds (dueOn)',
    method: 'POST',
    url: () => '/api/rounds',
    field: 'body.dueOn',
    body: (fx) => ({ planId: fx.planId, kind: 'adhoc', label: '临时调度', periodEnd: '2026-03-31', dueOn: d }),
  }),
  (d) => ({
    route: 'POST /api/orders (respondBy)',
    method: 'POST',
    url: () => '/api/orders',
    field: 'body.respondBy',
    body: (fx) => ({ taskId: fx.tasks.a.id, unitId: fx.units.a.id, grade: 'blue', reason: '进度滞后', respondBy: d }),
  }),
  (d) => ({
    route: 'PATCH /api/workplans/:id (milestone dueOn)',
    method: 'PATCH',
    url: () => '/api/workplans/1',
    field: 'body.milestones.0.dueOn',
    body: () => ({ version: 1, milestones: [{ dueOn: d, title: '完成选址', unitId: null }] }),
  }),
  (d) => ({
    route: 'PATCH /api/workplans/:id (value periodEnd)',
    method: 'PATCH',
    url: () => '/api/workplans/1',
    field: 'body.values.0.periodEnd',
    body: () => ({ version: 1, values: [{ targetId: 1, periodEnd: d, value: 1 }] }),
  }),
  (d) => ({
    route: 'PATCH /api/reports/:id (milestone reachedOn)',
    method: 'PATCH',
    url: (fx) => `/api/reports/${fx.reports.a}`,
    field: 'body.milestones.0.reachedOn',
    body: () => ({ version: 1, milestones: [{ milestoneId: 1, reachedOn: d }] }),
  }),
  (d) => ({
    route: 'GET /api/tasks/:id/status?asOf',
    method: 'GET',
    url: (fx) => `/api/tasks/${fx.tasks.a.id}/status?asOf=${q(d)}`,
    field: 'querystring.asOf',
  }),
  (d) => ({ route: 'GET /api/dashboard?asOf', method: 'GET', url: () => `/api/dashboard?asOf=${q(d)}`, field: 'querystring.asOf' }),
  (d) => ({ route: 'GET /api/assessment?asOf', method: 'GET', url: () => `/api/assessment?asOf=${q(d)}`, field: 'querystring.asOf' }),
  (d) => ({
    route: 'GET /api/assessment/units/:id?asOf',
    method: 'GET',
    url: (fx) => `/api/assessment/units/${fx.units.a.id}?asOf=${q(d)}`,
    field: 'querystring.asOf',
  }),
  (d) => ({ route: 'GET /api/ledger.xlsx?asOf', method: 'GET', url: () => `/api/ledger.xlsx?asOf=${q(d)}`, field: 'querystring.asOf' }),
];

describeEachDatabase('dates and text', (getUrl) => {
  const fixture = useApiFixture(getUrl);
  /** The office keeps the unit list (and reads the ledger). */
  let office: Session;

  beforeAll(async () => {
    office = await signInAs(fixture().app, 'office');
  });

  describe('an impossible date is a 400 on every route that takes a date', () => {
    for (const make of ROUTES) {
      const route = make('').route;
      it(route, async () => {
        const fx = fixture();
        for (const date of IMPOSSIBLE) {
          const c = make(date);
          const res = await call(fx.app, office, c.method, c.url(fx), c.body?.(fx, date));
          expect(res.statusCode, `${route} ${date}: ${res.body}`).toBe(400);
          const error = errorOf(res);
          expect(error.code).toBe('invalid_request');
          expect(error.message).toBe(`请求参数有误：字段 ${c.field} 不是有效日期（YYYY-MM-DD，2000—2100 年间的真实日期）：${date}`);
        }
      });
    }
  });

  it('a bulletin period outside the calendar is refused', async () => {
    const fx = fixture();
    for (const period of ['2026-13', '9999-03', '1999-Q1']) {
      const res = await call(fx.app, office, 'POST', '/api/bulletins', { planId: fx.planId, period });
      expect(res.statusCode, `${period}: ${res.body}`).toBe(400);
      expect(errorOf(res).message).toMatch(CHINESE);
    }
  });

  it('the office moves a deadline to 29 February of a leap year, and not to 30 February; the refusal writes nothing', async () => {
    const fx = fixture();
    const id = fx.tasks.a.id;
    const version = await taskVersion(fx, id);
    const refused = await call(fx.app, office, 'PATCH', `/api/tasks/${id}`, { version, deadline: '2026-02-30', reason: '按市政府意见调整' });
    expect(refused.statusCode).toBe(400);
    expect(await taskVersion(fx, id)).toBe(version);

    const moved = await call(fx.app, office, 'PATCH', `/api/tasks/${id}`, { version, deadline: '2028-02-29', reason: '按市政府意见调整' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<{ deadline: string }>().deadline).toBe('2028-02-29');
    const status = await call(fx.app, office, 'GET', `/api/tasks/${id}/status?asOf=2028-02-29`);
    expect(status.statusCode, status.body).toBe(200);
  });

  describe('names', () => {
    const refusedNames: [string, string, string][] = [
      ['NUL', '区\u0000商务局', '含有不允许的控制字符'],
      ['a line feed', '区商务\n局', '含有不允许的控制字符'],
      ['a tab', '区商务\t局', '含有不允许的控制字符'],
      ['ESC', '区商务局\u001b[31m', '含有不允许的控制字符'],
      ['a C1 control', '区商务\u0085局', '含有不允许的控制字符'],
      ['a right-to-left override', '区商务局\u202Efdp.exe', '含有不允许的文字方向控制符'],
      ['a left-to-right isolate', '\u2066区商务局\u2069', '含有不允许的文字方向控制符'],
      ['a right-to-left mark', '区商务局\u200F', '含有不允许的文字方向控制符'],
      ['a lone surrogate', '区商务局\uD800', '含有无法编码的字符'],
    ];
    for (const [what, name, problem] of refusedNames) {
      it(`a unit name with ${what} is refused, and no unit is created`, async () => {
        const fx = fixture();
        const before = await call(fx.app, office, 'GET', '/api/units');
        const res = await call(fx.app, office, 'POST', '/api/units', { name });
        expect(res.statusCode, res.body).toBe(400);
        expect(errorOf(res).message).toContain(`字段 body.name ${problem}`);
        const after = await call(fx.app, office, 'GET', '/api/units');
        expect(after.json<{ items: unknown[] }>().items).toHaveLength(before.json<{ items: unknown[] }>().items.length);
      });
    }

    it('a display name with a right-to-left override is refused (users)', async () => {
      const admin = await signInAs(fixture().app, 'admin');
      const res = await call(fixture().app, admin, 'POST', '/api/users', {
        username: uniqueName('u'),
        role: 'observer',
        password: 'Lh-99-Strong!Pass9',
        displayName: '张\u202E三',
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(errorOf(res).message).toContain('字段 body.displayName 含有不允许的文字方向控制符');
    });

    it('a name is stored in NFC: the decomposed and the composed spelling are one name', async () => {
      const fx = fixture();
      const decomposed = `${uniqueName('服务中心')} Cafe\u0301`;
      const composed = decomposed.normalize('NFC');
      expect(composed).not.toBe(decomposed);
      const created = await call(fx.app, office, 'POST', '/api/units', { name: decomposed });
      expect(created.statusCode, created.body).toBe(200);
      expect(created.json<{ name: string }>().name).toBe(composed);
      const again = await call(fx.app, office, 'POST', '/api/units', { name: composed });
      expect(again.statusCode).toBe(409);
    });
  });

  describe('free text', () => {
    it('keeps line breaks and tabs, and refuses NUL and direction overrides, naming the field', async () => {
      const fx = fixture();
      const id = fx.tasks.b.id;
      const version = await taskVersion(fx, id);
      const nul = await call(fx.app, office, 'PATCH', `/api/tasks/${id}`, { version, text: '推进项目建设\u0000', reason: '更正文字' });
      expect(nul.statusCode).toBe(400);
      expect(errorOf(nul).message).toBe('请求参数有误：字段 body.text 含有不允许的控制字符');
      const bidi = await call(fx.app, office, 'PATCH', `/api/tasks/${id}`, { version, text: '推进\u202E项目建设', reason: '更正文字' });
      expect(bidi.statusCode).toBe(400);
      expect(errorOf(bidi).message).toBe('请求参数有误：字段 body.text 含有不允许的文字方向控制符');
      expect(await taskVersion(fx, id)).toBe(version);

      const text = '推进项目建设：\n\t一是完成选址；\n\t二是开工。';
      const ok = await call(fx.app, office, 'PATCH', `/api/tasks/${id}`, { version, text, reason: '更正文字' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<{ text: string }>().text).toBe(text);
    });

    it('a query string with a control character is refused, naming the parameter', async () => {
      const res = await call(fixture().app, office, 'GET', `/api/tasks?unit=${encodeURIComponent('区商务局\u0007')}`);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).message).toContain('字段 querystring.unit');
    });
  });

  describe('undecodable bodies', () => {
    it('a JSON body that is not valid UTF-8 is a 400, not a name full of U+FFFD', async () => {
      const fx = fixture();
      const name = Buffer.from(uniqueName('区测试局'), 'utf8');
      const payload = Buffer.concat([Buffer.from('{"name":"'), name, Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
      const res = await fx.app.inject({
        method: 'POST',
        url: '/api/units',
        headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(errorOf(res).message).toBe('请求体不是有效的 UTF-8 文本，无法读取；请以 UTF-8 编码发送');
      const units = await call(fx.app, office, 'GET', '/api/units');
      expect(units.body).not.toContain('\uFFFD');
    });

    it('GB18030 bytes sent as JSON are refused too; the same body in UTF-8 is taken', async () => {
      const fx = fixture();
      const name = uniqueName('区测试局');
      const gbk = Buffer.from([0xc7, 0xf8]); // 区 in GB18030
      const send = (bytes: Buffer) =>
        fx.app.inject({
          method: 'POST',
          url: '/api/units',
          headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': 'application/json; charset=utf-8' },
          payload: Buffer.concat([Buffer.from('{"name":"'), bytes, Buffer.from(`${name}"}`)]),
        });
      expect((await send(gbk)).statusCode).toBe(400);
      const ok = await send(Buffer.from('区', 'utf8'));
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<{ name: string }>().name).toBe(`区${name}`);
    });
  });
});
