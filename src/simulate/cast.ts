/**
 * Who plays which part in a simulated year: the office, each unit's head
 * and liaison, each lead leader. Existing accounts play their own part; a
 * missing one is created when its part first comes up (a unit when a report
 * or a work plan of its appears, a leader when a decision awaits them), on
 * the simulated day, with a random password nobody is told (an
 * administrator can reset it). So a unit given a report of its own (a member
 * of a unit group) gets its accounts as the report appears.
 */
import type { Actor } from '../domain/actor.js';
import { systemActor } from '../domain/actor.js';
import type { Role } from '../domain/roles.js';
import { listUnits } from '../modules/unit/unit.repository.js';
import { generatePassword } from '../modules/user/password.js';
import { listUsers, type User } from '../modules/user/user.repository.js';
import { createUser } from '../modules/user/user.service.js';
import type { Tx } from '../store/tx.js';
import type { Clock } from '../store/unit-of-work.js';

export interface Cast {
  office: Actor;
  head(unitId: number): Promise<Actor>;
  liaison(unitId: number): Promise<Actor>;
  /** The leader's own account (made when missing). */
  leader(leader: { id: number; name: string }): Promise<Actor>;
  /** Accounts created so far. */
  readonly created: number;
}

const actorOf = (u: User): Actor => ({
  governmentId: u.governmentId,
  userId: u.id,
  username: u.username,
  role: u.role,
  unitId: u.unitId,
  leaderId: u.leaderId,
  ip: null,
});

/** The cast of a government; the office's account is found or made now, on the clock's day. */
export async function castFor(db: Tx, governmentId: number, clock: Clock): Promise<Cast> {
  const operator = systemActor(governmentId, 'simulate');
  const users = (await listUsers(db, governmentId)).filter((u) => !u.disabled);
  let unitNames = new Map<number, string>();
  let created = 0;
  const make = async (username: string, role: Role, extra: { unitName?: string; leaderName?: string; displayName: string }): Promise<Actor> => {
    const user = await createUser(db, operator, { username, role, password: generatePassword(username), ...extra }, clock);
    created += 1;
    return actorOf(user);
  };
  const existing = (role: Role, match: (u: User) => boolean): Actor | undefined => {
    const u = users.find((x) => x.role === role && match(x));
    return u && actorOf(u);
  };
  const unitName = async (unitId: number): Promise<string> => {
    if (!unitNames.has(unitId)) unitNames = new Map((await listUnits(db, governmentId)).map((u) => [u.id, u.name]));
    const name = unitNames.get(unitId);
    if (name === undefined) throw new Error(`unit ${unitId} is not in the directory`);
    return name;
  };

  const office = existing('office', () => true) ?? (await make('sim_office', 'office', { displayName: '督查室（模拟）' }));
  const heads = new Map<number, Actor>();
  const liaisons = new Map<number, Actor>();
  const leaders = new Map<number, Actor>();
  const role =
    (map: Map<number, Actor>, r: 'head' | 'liaison', suffix: string, title: string) =>
    async (unitId: number): Promise<Actor> => {
      const known = map.get(unitId) ?? existing(r, (u) => u.unitId === unitId);
      if (known) {
        map.set(unitId, known);
        return known;
      }
      const name = await unitName(unitId);
      const actor = await make(`sim_u${unitId}_${suffix}`, r, { unitName: name, displayName: `${name}${title}（模拟）` });
      map.set(unitId, actor);
      return actor;
    };
  return {
    office,
    head: role(heads, 'head', 'head', '负责人'),
    liaison: role(liaisons, 'liaison', 'lly', '联络员'),
    leader: async ({ id, name }) => {
      const known =
        leaders.get(id) ?? existing('leader', (u) => u.leaderId === id) ?? (await make(`sim_ld${id}`, 'leader', { leaderName: name, displayName: name }));
      leaders.set(id, known);
      return known;
    },
    get created() {
      return created;
    },
  };
}
