/**
 * Set-up shared by the reporting tests (attachments, milestones, 销号, co-unit
 * inputs): actors read from the fixture's accounts, a co-unit of task a with
 * its own liaison and head, fresh rounds, a file store in a temporary
 * directory, and an approved work plan written behind the API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { roundOpener } from '../../../src/modules/round/round.service.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import { openFileStore, type FileStore } from '../../../src/store/files.js';
import { PEOPLE, uniqueName, type ApiFixture, type PersonKey } from '../../server/api-fixture.js';

/** A co-unit of the fixture's task a (hosted by 区工业和信息化局). */
export const CO_UNIT = '区发展和改革局';
export const CO_PEOPLE = {
  coLiaison: { username: 'fgj_lly', password: 'Lh-21-Strong!Pass9', role: 'liaison' },
  coHead: { username: 'fgj_head', password: 'Lh-22-Strong!Pass9', role: 'head' },
} as const;

export type Who = PersonKey | keyof typeof CO_PEOPLE;

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

/** Everyone of the fixture, plus the co-unit's liaison and head (created here). */
export function useActors(fx: () => ApiFixture): (who: Who) => Actor {
  const actors = new Map<Who, Actor>();
  beforeAll(async () => {
    for (const key of Object.keys(PEOPLE) as PersonKey[]) actors.set(key, await actorNamed(fx(), PEOPLE[key].username));
    for (const [key, p] of Object.entries(CO_PEOPLE) as [keyof typeof CO_PEOPLE, (typeof CO_PEOPLE)[keyof typeof CO_PEOPLE]][]) {
      await createUser(fx().store.db, fx().operator, { username: p.username, role: p.role, unitName: CO_UNIT, password: p.password });
      actors.set(key, await actorNamed(fx(), p.username));
    }
  });
  return (who) => {
    const a = actors.get(who);
    if (!a) throw new Error(`no actor ${who}`);
    return a;
  };
}

/** A file store in a temporary directory of its own, removed after the suite. */
export function useTempFiles(): () => FileStore {
  let dir: string | undefined;
  let files: FileStore | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-files-'));
    files = openFileStore(dir);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!files) throw new Error('the file store is only available inside hooks and tests');
    return files;
  };
}

/** A fresh ad hoc round, so that a test starts from new drafts. */
export async function openRound(fx: ApiFixture, office: Actor): Promise<number> {
  return (
    await roundOpener.open(fx.store.db, office, {
      planId: fx.planId,
      kind: 'adhoc',
      label: uniqueName('专项调度'),
      periodEnd: '2026-05-31',
      dueOn: '2026-06-05',
    })
  ).round.id;
}

export async function reportIn(fx: ApiFixture, roundId: number, taskId: number, unitId: number): Promise<number> {
  return (
    await fx.store.db
      .selectFrom('reports')
      .select('id')
      .where('round_id', '=', roundId)
      .where('task_id', '=', taskId)
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow()
  ).id;
}

export async function unitId(fx: ApiFixture, name: string): Promise<number> {
  return (await fx.store.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/**
 * A work plan of the task in the given status, with its milestones, written
 * behind the API (set-up, not the work plan flow); returns the milestone ids.
 */
export async function workPlan(fx: ApiFixture, taskId: number, status: string, milestones: { dueOn: string; title: string }[]): Promise<number[]> {
  const db = fx.store.db;
  const now = new Date().toISOString();
  const last = await db
    .selectFrom('work_plans')
    .select((eb) => eb.fn.max('revision').as('r'))
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  const hostUnit = await db.selectFrom('task_units').select('unit_id').where('task_id', '=', taskId).where('role', '=', 'host').executeTakeFirstOrThrow();
  const plan = await db
    .insertInto('work_plans')
    .values({
      government_id: fx.governmentId,
      task_id: taskId,
      unit_id: hostUnit.unit_id,
      revision: Number(last?.r ?? 0) + 1,
      status,
      measures: '分月推进。',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const [position, m] of milestones.entries()) {
    const row = await db
      .insertInto('work_plan_milestones')
      .values({ government_id: fx.governmentId, work_plan_id: plan.id, position, due_on: m.dueOn, title: m.title, unit_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

export const auditOf = (fx: ApiFixture, action: string, objectId: number) =>
  fx.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('object_id', '=', String(objectId)).orderBy('seq').execute();

export const auditCount = async (fx: ApiFixture): Promise<number> => (await fx.store.db.selectFrom('audit_log').select('id').execute()).length;
