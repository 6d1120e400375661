/**
 * The people of the work plan and extension tests: the API fixture's
 * accounts, plus those the fixture lacks (the head of unit B, the leader of
 * task b, a second office clerk), as service actors.
 */
import type { Actor } from '../../../src/domain/actor.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import { PEOPLE, UNIT_B, type ApiFixture, type PersonKey } from '../../server/api-fixture.js';

/** 罗清禾 leads task b (and task a, beside 闵晓川); the fixture has no account for him. */
export const OTHER_LEADER = '罗清禾';

const EXTRA = {
  headB: { username: 'swj_head', role: 'head', unitName: UNIT_B, password: 'Lh-31-Strong!Pass9' },
  leaderLuo: { username: 'ld_luo', role: 'leader', leaderName: OTHER_LEADER, password: 'Lh-32-Strong!Pass9' },
  office2: { username: 'dcs_li', role: 'office', password: 'Lh-33-Strong!Pass9' },
} as const;

export type Who = PersonKey | keyof typeof EXTRA;

export async function actorNamed(fx: ApiFixture, username: string): Promise<Actor> {
  const u = await fx.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return {
    governmentId: fx.governmentId,
    userId: u.id,
    username: u.username,
    role: u.role as Actor['role'],
    unitId: u.unit_id,
    leaderId: u.leader_id,
    ip: '10.0.0.1',
  };
}

/** Everyone, created once per fixture. */
export async function everyone(fx: ApiFixture): Promise<Record<Who, Actor>> {
  for (const p of Object.values(EXTRA)) await createUser(fx.store.db, fx.operator, p);
  const out = {} as Record<Who, Actor>;
  for (const [key, p] of Object.entries({ ...PEOPLE, ...EXTRA })) out[key as Who] = await actorNamed(fx, p.username);
  return out;
}

/** A task of the sample notice by its number. */
export async function taskNumbered(fx: ApiFixture, number: number): Promise<number> {
  const row = await fx.store.db.selectFrom('tasks').select('id').where('plan_id', '=', fx.planId).where('number', '=', number).executeTakeFirstOrThrow();
  return row.id;
}

/** Set-up behind the API: the task loses its lead leaders, so that the office decides for it. */
export async function withoutLeaders(fx: ApiFixture, taskId: number): Promise<void> {
  await fx.store.db.deleteFrom('task_leaders').where('task_id', '=', taskId).execute();
}

export const unitNamed = async (fx: ApiFixture, name: string): Promise<number> =>
  (await fx.store.db.selectFrom('units').select('id').where('government_id', '=', fx.governmentId).where('name', '=', name).executeTakeFirstOrThrow()).id;

export const targetsOf = async (fx: ApiFixture, taskId: number) =>
  fx.store.db.selectFrom('targets').select(['id', 'kind', 'value', 'unit', 'metric']).where('task_id', '=', taskId).orderBy('position').execute();

export const auditCount = async (fx: ApiFixture): Promise<number> =>
  Number(
    (
      await fx.store.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
