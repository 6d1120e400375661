/**
 * Who may do what, through the HTTP API: every role against every route,
 * with the route's object belonging to unit B (区商务局) where it takes one,
 * and the unit-bound users in unit A (区工业和信息化局). The expected answer
 * comes from the rules as written below, not from the code's own tables:
 *
 * - office: the ledger's work (import, change any task, keep the unit directory), no administration;
 * - leader: changes the tasks they lead;
 * - head / liaison: change the tasks their unit hosts or helps with;
 * - observer: reads;
 * - sysadmin: accounts that are not administrators' (never their own), their roles included;
 * - secadmin: unlocks accounts and grants the roles the system administrator set (never on their own account);
 * - auditor: the audit log;
 * - everyone signed in: reads the ledger and looks after their own session and password,
 *   except that a user whose password change is due may do nothing else until it is done.
 *
 * A refusal (401, 403) must leave the audit log as it was: nothing happened.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { assignRole, createUser, resetPassword } from '../../src/modules/user/user.service.js';
import { describeEachDatabase } from '../helpers/databases.js';
import {
  call,
  errorOf,
  LEADER,
  membersRequest,
  PEOPLE,
  routeKey,
  pendingAccount,
  setReport,
  signIn,
  signInAs,
  signInEveryone,
  UNIT_A,
  UNIT_B,
  uniqueName,
  unitNow,
  type ApiFixture,
  type Method,
  type PersonKey,
  type Session,
  useApiFixture,
} from './api-fixture.js';
import { AREA_MATRICES } from './access/areas.js';
import {
  label,
  NEW_PASSWORD,
  own,
  reportStep,
  rules,
  STRONG,
  target,
  TASK_A,
  TASK_B,
  taskPatch,
  WHO,
  type Ctx,
  type Variant,
  type Who,
} from './access/matrix-rules.js';
const CORE: Record<string, Variant[]> = {
  'GET /api/health': [{ request: () => ({ url: '/api/health' }), allowed: 'public' }],
  'GET /api/openapi.json': [{ request: () => ({ url: '/api/openapi.json' }), allowed: 'public' }],
  'GET /': [{ request: () => ({ url: '/' }), allowed: 'public' }],
  'GET /*': [{ object: 'an address of the web app', request: () => ({ url: '/tasks/1' }), allowed: 'public' }],
  'POST /api/session': [
    {
      object: 'own credentials',
      request: ({ who }) => {
        const p = PEOPLE[who === 'anonymous' ? 'spare' : who];
        return { url: '/api/session', body: { username: p.username, password: p.password } };
      },
      allowed: 'public',
      audited: true,
    },
  ],
  'GET /api/me': [{ request: () => ({ url: '/api/me' }), allowed: 'signedIn' }],
  'GET /api/plans': [{ request: () => ({ url: '/api/plans' }), allowed: rules.readLedger }],
  'GET /api/plans/:id': [{ request: ({ fx }) => ({ url: `/api/plans/${fx.planId}` }), allowed: rules.readLedger }],
  'GET /api/sections': [{ request: ({ fx }) => ({ url: `/api/sections?planId=${fx.planId}` }), allowed: rules.readLedger }],
  'POST /api/imports/preview': [{ request: ({ fx }) => ({ url: '/api/imports/preview', body: fx.upload }), allowed: rules.importPlan }],
  'POST /api/imports/commit': [{ request: ({ fx }) => ({ url: '/api/imports/commit', body: fx.upload }), allowed: rules.importPlan }],
  'GET /api/tasks': [{ object: `tasks of ${UNIT_B}`, request: ({ fx }) => ({ url: `/api/tasks?unitId=${fx.units.b.id}` }), allowed: rules.readLedger }],
  'GET /api/tasks/:id': [{ object: `task hosted by ${UNIT_B}`, request: ({ fx }) => ({ url: `/api/tasks/${fx.tasks.b.id}` }), allowed: rules.readLedger }],
  'PATCH /api/tasks/:id': [
    taskPatch((fx) => fx.tasks.b, TASK_B, `task hosted by ${UNIT_B}`),
    taskPatch((fx) => fx.tasks.a, TASK_A, `task hosted by ${UNIT_A}, led by ${LEADER}`),
  ],
  'POST /api/rounds': [
    {
      request: ({ fx }) => ({
        url: '/api/rounds',
        body: { planId: fx.planId, kind: 'adhoc', label: uniqueName('矩阵调度'), periodEnd: '2026-05-31', dueOn: '2026-06-05' },
      }),
      allowed: rules.manageRounds,
      audited: true,
    },
  ],
  'GET /api/rounds': [{ request: ({ fx }) => ({ url: `/api/rounds?planId=${fx.planId}` }), allowed: rules.readLedger }],
  'GET /api/reports': [
    {
      object: `reports of ${UNIT_B}, only the visible ones listed`,
      request: ({ fx }) => ({ url: `/api/reports?roundId=${fx.roundId}&unitId=${fx.units.b.id}` }),
      allowed: rules.readLedger,
    },
  ],
  'GET /api/reports/:id': [
    {
      object: `draft of ${UNIT_B}`,
      request: async ({ fx }) => {
        await setReport(fx, fx.reports.b, { status: 'draft', authorKey: 'liaisonB' });
        return { url: `/api/reports/${fx.reports.b}` };
      },
      allowed: (who) => rules.readDraft(who, TASK_B, UNIT_B),
    },
    {
      object: `accepted report of ${UNIT_B} (public ledger)`,
      request: async ({ fx }) => {
        await setReport(fx, fx.reports.b, { status: 'accepted', authorKey: 'liaisonB' });
        return { url: `/api/reports/${fx.reports.b}` };
      },
      allowed: rules.readLedger,
    },
  ],
  'PATCH /api/reports/:id': [
    reportStep('b', '', { status: 'draft', author: 'liaisonB' }, (who, m) => rules.writeDraft(who, m.task, m.unit)),
    reportStep('a', '', { status: 'returned', author: 'liaisonA' }, (who, m) => rules.writeDraft(who, m.task, m.unit)),
  ],
  'POST /api/reports/:id/approve': [
    reportStep('b', 'approve', { status: 'draft', author: 'liaisonB' }, (who, m) => rules.approve(who, m.task, m.unit, 'liaisonB')),
    reportStep('a', 'approve', { status: 'draft', author: 'liaisonA' }, (who, m) => rules.approve(who, m.task, m.unit, 'liaisonA')),
    reportStep('a', 'approve', { status: 'draft', author: 'headA' }, (who, m) => rules.approve(who, m.task, m.unit, 'headA')),
  ],
  'POST /api/reports/:id/submit': [
    reportStep('b', 'submit', { status: 'approved', author: 'liaisonB' }, (who, m) => rules.submit(who, m.task, m.unit)),
    reportStep('a', 'submit', { status: 'approved', author: 'liaisonA' }, (who, m) => rules.submit(who, m.task, m.unit)),
  ],
  'POST /api/reports/:id/accept': [reportStep('b', 'accept', { status: 'submitted', author: 'liaisonB' }, rules.review)],
  'POST /api/reports/:id/return': [reportStep('b', 'return', { status: 'submitted', author: 'liaisonB' }, rules.review, { comment: '请补充统计口径。' })],
  'GET /api/units': [{ request: () => ({ url: '/api/units' }), allowed: rules.readLedger }],
  'POST /api/units': [
    { request: () => ({ url: '/api/units', body: { name: uniqueName('矩阵单位'), kind: 'department' } }), allowed: rules.manageUnits, audited: true },
  ],
  'PATCH /api/units/:id': [
    {
      object: UNIT_B,
      request: async ({ fx }) => {
        const unit = await unitNow(fx, fx.units.b.id);
        return { url: `/api/units/${fx.units.b.id}`, body: { version: unit.version, kind: unit.kind } };
      },
      allowed: rules.manageUnits,
      audited: true,
    },
  ],
  'PUT /api/units/:id/aliases': [
    {
      object: UNIT_B,
      request: async ({ fx }) => {
        const unit = await unitNow(fx, fx.units.b.id);
        return { url: `/api/units/${fx.units.b.id}/aliases`, body: { version: unit.version, aliases: [uniqueName('矩阵简称')] } };
      },
      allowed: rules.manageUnits,
      audited: true,
    },
  ],
  'PUT /api/units/:id/members': [
    {
      object: 'the group 相关镇街',
      // Each request changes the members (one town out, or all back in), so that each allowed one writes its audit row.
      request: ({ fx }) => membersRequest(fx, '相关镇街'),
      allowed: rules.manageUnits,
      audited: true,
    },
  ],
  'GET /api/leaders': [{ request: () => ({ url: '/api/leaders' }), allowed: rules.readLedger }],
  'GET /api/users': [{ request: () => ({ url: '/api/users' }), allowed: rules.readUsers }],
  'POST /api/users': [
    {
      object: `a new liaison of ${UNIT_B}`,
      request: () => ({ url: '/api/users', body: { username: uniqueName('m'), role: 'liaison', unitName: UNIT_B, password: STRONG } }),
      allowed: (who) => rules.manageAccount(who, { key: 'spare', role: 'liaison' }),
      audited: true,
    },
    {
      object: 'a new auditor (administrator account)',
      request: () => ({ url: '/api/users', body: { username: uniqueName('m'), role: 'auditor', password: STRONG } }),
      allowed: (who) => rules.manageAccount(who, { key: 'spare', role: 'auditor' }),
    },
  ],
  'POST /api/users/:id/unlock': [
    {
      object: `the liaison of ${UNIT_B}`,
      request: ({ fx }) => ({ url: `/api/users/${fx.userIds.liaisonB}/unlock` }),
      allowed: (who) => rules.unlock(who, target('liaisonB')),
      audited: true,
    },
    {
      object: 'own account',
      request: ({ fx, who }) => ({ url: `/api/users/${fx.userIds[own(who).key]}/unlock` }),
      allowed: (who) => rules.unlock(who, own(who)),
    },
  ],
  'POST /api/users/:id/password-reset': [
    {
      object: 'a fresh observer account',
      request: async ({ fx }) => ({ url: `/api/users/${(await operatorAccount(fx, 'observer')).id}/password-reset` }),
      allowed: (who) => rules.resetPassword(who, { key: 'spare', role: 'observer' }),
      audited: true,
    },
    {
      object: 'a fresh auditor account (administrator)',
      request: async ({ fx }) => ({ url: `/api/users/${(await operatorAccount(fx, 'auditor')).id}/password-reset` }),
      allowed: (who) => rules.resetPassword(who, { key: 'spare', role: 'auditor' }),
      audited: true,
    },
    {
      object: 'own account',
      request: ({ fx, who }) => ({ url: `/api/users/${fx.userIds[own(who).key]}/password-reset` }),
      allowed: (who) => rules.resetPassword(who, own(who)),
    },
  ],
  'PUT /api/users/:id/role': [
    {
      object: `the liaison of ${UNIT_B}, staying liaison`,
      request: ({ fx }) => ({ url: `/api/users/${fx.userIds.liaisonB}/role`, body: { role: 'liaison', unitName: UNIT_B } }),
      allowed: (who) => rules.assignRole(who, target('liaisonB'), 'liaison'),
      audited: true,
      // The role now waits for a grant: the operator puts it back in force.
      restore: async ({ fx }) => {
        await assignRole(fx.store.db, fx.operator, { user: { id: fx.userIds.liaisonB }, role: 'liaison', unitName: UNIT_B });
        return undefined;
      },
    },
    {
      object: `the liaison of ${UNIT_B}, made auditor`,
      request: ({ fx }) => ({ url: `/api/users/${fx.userIds.liaisonB}/role`, body: { role: 'auditor' } }),
      allowed: (who) => rules.assignRole(who, target('liaisonB'), 'auditor'),
    },
    {
      object: 'the auditor, made observer',
      request: ({ fx }) => ({ url: `/api/users/${fx.userIds.auditor}/role`, body: { role: 'observer' } }),
      allowed: (who) => rules.assignRole(who, target('auditor'), 'observer'),
    },
  ],
  'POST /api/users/:id/grant': [
    {
      object: 'a new observer made by the system administrator',
      request: async ({ fx }) => {
        const user = await pendingAccount(fx, 'observer');
        return { url: `/api/users/${user.id}/grant`, body: { role: 'observer', version: user.version } };
      },
      allowed: (who) => rules.grantRole(who, { key: 'spare', role: 'observer' }),
      audited: true,
    },
    {
      object: 'own account',
      request: ({ fx, who }) => ({ url: `/api/users/${fx.userIds[own(who).key]}/grant`, body: { role: own(who).role, version: 1 } }),
      allowed: (who) => rules.grantRole(who, own(who)),
    },
  ],
  'PUT /api/users/:id/disabled': [
    {
      object: `the liaison of ${UNIT_B}, enabled`,
      request: ({ fx }) => ({ url: `/api/users/${fx.userIds.liaisonB}/disabled`, body: { disabled: false } }),
      allowed: (who) => rules.manageAccount(who, target('liaisonB')),
      audited: true,
    },
    {
      object: 'the auditor (administrator account), enabled',
      request: ({ fx }) => ({ url: `/api/users/${fx.userIds.auditor}/disabled`, body: { disabled: false } }),
      allowed: (who) => rules.manageAccount(who, target('auditor')),
    },
    {
      object: 'own account, enabled',
      request: ({ fx, who }) => ({ url: `/api/users/${fx.userIds[own(who).key]}/disabled`, body: { disabled: false } }),
      allowed: (who) => rules.manageAccount(who, own(who)),
    },
  ],
  'GET /api/audit': [{ request: () => ({ url: '/api/audit?limit=3' }), allowed: rules.readAudit }],
  'GET /api/audit.csv': [{ request: () => ({ url: '/api/audit.csv?action=user' }), allowed: rules.readAudit }],
  'GET /api/audit/verify': [{ request: () => ({ url: '/api/audit/verify' }), allowed: rules.readAudit }],
  'DELETE /api/session': [{ request: () => ({ url: '/api/session' }), allowed: 'signedIn', success: 204, ownSession: true, audited: true }],
  'PUT /api/me/email': [
    { request: ({ who }) => ({ url: '/api/me/email', body: { email: `${who}@linhe.example.gov.cn` } }), allowed: 'signedIn', audited: true },
  ],
  'POST /api/me/password': [
    {
      request: ({ who }) => ({
        url: '/api/me/password',
        body: { currentPassword: PEOPLE[who === 'anonymous' ? 'spare' : who].password, newPassword: NEW_PASSWORD },
      }),
      allowed: 'signedIn',
      audited: true,
      restore: async ({ fx, who, session }) => {
        if (who === 'anonymous') return undefined;
        const p = PEOPLE[who];
        const back = await call(fx.app, session, 'POST', '/api/me/password', { currentPassword: NEW_PASSWORD, newPassword: p.password });
        expect(back.statusCode, back.body).toBe(200);
        if (who !== 'pending') return undefined;
        // The change settled the due password change: make it due again, as the account was (this ends its sessions).
        await resetPassword(fx.store.db, fx.operator, { user: { id: fx.userIds.pending }, newPassword: p.password });
        return signIn(fx.app, p.username, p.password);
      },
    },
  ],
};

const MATRIX: Record<string, Variant[]> = { ...CORE, ...AREA_MATRICES };

/** An account of its own for a change that would end a fixture account's sessions (made by the operator: in force). */
function operatorAccount(fx: ApiFixture, role: 'observer' | 'auditor') {
  return createUser(fx.store.db, fx.operator, { username: uniqueName('r'), role, password: STRONG });
}

function expectedStatus(variant: Variant, who: Who): number {
  if (variant.allowed === 'public') return 200;
  if (who === 'anonymous') return 401;
  if (variant.allowed === 'signedIn') return variant.success ?? 200;
  if (who === 'pending') return 403;
  return variant.allowed(who) ? (variant.success ?? 200) : 403;
}

const auditCount = async (fx: ApiFixture): Promise<number> =>
  Number(
    (
      await fx.store.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachDatabase('the access matrix', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let sessions: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    sessions = await signInEveryone(fx().app);
  });

  it('covers every route of the route table, and only those', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(fx().app.routeTable.map(routeKey).sort());
  });

  it('works on tasks as the rules assume them', () => {
    const { a, b } = fx().tasks;
    for (const who of WHO) {
      if (who === 'anonymous') continue;
      expect(rules.updateTask(who, a), `${label(who)} on ${a.key}`).toBe(rules.updateTask(who, TASK_A));
      expect(rules.updateTask(who, b), `${label(who)} on ${b.key}`).toBe(rules.updateTask(who, TASK_B));
    }
  });

  for (const [key, variants] of Object.entries(MATRIX)) {
    const [method = 'GET', template = ''] = key.split(' ') as [Method, string];
    for (const variant of variants) {
      describe(`${key}${variant.object ? ` [${variant.object}]` : ''}`, () => {
        for (const who of WHO) {
          const status = expectedStatus(variant, who);
          it(`${label(who)} → ${status}`, async () => {
            const ctx: Ctx = { fx: fx(), who, session: who === 'anonymous' ? null : sessions[who] };
            if (variant.ownSession && who !== 'anonymous') ctx.session = await signInAs(fx().app, who);
            const request = await variant.request(ctx);
            try {
              const path = request.url.split('?')[0] ?? '';
              if (template.endsWith('/*')) expect(path.startsWith(template.slice(0, -1)), 'the variant requests its own route').toBe(true);
              else expect(path.replace(/\/\d+(?=\/|$)/g, '/:id'), 'the variant requests its own route').toBe(template);

              const auditBefore = await auditCount(fx());
              const res = await call(fx().app, ctx.session, method, request.url, request.body);
              expect(res.statusCode, `${label(who)} ${key}: ${res.body}`).toBe(status);

              if (status === 401) expect(errorOf(res).code).toBe('unauthenticated');
              if (status === 403) expect(errorOf(res).code).toBe(who === 'pending' ? 'password_change_required' : 'forbidden');
              if (status === 401 || status === 403) expect(await auditCount(fx()), 'a refused request changes nothing').toBe(auditBefore);
              if (status < 300 && variant.audited) expect(await auditCount(fx()), 'the change is in the audit log').toBeGreaterThan(auditBefore);
              if (status < 300 && variant.restore && ctx.session && who !== 'anonymous') {
                const renewed = await variant.restore({ ...ctx, session: ctx.session });
                if (renewed) sessions[who] = renewed;
              }
            } finally {
              await variant.tearDown?.(ctx);
            }
          });
        }
      });
    }
  }

  describe('a change sent with a version the object no longer has', () => {
    // Every route whose body carries the version the client read: each workflow step, each versioned edit.
    const versioned = (): Set<string> => {
      const doc = fx().app.swagger() as {
        paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: object } }> } }>>;
      };
      const keys = new Set<string>();
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const schema = op.requestBody?.content?.['application/json']?.schema;
          if (schema?.properties && 'version' in schema.properties) keys.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        }
      }
      return keys;
    };

    it('gets 409 version_conflict and changes nothing, on every such route', async () => {
      const keys = versioned();
      expect(keys.size, 'the workflow steps and versioned edits carry a version').toBeGreaterThan(15);
      for (const key of keys) {
        const [method = 'POST', template = ''] = key.split(' ') as [Method, string];
        const variants = MATRIX[key] ?? [];
        expect(variants.length, `${key} has its variants`).toBeGreaterThan(0);
        for (const variant of variants) {
          const who = WHO.find((w) => w !== 'anonymous' && expectedStatus(variant, w) < 300);
          if (who === undefined || who === 'anonymous') continue;
          const ctx: Ctx = { fx: fx(), who, session: sessions[who] };
          const request = await variant.request(ctx);
          try {
            const before = await auditCount(fx());
            const body = { ...(request.body as object | undefined), version: 999_999 };
            const res = await call(fx().app, ctx.session, method, request.url, body);
            expect(res.statusCode, `${key} by ${label(who)}: ${res.body}`).toBe(409);
            expect(errorOf(res).code, `${key} (${template})`).toBe('version_conflict');
            expect(await auditCount(fx()), `${key}: a refused change leaves no audit row`).toBe(before);
          } finally {
            await variant.tearDown?.(ctx);
          }
        }
      }
    });
  });
});
