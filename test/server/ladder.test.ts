/**
 * Every route climbs the ladder 401 → 400 → 403 → 2xx: without a session it
 * is refused, with a bad request it is refused before anyone's rights are
 * looked at, a user who may not is refused with a well-formed request, and a
 * user who may gets through. The table is checked against the app's route
 * table, so a new route without a case fails here.
 */
import { beforeAll, expect, it } from 'vitest';
import { assignRole, createUser } from '../../src/modules/user/user.service.js';
import { describeEachDatabase } from '../helpers/databases.js';
import {
  CHINESE,
  call,
  errorOf,
  pendingAccount,
  PEOPLE,
  routeKey,
  setReport,
  signInAs,
  signInEveryone,
  taskVersion,
  uniqueName,
  membersRequest,
  unitNow,
  useApiFixture,
  type ApiFixture,
  type Method,
  type PersonKey,
  type Session,
} from './api-fixture.js';

import { NO_INPUT, PASSWORD_DUE, upload, type LadderCase } from './access/ladder-case.js';
import { AREA_LADDERS } from './access/areas.js';

const NEW_PASSWORD = 'Lh-06-Changed!Pass9';

const CORE: Record<string, LadderCase> = {
  'DELETE /api/session': {
    valid: () => ({ url: '/api/session' }),
    invalid: { skip: 'DELETE without parameters or body' },
    may: 'observer',
    mayNot: { none: 'every signed-in user may sign out (signedIn)' },
    success: 204,
    ownSession: true,
  },
  'GET /api/me': {
    valid: () => ({ url: '/api/me' }),
    invalid: NO_INPUT,
    may: 'pending',
    mayNot: { none: 'every signed-in user may see who they are (signedIn)' },
  },
  'PUT /api/me/email': {
    valid: () => ({ url: '/api/me/email', body: { email: 'gcy.wang@linhe.example.gov.cn' } }),
    invalid: () => ({ url: '/api/me/email', body: { email: 'gcy.wang@linhe.example.gov.cn', verified: true } }),
    may: 'observer',
    mayNot: { none: 'session.self: every signed-in user keeps their own contact, even one whose password change is due' },
  },
  'POST /api/me/password': {
    valid: () => ({ url: '/api/me/password', body: { currentPassword: PEOPLE.observer.password, newPassword: NEW_PASSWORD } }),
    invalid: () => ({ url: '/api/me/password', body: { currentPassword: PEOPLE.observer.password, newPassword: NEW_PASSWORD, confirm: NEW_PASSWORD } }),
    may: 'observer',
    mayNot: { none: 'session.self: every signed-in user, even one whose password change is due' },
    restore: async (fx, session) => {
      const res = await call(fx.app, session, 'POST', '/api/me/password', { currentPassword: NEW_PASSWORD, newPassword: PEOPLE.observer.password });
      expect(res.statusCode, res.body).toBe(200);
    },
  },
  'GET /api/plans': { valid: () => ({ url: '/api/plans' }), invalid: NO_INPUT, may: 'observer', mayNot: PASSWORD_DUE },
  'GET /api/plans/:id': {
    valid: (fx) => ({ url: `/api/plans/${fx.planId}` }),
    invalid: () => ({ url: '/api/plans/latest' }),
    may: 'leader',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/sections': {
    valid: (fx) => ({ url: `/api/sections?planId=${fx.planId}` }),
    invalid: () => ({ url: '/api/sections?planId=first' }),
    may: 'liaisonA',
    mayNot: PASSWORD_DUE,
  },
  'POST /api/imports/preview': {
    valid: (fx) => ({ ...upload(fx), url: '/api/imports/preview' }),
    invalid: (fx) => ({ url: '/api/imports/preview', body: { ...fx.upload, overwrite: true } }),
    may: 'office',
    mayNot: 'liaisonA',
  },
  'POST /api/imports/commit': {
    valid: (fx) => ({ ...upload(fx), url: '/api/imports/commit' }),
    invalid: (fx) => ({ url: '/api/imports/commit', body: { ...fx.upload, fileName: { name: 'notice.txt' } } }),
    may: 'office',
    mayNot: 'observer',
  },
  'GET /api/tasks': {
    valid: (fx) => ({ url: `/api/tasks?unitId=${fx.units.a.id}` }),
    invalid: () => ({ url: '/api/tasks?owner=me' }),
    may: 'auditor',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/tasks/:id': {
    valid: (fx) => ({ url: `/api/tasks/${fx.tasks.b.id}` }),
    invalid: () => ({ url: '/api/tasks/0' }),
    may: 'liaisonA',
    mayNot: PASSWORD_DUE,
  },
  'PATCH /api/tasks/:id': {
    valid: async (fx) => ({
      url: `/api/tasks/${fx.tasks.a.id}`,
      body: { version: await taskVersion(fx, fx.tasks.a.id), deadlineText: '年底前（督查室更正）', reason: '按通知更正' },
    }),
    invalid: (fx) => ({ url: `/api/tasks/${fx.tasks.a.id}`, body: { version: 'latest', deadlineText: '年内' } }),
    may: 'office',
    mayNot: 'headA',
  },
  'POST /api/rounds': {
    valid: (fx) => ({
      url: '/api/rounds',
      body: { planId: fx.planId, kind: 'adhoc', label: uniqueName('专项调度'), periodEnd: '2026-05-31', dueOn: '2026-06-05' },
    }),
    invalid: (fx) => ({ url: '/api/rounds', body: { planId: fx.planId, kind: 'weekly', label: '第 12 周', periodEnd: '2026-03-20', dueOn: '2026-03-22' } }),
    may: 'office',
    mayNot: 'liaisonA',
  },
  'GET /api/rounds': {
    valid: (fx) => ({ url: `/api/rounds?planId=${fx.planId}` }),
    invalid: () => ({ url: '/api/rounds?planId=latest' }),
    may: 'observer',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/reports': {
    valid: (fx) => ({ url: `/api/reports?roundId=${fx.roundId}` }),
    invalid: () => ({ url: '/api/reports?owner=me' }),
    may: 'liaisonB',
    mayNot: PASSWORD_DUE,
  },
  'GET /api/reports/:id': {
    valid: async (fx) => {
      await setReport(fx, fx.reports.a, { status: 'draft', authorKey: 'liaisonA' });
      return { url: `/api/reports/${fx.reports.a}` };
    },
    invalid: () => ({ url: '/api/reports/first' }),
    may: 'leader',
    mayNot: 'liaisonB',
  },
  'PATCH /api/reports/:id': {
    valid: async (fx) => ({
      url: `/api/reports/${fx.reports.a}`,
      body: { version: await setReport(fx, fx.reports.a, { status: 'draft', authorKey: 'liaisonA' }), progress: '已完成年度任务的三分之一。' },
    }),
    invalid: (fx) => ({ url: `/api/reports/${fx.reports.a}`, body: { version: 1, progress: '已完成。', author: 'me' } }),
    may: 'liaisonA',
    mayNot: 'liaisonB',
  },
  'POST /api/reports/:id/approve': {
    valid: async (fx) => {
      await setReport(fx, fx.reports.a, { status: 'draft', authorKey: 'liaisonA' });
      return { url: `/api/reports/${fx.reports.a}/approve` };
    },
    invalid: () => ({ url: '/api/reports/first/approve' }),
    may: 'headA',
    mayNot: 'liaisonA',
  },
  'POST /api/reports/:id/submit': {
    valid: async (fx) => {
      await setReport(fx, fx.reports.a, { status: 'approved', authorKey: 'liaisonA' });
      return { url: `/api/reports/${fx.reports.a}/submit` };
    },
    invalid: () => ({ url: '/api/reports/first/submit' }),
    may: 'headA',
    mayNot: 'leader',
  },
  'POST /api/reports/:id/accept': {
    valid: async (fx) => {
      await setReport(fx, fx.reports.a, { status: 'submitted', authorKey: 'liaisonA' });
      return { url: `/api/reports/${fx.reports.a}/accept` };
    },
    invalid: () => ({ url: '/api/reports/0/accept' }),
    may: 'office',
    mayNot: 'headA',
  },
  'POST /api/reports/:id/return': {
    valid: async (fx) => {
      await setReport(fx, fx.reports.a, { status: 'submitted', authorKey: 'liaisonA' });
      return { url: `/api/reports/${fx.reports.a}/return`, body: { comment: '请补充统计口径。' } };
    },
    invalid: (fx) => ({ url: `/api/reports/${fx.reports.a}/return`, body: { comment: '请补充统计口径。', severity: 'high' } }),
    may: 'office',
    mayNot: 'headA',
  },
  'GET /api/units': { valid: () => ({ url: '/api/units' }), invalid: NO_INPUT, may: 'secadmin', mayNot: PASSWORD_DUE },
  'POST /api/units': {
    valid: () => ({ url: '/api/units', body: { name: uniqueName('测试单位'), kind: 'department' } }),
    invalid: () => ({ url: '/api/units', body: { name: uniqueName('测试单位'), kind: 'ministry' } }),
    may: 'office',
    mayNot: 'sysadmin',
  },
  'PATCH /api/units/:id': {
    valid: async (fx) => {
      const unit = await unitNow(fx, fx.units.b.id);
      return { url: `/api/units/${fx.units.b.id}`, body: { version: unit.version, kind: unit.kind } };
    },
    invalid: (fx) => ({ url: `/api/units/${fx.units.b.id}`, body: { version: 1, parentId: fx.units.a.id } }),
    may: 'office',
    mayNot: 'sysadmin',
  },
  'PUT /api/units/:id/aliases': {
    valid: async (fx) => {
      const unit = await unitNow(fx, fx.units.b.id);
      return { url: `/api/units/${fx.units.b.id}/aliases`, body: { version: unit.version, aliases: [uniqueName('简称')] } };
    },
    invalid: (fx) => ({ url: `/api/units/${fx.units.b.id}/aliases`, body: { version: 1, aliases: '区商务' } }),
    may: 'office',
    mayNot: 'headA',
  },
  'PUT /api/units/:id/members': {
    valid: (fx) => membersRequest(fx, '相关镇街'),
    invalid: (fx) => ({ url: `/api/units/${fx.units.b.id}/members`, body: { version: 1, members: ['白沙镇'] } }),
    may: 'office',
    mayNot: 'sysadmin',
  },
  'GET /api/leaders': { valid: () => ({ url: '/api/leaders' }), invalid: NO_INPUT, may: 'headA', mayNot: PASSWORD_DUE },
  'GET /api/users': { valid: () => ({ url: '/api/users' }), invalid: NO_INPUT, may: 'auditor', mayNot: 'office' },
  'POST /api/users': {
    valid: () => ({ url: '/api/users', body: { username: uniqueName('u'), role: 'observer', password: 'Lh-90-Strong!Pass9', displayName: '新观察员' } }),
    invalid: () => ({ url: '/api/users', body: { username: uniqueName('u'), role: 'emperor', password: 'Lh-90-Strong!Pass9' } }),
    may: 'sysadmin',
    mayNot: 'secadmin',
  },
  'POST /api/users/:id/unlock': {
    valid: (fx) => ({ url: `/api/users/${fx.userIds.spare}/unlock` }),
    invalid: () => ({ url: '/api/users/me/unlock' }),
    may: 'secadmin',
    mayNot: 'sysadmin',
  },
  'POST /api/users/:id/password-reset': {
    valid: async (fx) => ({
      url: `/api/users/${(await createUser(fx.store.db, fx.operator, { username: uniqueName('r'), role: 'observer', password: 'Lh-90-Strong!Pass9' })).id}/password-reset`,
    }),
    invalid: () => ({ url: '/api/users/me/password-reset' }),
    may: 'sysadmin',
    mayNot: 'auditor',
  },
  'PUT /api/users/:id/role': {
    valid: (fx) => ({ url: `/api/users/${fx.userIds.spare}/role`, body: { role: 'observer' } }),
    invalid: (fx) => ({ url: `/api/users/${fx.userIds.spare}/role`, body: { role: 'observer', unitId: fx.units.a.id } }),
    may: 'sysadmin',
    mayNot: 'secadmin',
    // The role now waits for a grant: the operator puts it back in force.
    restore: async (fx) => {
      await assignRole(fx.store.db, fx.operator, { user: { id: fx.userIds.spare }, role: 'observer' });
    },
  },
  'POST /api/users/:id/grant': {
    valid: async (fx) => {
      const user = await pendingAccount(fx, 'observer');
      return { url: `/api/users/${user.id}/grant`, body: { role: 'observer', version: user.version } };
    },
    invalid: (fx) => ({ url: `/api/users/${fx.userIds.spare}/grant`, body: { role: 'observer' } }),
    may: 'secadmin',
    mayNot: 'sysadmin',
  },
  'PUT /api/users/:id/disabled': {
    valid: (fx) => ({ url: `/api/users/${fx.userIds.spare}/disabled`, body: { disabled: false } }),
    invalid: (fx) => ({ url: `/api/users/${fx.userIds.spare}/disabled`, body: { disabled: 'perhaps' } }),
    may: 'sysadmin',
    mayNot: 'secadmin',
  },
  'GET /api/audit': {
    valid: () => ({ url: '/api/audit?limit=5&action=user&from=2026-01-01' }),
    invalid: () => ({ url: '/api/audit?limit=0' }),
    may: 'auditor',
    mayNot: 'liaisonB',
  },
  'GET /api/audit.csv': {
    valid: () => ({ url: '/api/audit.csv?objectType=user' }),
    invalid: () => ({ url: '/api/audit.csv?from=2026-02-30' }),
    may: 'auditor',
    mayNot: 'secadmin',
  },
  'GET /api/audit/verify': { valid: () => ({ url: '/api/audit/verify' }), invalid: NO_INPUT, may: 'auditor', mayNot: 'sysadmin' },
};

const CASES: Record<string, LadderCase> = { ...CORE, ...AREA_LADDERS };

const APP_OR_PLAIN_PAGE = /<div id="root"><\/div>|<table>/;

/** Open to anyone: each answers an anonymous client. */
const PUBLIC: Record<string, (fx: ApiFixture) => { url: string; body?: unknown; check(body: string): void }> = {
  'GET /api/health': () => ({ url: '/api/health', check: (body) => expect(JSON.parse(body)).toMatchObject({ status: 'ok' }) }),
  'GET /api/openapi.json': () => ({ url: '/api/openapi.json', check: (body) => expect(JSON.parse(body)).toHaveProperty('paths') }),
  // The web app's index.html once `npm run build:web` has run; before that, the plain ledger page.
  'GET /': () => ({ url: '/', check: (body) => expect(body).toMatch(APP_OR_PLAIN_PAGE) }),
  'GET /*': () => ({ url: '/ledger', check: (body) => expect(body).toMatch(APP_OR_PLAIN_PAGE) }),
  'POST /api/session': () => ({
    url: '/api/session',
    body: { username: PEOPLE.observer.username, password: PEOPLE.observer.password },
    check: (body) => expect(JSON.parse(body)).toMatchObject({ user: { username: PEOPLE.observer.username }, mustChangePassword: false }),
  }),
};

const splitKey = (key: string): { method: Method; url: string } => {
  const [method = '', url = ''] = key.split(' ');
  return { method: method as Method, url };
};

const rungs = (c: LadderCase): string =>
  [
    '401',
    typeof c.invalid === 'function' ? '400' : `(400 skipped: ${c.invalid.skip})`,
    typeof c.mayNot === 'string' ? `403 for ${PEOPLE[c.mayNot].label}` : `(403 skipped: ${c.mayNot.none})`,
    `${c.success ?? 200} for ${PEOPLE[c.may].label}`,
  ].join(' → ');

describeEachDatabase('the ladder', (getUrl, kind) => {
  const fx = useApiFixture(getUrl);
  let sessions: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    sessions = await signInEveryone(fx().app);
  });

  it('has one case for every route in the route table, and no case for a route that does not exist', () => {
    const table = fx().app.routeTable;
    const guarded = table.filter((r) => !(r.policy && 'public' in r.policy)).map(routeKey);
    const open = table.filter((r) => r.policy && 'public' in r.policy).map(routeKey);
    expect(Object.keys(CASES).sort()).toEqual(guarded.sort());
    expect(Object.keys(PUBLIC).sort()).toEqual(open.sort());
  });

  for (const [key, build] of Object.entries(PUBLIC)) {
    it(`${key}: 200 for an anonymous client`, async () => {
      const { method } = splitKey(key);
      const req = build(fx());
      const res = await call(fx().app, null, method, req.url, req.body);
      expect(res.statusCode, res.body).toBe(200);
      req.check(res.body);
      if (key === 'GET /api/health') expect(res.json()).toEqual({ status: 'ok', database: kind });
    });
  }

  for (const [key, c] of Object.entries(CASES)) {
    it(`${key}: ${rungs(c)}`, async () => {
      const { method, url: template } = splitKey(key);
      const app = fx().app;
      const valid = await c.valid(fx());
      expect(valid.url.split('?')[0]?.replace(/\/\d+(?=\/|$)/g, '/:id'), 'the case requests its own route').toBe(template);

      // 401: no session, or a session the server does not know.
      for (const who of [null, { username: '-', cookie: 'luoshi_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', token: '', csrf: 'x' }]) {
        const anonymous = await call(app, who, method, valid.url, valid.body);
        expect(anonymous.statusCode, `401 rung (${who ? 'unknown session' : 'no cookie'}): ${anonymous.body}`).toBe(401);
        expect(errorOf(anonymous).code).toBe('unauthenticated');
        expect(errorOf(anonymous).message).toMatch(CHINESE);
      }

      // 400: the user may, the request is wrong.
      if (typeof c.invalid === 'function') {
        const invalid = c.invalid(fx());
        const res = await call(app, sessions[c.may], method, invalid.url, invalid.body);
        expect(res.statusCode, `400 rung: ${res.body}`).toBe(400);
        expect(errorOf(res).code).toBe('invalid_request');
        expect(errorOf(res).message).toMatch(CHINESE);
      }

      // 403: the request is right, the user may not.
      if (typeof c.mayNot === 'string') {
        const res = await call(app, sessions[c.mayNot], method, valid.url, valid.body);
        expect(res.statusCode, `403 rung: ${res.body}`).toBe(403);
        expect(errorOf(res).code).toBe(c.mayNot === PASSWORD_DUE ? 'password_change_required' : 'forbidden');
        expect(errorOf(res).message).toMatch(CHINESE);
      }

      // 2xx: the request is right and the user may.
      const session = c.ownSession ? await signInAs(app, c.may) : sessions[c.may];
      const request = await c.valid(fx());
      const ok = await call(app, session, method, request.url, request.body);
      expect(ok.statusCode, `2xx rung: ${ok.body}`).toBe(c.success ?? 200);
      if (c.ownSession) expect((await call(app, session, 'GET', '/api/me')).statusCode, 'the session has ended').toBe(401);
      await c.restore?.(fx(), session);
    });
  }
});
