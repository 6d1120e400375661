/**
 * Who may do what across governments, through the HTTP API, on SQLite and PostgreSQL: every route of tasks handed
 * down (下达, 承接, 汇总; ADR 0031) and the existing routes that matter across governments, for every person of
 * the governments fixture (a city and two counties) and an anonymous client, against the objects of each
 * government: the person's own, the one above, one below and a sibling. The expected answer comes from the
 * rules written here, not from the code's tables:
 *
 * - a government's own ledger is read by everyone signed in there; another government's task is not found (404),
 *   whether above, below or beside: the upper government reads the lower one only through the assignment routes
 *   (its own task's assignments and roll-up, the tasks it handed to a government below it), never a sibling's;
 * - the office alone hands its own tasks down, to governments below its own;
 * - the office and the leaders read the roll-up;
 * - the office alone changes its government's tasks and their targets, but never what came from above (409
 *   from_above), and it gives a task from above to its own units (PUT …/owners), which a task of its own notice
 *   never needs (409 not_from_above);
 * - the office links a task from above to tasks of its own notice that take it up (…/links, proposals only of its
 *   own government's tasks); everyone signed in there reads the links; a task of its own notice has none to take
 *   (409 not_from_above);
 * - nothing of another government is changed through these routes (404): not above, not below, not beside.
 *
 * A refusal leaves every government's audit log as it was; a change leaves one row in the government whose data
 * changed, and a task handed down one in each: the upper's task.assign, the lower's task.receive.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/domain/actor.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { createUnit } from '../../src/modules/unit/unit.service.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { samplePath } from '../helpers/paths.js';
import { call, errorOf, type Method, type Session } from './api-fixture.js';
import { createGovernmentsFixture, GOV_PEOPLE, type GovernmentsFixture, type GovPerson, type Place } from './governments-fixture.js';

const PLACES: readonly Place[] = ['city', 'countyA', 'countyB'];
/** Where each government stands: the city above both counties, the counties side by side. */
const PARENT: Record<Place, Place | null> = { city: null, countyA: 'city', countyB: 'city' };

type Relation = 'own' | 'upper' | 'lower' | 'sibling';
function relation(from: Place, to: Place): Relation {
  if (from === to) return 'own';
  if (PARENT[from] === to) return 'upper';
  if (PARENT[to] === from) return 'lower';
  return 'sibling';
}

/** The rules, one predicate per power, for a person signed in (never held back: every account is in force). */
const may = {
  readLedger: (_p: GovPerson) => true,
  assign: (p: GovPerson) => p.role === 'office',
  readRollup: (p: GovPerson) => p.role === 'office' || p.role === 'leader',
  change: (p: GovPerson) => p.role === 'office',
} as const;

/** A task from above stands in the counties' ledgers; the city's tasks are its own notice's. */
const fromAbove = (place: Place): boolean => PARENT[place] !== null;

interface Expected {
  status: number;
  code?: string;
  /** A change: the audit rows it leaves, by government. */
  audit?: { place: Place; action: string }[];
}

/** What the route answers the person on the object of government `of` (undefined: a route without an object). */
type Rule = (p: GovPerson, of: Place) => Expected;

const refuse = (status: 403 | 404, code = status === 403 ? 'forbidden' : 'not_found'): Expected => ({ status, code });

interface Objects {
  /** The task each government reads: the city's task 1 (handed down to both counties) and the counties' copies of it. */
  readTask: Record<Place, number>;
  /** A task the city has not handed down yet (the one request that may hand it down does), and the counties' copies. */
  assignTask: Record<Place, number>;
  /** A task whose text and targets are changed: one the city keeps to itself, and the counties' copies of task 1. */
  changeTask: Record<Place, number>;
  /** A unit of each government, for owners. */
  unit: Record<Place, number>;
}

interface Case {
  key: string;
  /** The objects' government, when the route takes one. */
  of?: Place;
  rule: Rule;
  request(fx: GovernmentsFixture, o: Objects, of: Place): Promise<{ method: Method; url: string; body?: unknown }>;
  /** What else an answer must (not) show, beyond its status. */
  check?(res: LightMyRequestResponse, p: GovPerson, fx: GovernmentsFixture, of: Place): void;
}

const byObject = (key: string, rule: Rule, request: Case['request'], check?: Case['check']): Case[] =>
  PLACES.map((of) => ({ key, of, rule, request, ...(check ? { check } : {}) }));

async function targetOf(fx: GovernmentsFixture, taskId: number): Promise<{ id: number; version: number; measured: number }> {
  const row = await fx.store.db
    .selectFrom('targets')
    .select(['id', 'version', 'measured'])
    .where('task_id', '=', taskId)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .executeTakeFirst();
  if (!row) throw new Error(`task #${taskId} has no target`);
  return row;
}

const versionOf = async (fx: GovernmentsFixture, taskId: number): Promise<number> =>
  (await fx.store.db.selectFrom('tasks').select('version').where('id', '=', taskId).executeTakeFirstOrThrow()).version;

/** Each task's government, filled in before the cases run. */
const governmentOfTask = new Map<number, number>();

const CASES: Case[] = [
  {
    key: 'GET /api/governments',
    rule: (p) => (may.readLedger(p) ? { status: 200 } : refuse(403)),
    request: () => Promise.resolve({ method: 'GET', url: '/api/governments' }),
    check: (res, p, fx) => {
      const seen = res
        .json<{ items: { id: number }[] }>()
        .items.map((g) => g.id)
        .sort((a, b) => a - b);
      const expected = PLACES.filter((g) => {
        const r = relation(p.place, g);
        return r === 'own' || r === 'upper' || (r === 'lower' && may.readRollup(p));
      })
        .map((g) => fx.governments[g].id)
        .sort((a, b) => a - b);
      expect(seen, 'own and above; below for the office and leaders; never a sibling').toEqual(expected);
    },
  },
  ...byObject(
    'POST /api/tasks/:id/assignments',
    (p, of) => {
      if (!may.assign(p)) return refuse(403);
      if (relation(p.place, of) !== 'own') return refuse(404);
      // The city hands its task to county A; a county names the city, which is not below it.
      if (of === 'city')
        return {
          status: 201,
          audit: [
            { place: 'city', action: 'task.assign' },
            { place: 'countyA', action: 'task.receive' },
          ],
        };
      return { status: 400, code: 'not_lower_government' };
    },
    (fx, o, of) =>
      Promise.resolve({
        method: 'POST',
        url: `/api/tasks/${o.assignTask[of]}/assignments`,
        body: { governmentIds: [of === 'city' ? fx.governments.countyA.id : fx.governments.city.id] },
      }),
  ),
  ...byObject(
    'GET /api/tasks/:id/assignments',
    (p, of) => (!may.readRollup(p) ? refuse(403) : relation(p.place, of) === 'own' ? { status: 200 } : refuse(404)),
    (_fx, o, of) => Promise.resolve({ method: 'GET', url: `/api/tasks/${o.readTask[of]}/assignments` }),
    (res, p, fx) => {
      for (const a of res.json<{ items: { governmentId: number }[] }>().items) {
        expect(relation(p.place, placeOf(fx, a.governmentId)), 'only governments below').toBe('lower');
      }
    },
  ),
  ...byObject(
    'GET /api/tasks/:id/rollup',
    (p, of) => (!may.readRollup(p) ? refuse(403) : relation(p.place, of) === 'own' ? { status: 200 } : refuse(404)),
    (_fx, o, of) => Promise.resolve({ method: 'GET', url: `/api/tasks/${o.readTask[of]}/rollup?asOf=2026-12-31` }),
    (res, p, fx) => {
      for (const item of res.json<{ items: { governmentId: number }[] }>().items) {
        expect(relation(p.place, placeOf(fx, item.governmentId)), 'only governments below').toBe('lower');
      }
    },
  ),
  {
    key: 'GET /api/rollup',
    rule: (p) => (may.readRollup(p) ? { status: 200 } : refuse(403)),
    request: () => Promise.resolve({ method: 'GET', url: '/api/rollup?asOf=2026-12-31' }),
    check: (res, p, fx) => {
      const listed = res
        .json<{ items: { governmentId: number }[] }>()
        .items.map((i) => i.governmentId)
        .sort((a, b) => a - b);
      const below = PLACES.filter((g) => relation(p.place, g) === 'lower')
        .map((g) => fx.governments[g].id)
        .sort((a, b) => a - b);
      expect(listed, 'each government below that has tasks from this one, and no other').toEqual(below);
    },
  },
  ...byObject(
    'GET /api/governments/:id/assigned',
    (p, of) => (!may.readRollup(p) ? refuse(403) : relation(p.place, of) === 'lower' ? { status: 200 } : refuse(404)),
    (fx, _o, of) => Promise.resolve({ method: 'GET', url: `/api/governments/${fx.governments[of].id}/assigned?asOf=2026-12-31` }),
    (res, p, fx) => {
      const body = res.json<{ governmentId: number; items: { sourceTaskId: number }[] }>();
      const own = new Set(fx.cityTasks.map((t) => t.id));
      expect(relation(p.place, placeOf(fx, body.governmentId))).toBe('lower');
      for (const item of body.items) expect(own.has(item.sourceTaskId), 'tasks the caller handed down').toBe(true);
    },
  ),
  ...byObject(
    'PUT /api/tasks/:id/owners',
    (p, of) => {
      if (!may.change(p)) return refuse(403);
      if (relation(p.place, of) !== 'own') return refuse(404);
      return fromAbove(of) ? { status: 200, audit: [{ place: of, action: 'task.owners' }] } : { status: 409, code: 'not_from_above' };
    },
    async (fx, o, of) => ({
      method: 'PUT',
      url: `/api/tasks/${o.changeTask[of]}/owners`,
      body: { version: await versionOf(fx, o.changeTask[of]), leaderIds: [], hostUnitIds: [o.unit[of]], coUnitIds: [] },
    }),
  ),
  ...byObject(
    'GET /api/tasks/:id/links',
    (p, of) => {
      if (!may.readLedger(p)) return refuse(403);
      if (relation(p.place, of) !== 'own') return refuse(404);
      return fromAbove(of) ? { status: 200 } : { status: 409, code: 'not_from_above' };
    },
    (_fx, o, of) => Promise.resolve({ method: 'GET', url: `/api/tasks/${o.readTask[of]}/links` }),
  ),
  ...byObject(
    'GET /api/tasks/:id/link-proposals',
    (p, of) => {
      if (!may.change(p)) return refuse(403);
      if (relation(p.place, of) !== 'own') return refuse(404);
      return fromAbove(of) ? { status: 200 } : { status: 409, code: 'not_from_above' };
    },
    (_fx, o, of) => Promise.resolve({ method: 'GET', url: `/api/tasks/${o.readTask[of]}/link-proposals` }),
    (res, p, fx) => {
      // Only the caller's own government's tasks are proposed.
      const own = fx.governments[p.place].id;
      for (const item of res.json<{ items: { taskId: number }[] }>().items) expect(governmentOfTask.get(item.taskId), 'a proposed task').toBe(own);
    },
  ),
  ...byObject(
    'PUT /api/tasks/:id/links',
    (p, of) => {
      if (!may.change(p)) return refuse(403);
      if (relation(p.place, of) !== 'own') return refuse(404);
      // No task of its own links yet: confirming none changes nothing and writes no audit row.
      return fromAbove(of) ? { status: 200 } : { status: 409, code: 'not_from_above' };
    },
    (_fx, o, of) => Promise.resolve({ method: 'PUT', url: `/api/tasks/${o.changeTask[of]}/links`, body: { taskIds: [] } }),
  ),
  ...byObject(
    'GET /api/tasks/:id',
    (p, of) => (!may.readLedger(p) ? refuse(403) : relation(p.place, of) === 'own' ? { status: 200 } : refuse(404)),
    (_fx, o, of) => Promise.resolve({ method: 'GET', url: `/api/tasks/${o.readTask[of]}` }),
  ),
  ...byObject(
    'GET /api/tasks/:id/status',
    (p, of) => (!may.readLedger(p) ? refuse(403) : relation(p.place, of) === 'own' ? { status: 200 } : refuse(404)),
    (_fx, o, of) => Promise.resolve({ method: 'GET', url: `/api/tasks/${o.readTask[of]}/status?asOf=2026-12-31` }),
  ),
  ...byObject(
    'GET /api/reports',
    // A list: another government's task filters it down to nothing (never its reports); the own government's lists them.
    (p) => (may.readLedger(p) ? { status: 200 } : refuse(403)),
    (_fx, o, of) => Promise.resolve({ method: 'GET', url: `/api/reports?taskId=${o.readTask[of]}` }),
    (res, p, _fx, of) => {
      const items = res.json<{ items: { taskId: number }[] }>().items;
      if (relation(p.place, of) !== 'own') expect(items, "another government's reports").toEqual([]);
      // County A has opened a round on its task: its office sees the drafts owed.
      else if (of === 'countyA' && p.role === 'office') expect(items.length).toBeGreaterThan(0);
    },
  ),
  ...byObject(
    'PATCH /api/tasks/:id',
    (p, of) => {
      if (!may.change(p)) return refuse(403);
      if (relation(p.place, of) !== 'own') return refuse(404);
      return fromAbove(of) ? { status: 409, code: 'from_above' } : { status: 200, audit: [{ place: of, action: 'task.update' }] };
    },
    async (fx, o, of) => ({
      method: 'PATCH',
      url: `/api/tasks/${o.changeTask[of]}`,
      body: { version: await versionOf(fx, o.changeTask[of]), deadlineText: '年底前（督查室更正）', reason: '按通知更正' },
    }),
  ),
  ...byObject(
    'PATCH /api/targets/:id',
    (p, of) => {
      if (!may.change(p)) return refuse(403);
      if (relation(p.place, of) !== 'own') return refuse(404);
      return fromAbove(of) ? { status: 409, code: 'from_above' } : { status: 200, audit: [{ place: of, action: 'target.edit' }] };
    },
    async (fx, o, of) => {
      const t = await targetOf(fx, o.changeTask[of]);
      return { method: 'PATCH', url: `/api/targets/${t.id}`, body: { version: t.version, measured: t.measured !== 1, reason: '属长远目标。' } };
    },
  ),
  ...byObject(
    'POST /api/tasks/:id/targets',
    (p, of) => {
      if (!may.change(p)) return refuse(403);
      if (relation(p.place, of) !== 'own') return refuse(404);
      return fromAbove(of) ? { status: 409, code: 'from_above' } : { status: 200, audit: [{ place: of, action: 'target.create' }] };
    },
    (_fx, o, of) =>
      Promise.resolve({
        method: 'POST',
        url: `/api/tasks/${o.changeTask[of]}/targets`,
        body: { target: { metric: '新增企业', kind: 'count', value: 5, unit: '家' }, reason: '增列。' },
      }),
  ),
];

function placeOf(fx: GovernmentsFixture, governmentId: number): Place {
  const place = PLACES.find((g) => fx.governments[g].id === governmentId);
  if (!place) throw new Error(`government #${governmentId} is not the fixture's`);
  return place;
}

const ANONYMOUS = 'anonymous client';
const WHO: readonly (GovPerson | typeof ANONYMOUS)[] = [...GOV_PEOPLE, ANONYMOUS];
const labelOf = (p: GovPerson | typeof ANONYMOUS): string => (p === ANONYMOUS ? p : `${p.role} of ${p.place}`);

describeEachDatabase('access across governments', (getUrl) => {
  let fx: GovernmentsFixture;
  let objects: Objects;
  const sessions = new Map<string, Session>();

  beforeAll(async () => {
    fx = await createGovernmentsFixture(getUrl());
    for (const p of GOV_PEOPLE) sessions.set(p.key, await fx.signIn(p.key));
    const cityOffice = sessions.get('cityOffice') as Session;
    const [task1, spare, kept] = fx.cityTasks;
    if (!task1 || !spare || !kept) throw new Error('the sample notice has fewer than three tasks');
    // The city hands task 1 down to both counties.
    const down = await call(fx.app, cityOffice, 'POST', `/api/tasks/${task1.id}/assignments`, {
      governmentIds: [fx.governments.countyA.id, fx.governments.countyB.id],
    });
    expect(down.statusCode, down.body).toBe(201);
    const copies = down.json<{ items: { governmentId: number; taskId: number }[] }>().items;
    const copy = (place: Place): number => {
      const found = copies.find((c) => c.governmentId === fx.governments[place].id);
      if (!found) throw new Error(`task 1 did not reach ${place}`);
      return found.taskId;
    };
    const countyB = await createUnit(fx.store.db, systemActor(fx.governments.countyB.id, 'test-operator'), { name: '西坪县发展和改革局' });
    const cityUnit = await fx.store.db
      .selectFrom('units')
      .select('id')
      .where('government_id', '=', fx.governments.city.id)
      .where('name', '=', '区商务局')
      .executeTakeFirstOrThrow();
    objects = {
      readTask: { city: task1.id, countyA: copy('countyA'), countyB: copy('countyB') },
      assignTask: { city: spare.id, countyA: copy('countyA'), countyB: copy('countyB') },
      changeTask: { city: kept.id, countyA: copy('countyA'), countyB: copy('countyB') },
      unit: { city: cityUnit.id, countyA: fx.countyUnitId, countyB: countyB.id },
    };
    // County A gives its task to its unit and opens a round: drafts owed on it, which only county A reads.
    const aOffice = sessions.get('aOffice') as Session;
    const owners = await call(fx.app, aOffice, 'PUT', `/api/tasks/${objects.readTask.countyA}/owners`, {
      version: await versionOf(fx, objects.readTask.countyA),
      leaderIds: [fx.countyLeaderId],
      hostUnitIds: [fx.countyUnitId],
      coUnitIds: [],
    });
    expect(owners.statusCode, owners.body).toBe(200);
    const plan = await fx.store.db.selectFrom('tasks').select('plan_id').where('id', '=', objects.readTask.countyA).executeTakeFirstOrThrow();
    await roundOpener.open(fx.store.db, systemActor(fx.governments.countyA.id, 'test-operator'), {
      planId: plan.plan_id,
      kind: 'monthly',
      label: '2026-11',
      periodEnd: '2026-11-30',
      dueOn: '2026-12-05',
    });
    // County A's own notice (the sample again), whose tasks the proposer may offer county A's office, and no one else.
    await commitImport(fx.store, systemActor(fx.governments.countyA.id, 'test-operator'), {
      fileName: 'notice.txt',
      bytes: new Uint8Array(readFileSync(samplePath('notice.txt'))),
      units: readFileSync(samplePath('units.json'), 'utf8'),
    });
    for (const r of await fx.store.db.selectFrom('tasks').select(['id', 'government_id']).execute()) governmentOfTask.set(r.id, r.government_id);
  }, 120_000);
  afterAll(async () => fx.close());

  const lastAuditId = async (): Promise<number> =>
    Number(
      (
        await fx.store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id ?? 0,
    );

  for (const c of CASES) {
    describe(`${c.key}${c.of ? ` [a ${c.of === 'city' ? 'city' : 'county'} object: ${c.of}]` : ''}`, () => {
      for (const who of WHO) {
        it(`${labelOf(who)}${c.of && who !== ANONYMOUS ? ` (${relation(who.place, c.of)})` : ''}`, async () => {
          const of = c.of ?? 'city';
          const expected: Expected = who === ANONYMOUS ? { status: 401, code: 'unauthenticated' } : c.rule(who, of);
          const session = who === ANONYMOUS ? null : (sessions.get(who.key) ?? null);
          const request = await c.request(fx, objects, of);
          const before = await lastAuditId();
          const res = await call(fx.app, session, request.method, request.url, request.body);
          expect(res.statusCode, `${labelOf(who)} ${c.key}: ${res.body}`).toBe(expected.status);
          if (expected.code) expect(errorOf(res).code).toBe(expected.code);
          // A refusal tells nothing of the object: no details, only the error.
          if ([401, 403, 404].includes(res.statusCode)) expect(Object.keys(res.json<object>()), res.body).toEqual(['error']);
          if ([401, 403, 404].includes(res.statusCode)) expect(errorOf(res).details, res.body).toBeUndefined();
          const rows = await fx.store.db.selectFrom('audit_log').select(['government_id', 'action']).where('id', '>', before).orderBy('id').execute();
          const byPlace = (a: { place: Place; action: string }, b: { place: Place; action: string }): number =>
            `${a.place} ${a.action}`.localeCompare(`${b.place} ${b.action}`);
          const written = rows.map((r) => ({ place: placeOf(fx, r.government_id), action: r.action })).sort(byPlace);
          if (res.statusCode >= 300) expect(written, 'a refusal changes nothing in any government').toEqual([]);
          else expect(written, 'the change is in the audit log of the government whose data changed, once').toEqual([...(expected.audit ?? [])].sort(byPlace));
          if (res.statusCode < 300 && who !== ANONYMOUS) c.check?.(res, who, fx, of);
        });
      }
    });
  }
});
