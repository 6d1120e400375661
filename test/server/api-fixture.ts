/**
 * The API tests' world: an app on a fresh database (SQLite or PostgreSQL,
 * through describeEachDatabase), the project's sample notice imported with
 * its unit directory, and one account per role with a known strong password.
 *
 * Unit A (区工业和信息化局) hosts tasks led by the leader 闵晓川; unit B
 * (区商务局) hosts tasks that neither unit A nor 闵晓川 is responsible for.
 * Requests go in-process through Fastify's inject.
 */
import { readFileSync } from 'node:fs';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { systemActor, type Actor } from '../../src/domain/actor.js';
import type { Role } from '../../src/domain/roles.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import type { LedgerTask } from '../../src/modules/task/task.model.js';
import { listUnits } from '../../src/modules/unit/unit.repository.js';
import type { User } from '../../src/modules/user/user.repository.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { buildApp, type App } from '../../src/server/app.js';
import type { Store } from '../../src/store/connection.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/startup/open.js';
import { testFiles } from '../helpers/files.js';
import { checkAnswersAgainstSchemas } from '../helpers/answer-check.js';
import { samplePath } from '../helpers/paths.js';

export const UNIT_A = '区工业和信息化局';
export const UNIT_B = '区商务局';
/** A lead leader of tasks hosted by unit A, and of none hosted by unit B alone. */
export const LEADER = '闵晓川';

export const ADMIN = { username: 'admin', password: 'Adm1n-Api-Passw0rd!' } as const;

export interface Person {
  username: string;
  password: string;
  role: Role;
  /** How the tests name this person. */
  label: string;
  unitName?: string;
  leaderName?: string;
  mustChangePassword?: boolean;
}

/** One account per role, plus one whose password change is due and one that only ever receives changes. */
export const PEOPLE = {
  office: { username: 'dcs_zhang', password: 'Lh-01-Strong!Pass9', role: 'office', label: 'office' },
  leader: { username: 'ld_min', password: 'Lh-02-Strong!Pass9', role: 'leader', label: `leader ${LEADER}`, leaderName: LEADER },
  headA: { username: 'gxj_head', password: 'Lh-03-Strong!Pass9', role: 'head', label: `head of ${UNIT_A}`, unitName: UNIT_A },
  liaisonA: { username: 'gxj_lly', password: 'Lh-04-Strong!Pass9', role: 'liaison', label: `liaison of ${UNIT_A}`, unitName: UNIT_A },
  liaisonB: { username: 'swj_lly', password: 'Lh-05-Strong!Pass9', role: 'liaison', label: `liaison of ${UNIT_B}`, unitName: UNIT_B },
  observer: { username: 'gcy_wang', password: 'Lh-06-Strong!Pass9', role: 'observer', label: 'observer' },
  sysadmin: { username: 'xt_gly', password: 'Lh-07-Strong!Pass9', role: 'sysadmin', label: 'sysadmin' },
  secadmin: { username: 'aq_gly', password: 'Lh-08-Strong!Pass9', role: 'secadmin', label: 'secadmin' },
  auditor: { username: 'sj_gly', password: 'Lh-09-Strong!Pass9', role: 'auditor', label: 'auditor' },
  pending: { username: 'dx_li', password: 'Lh-10-Strong!Pass9', role: 'observer', label: 'observer whose password change is due', mustChangePassword: true },
  spare: { username: 'by_zhao', password: 'Lh-11-Strong!Pass9', role: 'observer', label: 'spare account' },
} as const satisfies Record<string, Person>;

export type PersonKey = keyof typeof PEOPLE;
export const PERSON_KEYS = Object.keys(PEOPLE) as PersonKey[];

export interface TaskRef {
  id: number;
  key: string;
  hostUnits: string[];
  coUnits: string[];
  leaders: string[];
}

export interface ApiFixture {
  app: App;
  store: Store;
  governmentId: number;
  /** The operator at the command line: for set-up and for reading state behind the API. */
  operator: Actor;
  planId: number;
  units: { a: { id: number; name: string }; b: { id: number; name: string } };
  /** a: hosted by unit A and led by LEADER, without unit B; b: hosted by unit B, without unit A or LEADER. */
  tasks: { a: TaskRef; b: TaskRef };
  userIds: Record<PersonKey | 'admin', number>;
  /** A round opened at set-up, and in it the host reports of unit A on task a and of unit B on task b. */
  roundId: number;
  reports: { a: number; b: number };
  /** The sample notice as the import routes take it. */
  upload: { fileName: string; content: string; units: string };
  close(): Promise<void>;
}

const toRef = (t: LedgerTask): TaskRef => ({
  id: t.id,
  key: t.key,
  hostUnits: t.hostUnits.map((u) => u.name),
  coUnits: t.coUnits.map((u) => u.name),
  leaders: t.leaders.map((l) => l.name),
});

function pick(tasks: LedgerTask[], what: string, test: (t: TaskRef) => boolean): TaskRef {
  const found = tasks.map(toRef).find(test);
  if (!found) throw new Error(`the sample notice has no ${what}`);
  return found;
}

/** Opens the database, imports the sample notice and creates everyone; the app is ready for inject. */
export async function createApiFixture(url: string, options: { clock?: () => Date } = {}): Promise<ApiFixture> {
  const { store, governmentId } = await openDatabase(url, {
    adminUsername: ADMIN.username,
    adminPassword: ADMIN.password,
    notice: () => undefined,
    // Checkpointed as the doors do, so that a command run later on the same database finds the log anchored.
    audit: loadConfig(process.env).audit,
  });
  try {
    const operator = systemActor(governmentId, 'test-operator');
    const bytes = new Uint8Array(readFileSync(samplePath('notice.txt')));
    const unitsText = readFileSync(samplePath('units.json'), 'utf8');
    const imported = await commitImport(store, operator, { fileName: 'notice.txt', bytes, units: unitsText });

    const userIds = {} as Record<PersonKey | 'admin', number>;
    const admin = await store.db.selectFrom('users').select('id').where('username', '=', ADMIN.username).executeTakeFirstOrThrow();
    userIds.admin = admin.id;
    for (const key of PERSON_KEYS) {
      const p: Person = PEOPLE[key];
      const user = await createUser(store.db, operator, {
        username: p.username,
        role: p.role,
        password: p.password,
        ...(p.unitName === undefined ? {} : { unitName: p.unitName }),
        ...(p.leaderName === undefined ? {} : { leaderName: p.leaderName }),
        ...(p.mustChangePassword ? { mustChangePassword: true } : {}),
      });
      userIds[key] = user.id;
    }

    const tasks = await listTasks(store.db, governmentId, { planId: imported.planId });
    const involves = (t: TaskRef, unit: string): boolean => t.hostUnits.includes(unit) || t.coUnits.includes(unit);
    const a = pick(
      tasks,
      `task hosted by ${UNIT_A}, led by ${LEADER}, without ${UNIT_B}`,
      (t) => t.hostUnits.includes(UNIT_A) && t.leaders.includes(LEADER) && !involves(t, UNIT_B),
    );
    const b = pick(tasks, `task hosted by ${UNIT_B} alone`, (t) => t.hostUnits.includes(UNIT_B) && !involves(t, UNIT_A) && !t.leaders.includes(LEADER));
    const units = await listUnits(store.db, governmentId);
    const unit = (name: string) => {
      const u = units.find((x) => x.name === name);
      if (!u) throw new Error(`unit ${name} was not imported`);
      return { id: u.id, name };
    };

    // The office measures task a's cluster level (千亿级, a long-term aim the importer leaves unmeasured) against
    // time progress, as it may: the lights' tests judge figures against it.
    await store.db.updateTable('targets').set({ measured: 1 }).where('task_id', '=', a.id).where('position', '=', 0).where('kind', '=', 'level').execute();
    const opened = await roundOpener.open(
      store.db,
      operator,
      {
        planId: imported.planId,
        kind: 'monthly',
        label: '2026-03',
        periodEnd: '2026-03-31',
        dueOn: '2026-04-05',
        // Opened in March, as the office would: what it asks is owed from then on (a past date is judged on what was known then).
      },
      () => new Date('2026-03-25T01:00:00.000Z'),
    );
    const reportOf = async (taskId: number, unitId: number): Promise<number> =>
      (
        await store.db
          .selectFrom('reports')
          .select('id')
          .where('round_id', '=', opened.round.id)
          .where('task_id', '=', taskId)
          .where('unit_id', '=', unitId)
          .executeTakeFirstOrThrow()
      ).id;
    const unitA = unit(UNIT_A);
    const unitB = unit(UNIT_B);
    const reports = { a: await reportOf(a.id, unitA.id), b: await reportOf(b.id, unitB.id) };

    const app = await buildApp({ store, governmentId, files: testFiles(store), ...(options.clock ? { clock: options.clock } : {}) });
    checkAnswersAgainstSchemas(app);
    await app.ready();
    return {
      app,
      store,
      governmentId,
      operator,
      planId: imported.planId,
      units: { a: unitA, b: unitB },
      tasks: { a, b },
      userIds,
      roundId: opened.round.id,
      reports,
      upload: { fileName: 'notice.txt', content: Buffer.from(bytes).toString('base64'), units: unitsText },
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * Registers beforeAll/afterAll that build the fixture on the describe's
 * database and tear it down; returns its accessor (valid inside hooks and tests).
 */
export function useApiFixture(getUrl: () => string, options: { clock?: () => Date } = {}): () => ApiFixture {
  let fixture: ApiFixture | undefined;
  beforeAll(async () => {
    fixture = await createApiFixture(getUrl(), options);
  }, 60_000);
  afterAll(async () => {
    await fixture?.close();
    fixture = undefined;
  });
  return () => {
    if (!fixture) throw new Error('the API fixture is only available inside hooks and tests');
    return fixture;
  };
}

/** A signed-in client: the cookie it sends and the CSRF token it got at sign-in. */
export interface Session {
  username: string;
  /** The session cookie as a Cookie header value. */
  cookie: string;
  token: string;
  csrf: string;
}

export const SESSION_COOKIE = 'luoshi_session';

export async function signIn(app: App, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  if (!token) throw new Error(`sign-in of ${username} set no session cookie`);
  const body = res.json<{ csrfToken: string }>();
  return { username, cookie: `${SESSION_COOKIE}=${token}`, token, csrf: body.csrfToken };
}

export const signInAs = (app: App, key: PersonKey | 'admin'): Promise<Session> =>
  key === 'admin' ? signIn(app, ADMIN.username, ADMIN.password) : signIn(app, PEOPLE[key].username, PEOPLE[key].password);

/** Signs everyone in (sessions reused across the cases of a describe). */
export async function signInEveryone(app: App): Promise<Record<PersonKey | 'admin', Session>> {
  const sessions = {} as Record<PersonKey | 'admin', Session>;
  for (const key of [...PERSON_KEYS, 'admin'] as const) sessions[key] = await signInAs(app, key);
  return sessions;
}

export type Method = Extract<HTTPMethods, 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>;

const SAFE = new Set<Method>(['GET']);

/**
 * One request as a browser would send it: the session cookie, and on a write
 * the CSRF token. `who` null is an anonymous client.
 */
export function call(
  app: App,
  who: Session | null,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const sent: Record<string, string> = { ...headers };
  if (who) {
    sent.cookie = who.cookie;
    if (!SAFE.has(method)) sent['x-csrf-token'] = who.csrf;
  }
  return app.inject({ method, url, headers: sent, ...(body === undefined ? {} : { payload: body as object }) });
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The error of an error response (throws on a body without one). */
export function errorOf(res: LightMyRequestResponse): ErrorBody['error'] {
  const body = res.json<Partial<ErrorBody>>();
  if (!body.error) throw new Error(`expected an error body, got ${res.statusCode} ${res.body}`);
  return body.error;
}

/** Contains Chinese text (the API's messages are for Chinese users). */
export const CHINESE = /[\u4e00-\u9fff]/;

/** The task's current version, read behind the API. */
export async function taskVersion(fx: ApiFixture, id: number): Promise<number> {
  const [task] = await listTasks(fx.store.db, fx.governmentId, { taskId: id, includeRemoved: true });
  if (!task) throw new Error(`no task #${id}`);
  return task.version;
}

export async function unitNow(fx: ApiFixture, id: number): Promise<{ version: number; name: string; kind: string }> {
  const unit = (await listUnits(fx.store.db, fx.governmentId)).find((u) => u.id === id);
  if (!unit) throw new Error(`no unit #${id}`);
  return unit;
}

/**
 * A request that changes a unit group's members: its first member out, or,
 * once only one is left, every town of the directory in; at the version the
 * group has now.
 */
export async function membersRequest(fx: ApiFixture, name: string): Promise<{ url: string; body: { version: number; memberIds: number[] } }> {
  const units = await listUnits(fx.store.db, fx.governmentId);
  const group = units.find((u) => u.name === name && u.kind === 'group');
  if (!group) throw new Error(`no group ${name}`);
  const memberIds = group.memberIds.length > 1 ? group.memberIds.slice(1) : units.filter((u) => u.kind === 'town').map((u) => u.id);
  return { url: `/api/units/${group.id}/members`, body: { version: group.version, memberIds } };
}

/**
 * Puts a report into a state behind the API (set-up, not a step of the flow:
 * no event, no audit row), so that each request of a route test starts from
 * the state it needs whatever ran before it.
 */
export async function setReport(
  fx: ApiFixture,
  id: number,
  state: { status: string; authorKey?: PersonKey | null; progress?: string; confidence?: string | null; confidenceReason?: string | null },
): Promise<number> {
  const row = await fx.store.db
    .updateTable('reports')
    .set({
      status: state.status,
      author_id: state.authorKey ? fx.userIds[state.authorKey] : null,
      progress: state.progress ?? '已完成年度任务的四分之一。',
      confidence: state.confidence === undefined ? 'on_track' : state.confidence,
      confidence_reason: state.confidenceReason ?? null,
    })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** `METHOD url`, as the tables of the route tests are keyed. */
export const routeKey = (route: { method: string; url: string }): string => `${route.method} ${route.url}`;

let counter = 0;
/** A name not used before in this test process. */
export const uniqueName = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** An account the system administrator has just created: its role waits for the security administrator's grant. */
export async function pendingAccount(fx: ApiFixture, role: Role, unitName?: string): Promise<User> {
  const sysadmin: Actor = {
    governmentId: fx.governmentId,
    userId: fx.userIds.sysadmin,
    username: PEOPLE.sysadmin.username,
    role: 'sysadmin',
    unitId: null,
    leaderId: null,
    ip: null,
  };
  return createUser(fx.store.db, sysadmin, {
    username: uniqueName('p'),
    role,
    password: 'Lh-66-Pending!Pass9',
    ...(unitName === undefined ? {} : { unitName }),
  });
}
