/**
 * The world of the simulated year: the seed notice imported into a fresh
 * database, the five tasks the year's story is about (picked by what they
 * say, each pick checked so that a different seed fails loudly), and the
 * people who act: one office clerk (and a second for the races), a head and
 * a liaison for every unit, and the lead leaders the story needs.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { systemActor, type Actor } from '../../src/domain/actor.js';
import type { Role } from '../../src/domain/roles.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import type { LedgerTask } from '../../src/modules/task/task.model.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { listUnits } from '../../src/modules/unit/unit.repository.js';
import type { User } from '../../src/modules/user/user.repository.js';
import { createUser } from '../../src/modules/user/user.service.js';
import type { Store } from '../../src/store/connection.js';
import { openDatabase } from '../../src/startup/open.js';
import type { Tx } from '../../src/store/tx.js';
import { seedPath } from '../helpers/paths.js';

/** The five units whose year is scripted, by the part they play. */
export const ROLES = ['finance', 'health', 'safety', 'ecology', 'commerce'] as const;
export type Part = (typeof ROLES)[number];

export interface StoryTask {
  task: LedgerTask;
  unitId: number;
  unitName: string;
  leader: string;
}

export interface World {
  store: Store;
  db: Tx;
  governmentId: number;
  planId: number;
  tasks: LedgerTask[];
  /** Unit groups (各镇街…): placeholders that owe no report. */
  groups: Set<number>;
  story: Record<Part, StoryTask>;
  office: Actor;
  /** A second clerk of the office, for two people acting at once. */
  office2: Actor;
  head(unitId: number): Actor;
  liaison(unitId: number): Actor;
  leader(name: string): Actor;
}

const PASSWORD = 'Year-2026-Str0ng!Pass';

export const actorOf = (u: User): Actor => ({
  governmentId: u.governmentId,
  userId: u.id,
  username: u.username,
  role: u.role,
  unitId: u.unitId,
  leaderId: u.leaderId,
  ip: null,
});

const names = (refs: readonly { name: string }[]): string[] => refs.map((r) => r.name);

function pick(tasks: readonly LedgerTask[], what: string, test: (t: LedgerTask) => boolean): LedgerTask {
  const found = tasks.find(test);
  if (!found) throw new Error(`the seed has no ${what}`);
  return found;
}

/**
 * The tasks of the story, found by their content. What the story relies on
 * about each (its one host unit, its lead leader, its targets, the other
 * tasks of its unit) is checked here.
 */
function chooseStory(tasks: readonly LedgerTask[], groups: ReadonlySet<number>): Record<Part, StoryTask> {
  const realCo = (t: LedgerTask): string[] => names(t.coUnits.filter((u) => !groups.has(u.id)));
  // 金融办: new loans of 100, 35 and 2 亿元, three increments, and the office hosts nothing else.
  const finance = pick(
    tasks,
    'task on new loans',
    (t) => t.targets.length > 0 && t.targets.every((x) => x.kind === 'increment') && t.targets.some((x) => x.metric === '贷款'),
  );
  expect(finance.targets.map((x) => [x.kind, x.metric, x.value])).toEqual([
    ['increment', '贷款', 100],
    ['increment', '制造业贷款', 35],
    ['increment', '科技贷款', 2],
  ]);
  // 卫健局: village clinics, three counts (10 new, 150 refurbished, 50 with Chinese medicine).
  const health = pick(tasks, 'task on village clinics', (t) => t.targets.some((x) => x.metric === '中心村卫生室'));
  expect(health.targets.map((x) => [x.kind, x.value])).toEqual([
    ['count', 10],
    ['count', 150],
    ['count', 50],
  ]);
  // 应急管理局: work safety, a qualitative task (no targets, no project stages to date).
  const safety = pick(tasks, 'task on work safety', (t) => t.text.startsWith('打好安全生产治本攻坚三年行动收官战'));
  expect(safety.targets).toEqual([]);
  // 生态环境分局: clean air and water; its only figure (75 蒸吨 of boilers) is descriptive, so the task is qualitative too.
  const ecology = pick(tasks, 'task on clean air', (t) => t.targets.some((x) => x.metric === '燃煤锅炉'));
  expect(ecology.targets.map((x) => x.kind)).toEqual(['other']);
  // 商务局: foreign trade, a total of 220 亿元 and a growth rate of 10 %: the first task with a growth rate and a single host unit.
  const commerce = pick(tasks, 'task with a growth rate and one host', (t) => t.hostUnits.length === 1 && t.targets.some((x) => x.kind === 'growth_rate'));
  expect(commerce.targets.map((x) => [x.kind, x.metric, x.value, x.unit])).toEqual([
    ['total', '外贸进出口', 220, '亿元'],
    ['growth_rate', '跨境电商贸易额', 10, '%'],
  ]);

  const part = (task: LedgerTask, unitName: string, leader: string, co: string[]): StoryTask => {
    expect(names(task.hostUnits)).toEqual([unitName]);
    expect(names(task.leaders)).toEqual([leader]);
    expect(realCo(task)).toEqual(co);
    const unit = task.hostUnits[0];
    if (!unit) throw new Error('no host');
    return { task, unitId: unit.id, unitName, leader };
  };
  return {
    finance: part(finance, '区金融稳定发展领导小组办公室', '展召爽', ['区科学技术局', '国家金融监督管理总局兖州监管支局', '济宁利源产业投资发展有限公司']),
    health: part(health, '区卫生健康局', '徐晋', []),
    safety: part(safety, '区应急管理局', '石可清', []),
    ecology: part(ecology, '区生态环境分局', '杨阳', []),
    commerce: part(commerce, '区商务局', '石可清', []),
  };
}

/** Opens a fresh database, imports the seed and creates everyone. */
export async function openWorld(url: string): Promise<World> {
  const { store, governmentId } = await openDatabase(url, { adminPassword: 'Adm1n-Year-Passw0rd!', notice: () => undefined });
  try {
    const db = store.db;
    const operator = systemActor(governmentId, 'year-operator');
    const imported = await commitImport(store, operator, { fileName: 'seed.txt', bytes: new Uint8Array(readFileSync(seedPath)) });
    const tasks = await listTasks(db, governmentId, { planId: imported.planId });
    const units = await listUnits(db, governmentId);
    const groups = new Set(units.filter((u) => u.kind === 'group').map((u) => u.id));
    const story = chooseStory(tasks, groups);

    // Accounts one after the other: argon2 takes its time, and the first login is never the point here.
    const make = async (username: string, role: Role, extra: { unitName?: string; leaderName?: string }): Promise<Actor> =>
      actorOf(await createUser(db, operator, { username, role, password: PASSWORD, displayName: username, ...extra }));
    const office = await make('dcs_year', 'office', {});
    const office2 = await make('dcs_year2', 'office', {});
    const heads = new Map<number, Actor>();
    const liaisons = new Map<number, Actor>();
    for (const unit of units.filter((u) => u.kind !== 'group')) {
      heads.set(unit.id, await make(`head_${unit.id}`, 'head', { unitName: unit.name }));
      liaisons.set(unit.id, await make(`lly_${unit.id}`, 'liaison', { unitName: unit.name }));
    }
    const leaders = new Map<string, Actor>();
    for (const name of [...new Set(ROLES.map((p) => story[p].leader))]) leaders.set(name, await make(`ld_${leaders.size + 1}`, 'leader', { leaderName: name }));
    const get = <K>(map: Map<K, Actor>, key: K, what: string): Actor => {
      const actor = map.get(key);
      if (!actor) throw new Error(`no ${what} ${String(key)}`);
      return actor;
    };
    return {
      store,
      db,
      governmentId,
      planId: imported.planId,
      tasks,
      groups,
      story,
      office,
      office2,
      head: (unitId) => get(heads, unitId, 'head of unit'),
      liaison: (unitId) => get(liaisons, unitId, 'liaison of unit'),
      leader: (name) => get(leaders, name, 'leader'),
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
