/**
 * The requests of the fuzz suite: every operation of the OpenAPI document,
 * with its path ids drawn from the rows the database holds (or random ones),
 * its query and body generated from its schemas (schema-arbitrary.ts), and
 * the version a body carries read from the object as it is now.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { ApiFixture, Session } from '../server/api-fixture.js';
import { STRONG } from '../server/access/matrix-rules.js';
import { arbitraryOf, hostileOf, mutatedOf, toJson, toQueryText, type HostileKind, type Hints, type Schema, type Tagged } from './schema-arbitrary.js';

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As the OpenAPI document writes it: /api/tasks/{id}. */
  path: string;
  key: string;
  pathParams: { name: string; schema: Schema }[];
  queryParams: { name: string; schema: Schema; required: boolean }[];
  body: Schema | null;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops as Record<string, OpenApiOperation>).map(([m, op]) => {
      const method = m.toUpperCase() as Operation['method'];
      const params = op.parameters ?? [];
      return {
        method,
        path,
        key: `${method} ${path}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required === true })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      };
    }),
  );
}

/** The table whose rows a path's {id} names, by the segment before it. */
const TABLE_OF_SEGMENT: Record<string, string> = {
  plans: 'plans',
  tasks: 'tasks',
  rounds: 'rounds',
  reports: 'reports',
  attachments: 'attachments',
  workplans: 'work_plans',
  extensions: 'extension_requests',
  units: 'units',
  notifications: 'notifications',
  orders: 'orders',
  bulletins: 'bulletins',
  governments: 'governments',
};

/** The table whose rows a body or query field names. */
const TABLE_OF_FIELD: Record<string, string> = {
  planId: 'plans',
  taskId: 'tasks',
  unitId: 'units',
  roundId: 'rounds',
  targetId: 'targets',
  milestoneId: 'work_plan_milestones',
  leaderId: 'leaders',
  sectionId: 'sections',
  governmentId: 'governments',
  governmentIds: 'governments',
  leaderIds: 'leaders',
  hostUnitIds: 'units',
  coUnitIds: 'units',
};

export type IdPools = Record<string, number[]>;

/** The ids of the rows the requests may name, read now (the fuzzing adds rows as it goes). */
export async function readIdPools(fx: ApiFixture, spareUsers: number[]): Promise<IdPools> {
  const pools: IdPools = { users: spareUsers };
  const tables = new Set([...Object.values(TABLE_OF_SEGMENT), ...Object.values(TABLE_OF_FIELD)]);
  for (const table of tables) {
    // The newest rows first: those the fuzzing made, and the fixture's; of the fixture's government (its ids are
    // the ones that get past the not-found), the governments around it all.
    const query = fx.store.db
      .selectFrom(table as 'tasks')
      .select('id')
      .orderBy('id', 'desc')
      .limit(40);
    const rows = await (table === 'governments' ? query : query.where('government_id', '=', fx.governmentId)).execute();
    pools[table] = rows.map((r) => r.id);
  }
  return pools;
}

/** Marks the version field of a valid body: the object's version, read just before sending. */
export class CurrentVersion {}

const randomId = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const fromPool = (pool: number[] | undefined): fc.Arbitrary<unknown> =>
  pool && pool.length > 0 ? fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: randomId }) : randomId;

function hintsFor(fx: ApiFixture, pools: IdPools): Hints {
  return {
    integer(name) {
      if (name === 'version')
        return fc.oneof({ weight: 6, arbitrary: fc.constant(new CurrentVersion()) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) });
      const table = TABLE_OF_FIELD[name];
      return table ? fromPool(pools[table]) : undefined;
    },
    string(name) {
      switch (name) {
        case 'content':
          return fc.oneof(fc.constant(fx.upload.content), fc.constant(Buffer.from('进展情况说明\n').toString('base64')));
        case 'fileName':
          return fc.constantFrom('notice.txt', '佐证材料.txt', 'a.docx');
        case 'units':
          return fc.oneof(fc.constant(fx.upload.units), fc.constant('[]'));
        case 'unitName':
          return fc.constantFrom(fx.units.a.name, fx.units.b.name, '不存在的单位');
        case 'password':
        case 'newPassword':
          return fc.constantFrom(STRONG, 'short');
        case 'label':
          return fc.constantFrom('2026-03', '2026-04', '2026-Q1', '2026-Q2', '专项调度');
        case 'taskIds':
          return fc.subarray(pools.tasks ?? [1], { minLength: 1, maxLength: 5 }).map((ids) => ids.join(','));
        default:
          return undefined;
      }
    },
  };
}

export interface FuzzRequest {
  method: Operation['method'];
  url: string;
  /** JSON text, or undefined for no body. */
  payload: string | undefined;
  kinds: readonly HostileKind[];
  /** Whether the body carries a CurrentVersion to resolve. */
  versioned: boolean;
}

const HOSTILE_IDS: [string, HostileKind][] = [
  ['0', 'out-of-range'],
  ['-1', 'out-of-range'],
  ['abc', 'wrong-type'],
  ['1.5', 'fraction'],
  ['1e999', 'non-finite'],
  ['99999999999999999999', 'precision'],
  ['%00', 'control-char'],
  ['%E2%80%AE1', 'bidi'],
];

/** Percent-encodes query text; a lone surrogate, which has no UTF-8, goes as the bytes of one (invalid UTF-8). */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

/** The arbitrary of one operation's requests: half follow the schemas, half have one hostile part (an id, a query value, a place in the body). */
export function requestArbitrary(op: Operation, fx: ApiFixture, pools: IdPools): fc.Arbitrary<FuzzRequest> {
  const hints = hintsFor(fx, pools);
  const pool = ((segment) => (segment === 'users' ? pools.users : pools[TABLE_OF_SEGMENT[segment] ?? '']))(op.path.match(/\/(\w+)\/\{id\}/)?.[1] ?? '');
  const validId: fc.Arbitrary<Tagged> = fromPool(pool).map((v) => ({ value: String(v), kinds: [] }));
  const hostileId: fc.Arbitrary<Tagged> = fc.constantFrom(...HOSTILE_IDS).map(([value, kind]) => ({ value, kinds: [kind] }));
  const queryOf = (hostile: string | null) =>
    fc.tuple(
      ...op.queryParams.map((p) => {
        if (p.name === hostile) return hostileOf(p.schema).map((t) => [p.name, t] as const);
        const arb = arbitraryOf(p.schema, hints, p.name).map((t) => [p.name, t] as const);
        return p.required ? arb : fc.option(arb, { nil: undefined });
      }),
    );
  const validBody: fc.Arbitrary<Tagged | undefined> = op.body ? arbitraryOf(op.body, hints) : fc.constant(undefined);
  const hostileBody: fc.Arbitrary<Tagged | undefined> = op.body
    ? mutatedOf(op.body, hints)
    : fc.constant<Tagged>({ value: { 多余字段: 1 }, kinds: ['extra-field'] });
  // What the hostile requests spoil: the id, one query parameter, the body, or an extra query parameter.
  const targets = [
    ...op.pathParams.map(() => 'id'),
    ...op.queryParams.map((p) => `query:${p.name}`),
    ...(op.body || op.method !== 'GET' ? ['body'] : []),
    'extra-query',
  ];
  const build = (spoil: string | null): fc.Arbitrary<FuzzRequest> =>
    fc
      .record({
        ids: fc.tuple(...op.pathParams.map(() => (spoil === 'id' ? hostileId : validId))),
        query: queryOf(spoil?.startsWith('query:') ? spoil.slice(6) : null),
        body: spoil === 'body' ? hostileBody : validBody,
      })
      .map(({ ids, query, body }) => {
        let url = op.path;
        op.pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, String(ids[i]?.value))));
        const pairs = query.filter((e) => e !== undefined);
        if (spoil === 'extra-query') pairs.push(['多余参数', { value: '1', kinds: ['extra-field'] }]);
        if (pairs.length > 0) url += `?${pairs.map(([name, t]) => `${encode(name)}=${encode(toQueryText(t.value))}`).join('&')}`;
        const kinds = [...ids.flatMap((t) => t.kinds), ...pairs.flatMap(([, t]) => t.kinds), ...(body?.kinds ?? [])];
        const versioned =
          body !== undefined &&
          typeof body.value === 'object' &&
          body.value !== null &&
          (body.value as Record<string, unknown>).version instanceof CurrentVersion;
        return { method: op.method, url, payload: body === undefined ? undefined : toJson(body.value), kinds: [...new Set(kinds)], versioned };
      });
  return fc.oneof(build(null), fc.constantFrom(...targets).chain(build));
}

/** The version of the object the request acts on (its own address, or its parent's), read as the office; 1 when there is none. */
async function currentVersion(fx: ApiFixture, office: Session, url: string): Promise<number> {
  const path = url.split('?')[0] ?? url;
  for (const candidate of [path, path.replace(/\/[^/]+$/, '')]) {
    const res = await fx.app.inject({ method: 'GET', url: candidate, headers: { cookie: office.cookie } });
    if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('application/json')) continue;
    const body = res.json<{ version?: unknown }>();
    if (typeof body.version === 'number') return body.version;
  }
  return 1;
}

/** Sends one request as the session would (cookie, and the CSRF token on a write). */
export async function send(
  fx: ApiFixture,
  who: Session | null,
  office: Session,
  request: FuzzRequest,
): Promise<{ res: LightMyRequestResponse; payload: string | undefined }> {
  let payload = request.payload;
  if (request.versioned && payload !== undefined) {
    const version = await currentVersion(fx, office, request.url);
    payload = payload.replace(/"version":\{\}/, `"version":${version}`);
  }
  const headers: Record<string, string> = {};
  if (who) {
    headers.cookie = who.cookie;
    if (request.method !== 'GET') headers['x-csrf-token'] = who.csrf;
  }
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const res = await fx.app.inject({ method: request.method, url: request.url, headers, ...(payload === undefined ? {} : { payload }) });
  return { res, payload };
}
