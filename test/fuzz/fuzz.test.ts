/**
 * The fuzz suite: for every operation of the OpenAPI document and every role
 * (and an anonymous client), requests generated with fast-check from the
 * operation's schemas, valid-shaped and hostile, sent through Fastify's
 * inject on the access matrix's fixture. No answer may be a 5xx (the answer
 * check also fails an answer its schema does not describe); and after the
 * fuzzing, every read view still answers: nothing stored breaks a read.
 *
 * Deterministic: the seed is fixed (LUOSHI_FUZZ_SEED replays another one,
 * LUOSHI_FUZZ_RUNS sets the requests per route and role). A failure names the
 * seed, the route, the role, the request and the answer.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { openApiDocument } from '../../scripts/gen-api.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { call, setReport, signInAs, signInEveryone, type PersonKey, type Session, useApiFixture } from '../server/api-fixture.js';
import { label, STRONG, WHO, type Who } from '../server/access/matrix-rules.js';
import { governmentTree } from '../server/access/governments.matrix.js';
import { orderIn } from '../server/access/supervision.matrix.js';
import { setWorkPlan } from '../server/access/workplan.matrix.js';
import { heldBack } from './known-open.js';
import { operationsOf, readIdPools, requestArbitrary, send, type Operation } from './fuzz-requests.js';

const SEED = Number(process.env.LUOSHI_FUZZ_SEED ?? 20_261_212);
const RUNS = Number(process.env.LUOSHI_FUZZ_RUNS ?? 6);

/** Fewer requests where the answer comes before the body is looked at, or the work is heavy. */
function runsFor(op: Operation, who: Who): number {
  if (who === 'anonymous') return 1;
  if (who === 'pending') return 2;
  if (op.path.startsWith('/api/imports/')) return who === 'office' ? RUNS : 1;
  return RUNS;
}

/**
 * Routes that end sessions or count failed sign-ins go last, so that the others run with every role signed in;
 * archiving a plan goes just before them, so that the others run on a plan that takes writes.
 */
const LAST = ['POST /api/plans/{id}/archive', 'DELETE /api/session', 'POST /api/session'];

const OPERATIONS = operationsOf(await openApiDocument()).sort((a, b) => LAST.indexOf(a.key) - LAST.indexOf(b.key));

/** A stable number per route and role, so that each draws its own requests from the one seed. */
function seedOf(key: string, who: Who): number {
  let h = SEED | 0;
  for (const ch of `${key} ${who}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

interface Finding {
  route: string;
  role: string;
  url: string;
  payload: string | undefined;
  kinds: readonly string[];
  status: number;
  answer: string;
}

const describeFinding = (f: Finding): string =>
  `${f.status} ${f.route} as ${f.role} (seed ${SEED}, kinds ${f.kinds.join(',') || 'none'})\n  ${f.url}\n  body: ${(f.payload ?? '(none)').slice(0, 600)}\n  answer: ${f.answer.slice(0, 600)}`;

describeEachDatabase('the fuzz suite', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let sessions: Record<PersonKey | 'admin', Session>;
  const spareUsers: number[] = [];
  let held = 0;
  let sent = 0;
  /** Routes no request reached with a 2xx answer: the fuzzing did not get past their checks. */
  const neverAccepted: string[] = [];

  beforeAll(async () => {
    const f = fx();
    sessions = await signInEveryone(f.app);
    // Accounts the user-administration routes may act on, so that the fixture's people keep their roles and sessions.
    const operator = systemActor(f.governmentId, 'test-operator');
    for (const [i, role] of (['liaison', 'observer', 'head'] as const).entries()) {
      const user = await createUser(f.store.db, operator, {
        username: `fuzz_spare${i}`,
        role,
        password: STRONG,
        ...(role === 'observer' ? {} : { unitName: f.units.b.name }),
      });
      spareUsers.push(user.id);
    }
    // Objects in several states for the workflow steps to find: orders, a work plan, a submitted report, a bulletin, an extension.
    // A government above the fixture's that handed it a task, and one below it that has one of its tasks.
    await governmentTree(f);
    await orderIn(f, 'a');
    await orderIn(f, 'b', 'signed');
    await orderIn(f, 'a', 'answered');
    await setWorkPlan(f, 'a', { status: 'submitted', author: 'headA' });
    await setReport(f, f.reports.b, { status: 'submitted', authorKey: 'liaisonB' });
    const bulletin = await call(f.app, sessions.office, 'POST', '/api/bulletins', { planId: f.planId, period: '2026-03' });
    expect(bulletin.statusCode, bulletin.body).toBeLessThan(300);
    const extension = await call(f.app, sessions.headA, 'POST', `/api/tasks/${f.tasks.a.id}/extensions`, {
      reason: '项目审批延后。',
      newDeadline: '2027-06-30',
    });
    expect(extension.statusCode, extension.body).toBeLessThan(300);
    const attachment = await call(f.app, sessions.liaisonA, 'POST', `/api/reports/${f.reports.a}/attachments`, {
      fileName: '进展.txt',
      content: Buffer.from('一季度进展情况。\n').toString('base64'),
    });
    expect(attachment.statusCode, attachment.body).toBeLessThan(300);
  }, 60_000);

  /** Signs in again whoever a request signed out (DELETE /api/session, a password change). */
  async function keepSignedIn(): Promise<void> {
    const f = fx();
    for (const key of Object.keys(sessions) as (PersonKey | 'admin')[]) {
      const me = await call(f.app, sessions[key], 'GET', '/api/me');
      if (me.statusCode === 401) sessions[key] = await signInAs(f.app, key);
    }
  }

  for (const op of OPERATIONS) {
    it(`${op.key}: no 5xx for any role`, async () => {
      const f = fx();
      const pools = await readIdPools(f, spareUsers);
      const arbitrary = requestArbitrary(op, f, pools);
      const findings: Finding[] = [];
      let accepted = 0;
      for (const who of WHO) {
        const requests = fc.sample(arbitrary, { seed: seedOf(op.key, who), numRuns: runsFor(op, who) });
        for (const request of requests) {
          if (heldBack(op.key, request.kinds)) {
            held++;
            continue;
          }
          const session = who === 'anonymous' ? null : sessions[who];
          const { res, payload } = await send(f, session, sessions.office, request);
          sent++;
          if (res.statusCode < 300) accepted++;
          if (res.statusCode >= 500)
            findings.push({ route: op.key, role: label(who), url: request.url, payload, kinds: request.kinds, status: res.statusCode, answer: res.body });
        }
      }
      if (accepted === 0) neverAccepted.push(op.key);
      if (op.method !== 'GET') await keepSignedIn();
      expect(findings.map(describeFinding), `5xx answers (seed ${SEED})`).toEqual([]);
    }, 120_000);
  }

  it('still answers every read view afterwards: nothing the fuzzing stored breaks a read', async () => {
    const f = fx();
    await keepSignedIn();
    const office = sessions.office;
    const plans = (await f.store.db.selectFrom('plans').select('id').where('government_id', '=', f.governmentId).execute()).map((r) => r.id);
    const tasks = (await f.store.db.selectFrom('tasks').select('id').where('government_id', '=', f.governmentId).execute()).map((r) => r.id);
    const reports = (await f.store.db.selectFrom('reports').select('id').where('government_id', '=', f.governmentId).execute()).map((r) => r.id);
    const bulletins = (await f.store.db.selectFrom('bulletins').select('id').where('government_id', '=', f.governmentId).execute()).map((r) => r.id);
    const orders = (await f.store.db.selectFrom('orders').select('id').where('government_id', '=', f.governmentId).execute()).map((r) => r.id);
    const workPlans = (await f.store.db.selectFrom('work_plans').select('id').where('government_id', '=', f.governmentId).execute()).map((r) => r.id);
    const units = (await f.store.db.selectFrom('units').select('id').where('government_id', '=', f.governmentId).execute()).map((r) => r.id);
    const reads: [Session, string][] = [
      [office, '/api/me'],
      [office, '/api/plans'],
      [office, '/api/units'],
      [office, '/api/leaders'],
      [office, '/api/workplans?awaiting=me'],
      [office, '/api/events'],
      [office, '/api/notifications'],
      [office, '/api/extensions'],
      [office, '/api/orders'],
      [sessions.sysadmin, '/api/users'],
      [sessions.auditor, '/api/audit?limit=500'],
      [office, `/api/light-history?taskIds=${tasks.slice(0, 500).join(',')}`],
      ...plans.flatMap((id): [Session, string][] => [
        [office, `/api/plans/${id}`],
        [office, `/api/sections?planId=${id}`],
        [office, `/api/tasks?planId=${id}`],
        [office, `/api/rounds?planId=${id}`],
        [office, `/api/dashboard?planId=${id}`],
        [office, `/api/lights?planId=${id}`],
        [office, `/api/ledger.xlsx?planId=${id}`],
        [office, `/api/assessment?planId=${id}`],
        [office, `/api/plans/${id}/settings`],
        [office, `/api/schedules?planId=${id}`],
        [office, `/api/bulletins?planId=${id}`],
        [office, `/api/orders?planId=${id}`],
      ]),
      ...tasks.flatMap((id): [Session, string][] => [
        [office, `/api/tasks/${id}`],
        [office, `/api/tasks/${id}/status`],
        [office, `/api/tasks/${id}/workplans`],
        [office, `/api/events?taskId=${id}`],
      ]),
      ...units.map((id): [Session, string] => [office, `/api/assessment/units/${id}`]),
      ...reports.map((id): [Session, string] => [office, `/api/reports/${id}`]),
      ...bulletins.map((id): [Session, string] => [office, `/api/bulletins/${id}`]),
      ...orders.map((id): [Session, string] => [office, `/api/orders/${id}`]),
      ...workPlans.map((id): [Session, string] => [office, `/api/workplans/${id}`]),
    ];
    const broken: string[] = [];
    for (const [session, url] of reads) {
      const res = await call(f.app, session, 'GET', url);
      if (res.statusCode !== 200) broken.push(`${res.statusCode} GET ${url}: ${res.body.slice(0, 400)}`);
    }
    process.stderr.write(`fuzz: ${sent} requests sent, ${held} held back by KNOWN_OPEN (seed ${SEED}); never a 2xx: ${neverAccepted.join(', ') || 'none'}\n`);
    expect(broken, `reads that fail after the fuzzing (seed ${SEED})`).toEqual([]);
  }, 300_000);
});

describe('the fuzz suite itself', () => {
  it('covers every operation of the OpenAPI document', () => {
    expect(OPERATIONS.length).toBeGreaterThan(70);
    expect(new Set(OPERATIONS.map((o) => o.key)).size).toBe(OPERATIONS.length);
  });
});
