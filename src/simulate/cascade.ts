/**
 * `luoshi simulate --counties N`: the simulated year of a city, with governments below it that take up its
 * tasks and report on them (issue 16's cascade, ADR 0031), so that a new user sees tasks handed down, taken up
 * and rolled up.
 *
 * On the plan's first simulated day the governments below are found or added (fictional names, deterministic:
 * counties below a city, towns below a district or a county), each with an office account and a few units.
 * A week or so later the city's office hands a seeded selection of its tasks with reported figures down to all of
 * them through `assignTask` (the service the API uses), cutting each target whose figures add up into shares that
 * add up to the city's value. Each lower office gives its tasks from above to its units (`setTaskOwners`) in the
 * days after. Then each lower government's plan of tasks from above is simulated from the day after its owners
 * were set, by the same simulator and services as the city's: its own schedule, rounds, reports drafted, approved,
 * submitted and accepted, figures read from the share with a seed of its own, so that some governments lag.
 *
 * Governments do not read each other's data while the story is told, so each lower government's year runs after
 * the city's, day by day on its own clock: the data are those of one interleaved year. Every decision draws from a
 * named stream (`draw`): the same seed tells the same story. A rerun reuses the governments, units and accounts it
 * finds, hands down nothing twice and leaves a lower plan already under way as it is.
 */
import type { Actor } from '../domain/actor.js';
import { systemActor } from '../domain/actor.js';
import { defaultCombine } from '../domain/completion.js';
import type { IsoDate } from '../domain/status.js';
import { dayNumber, isoDate } from '../domain/time-progress.js';
import { assignTask, setTaskOwners } from '../modules/assignment/assignment.service.js';
import { addGovernment } from '../modules/government/government-tree.service.js';
import { listGovernments, type GovernmentNode } from '../modules/government/government.repository.js';
import { documentProfile } from '../modules/government/government.service.js';
import { listPlans } from '../modules/plan/plan.repository.js';
import { listPlanRounds } from '../modules/round/round.service.js';
import type { LedgerTask, StoredTarget } from '../modules/task/task.model.js';
import { listTasks } from '../modules/task/task.repository.js';
import { listUnits } from '../modules/unit/unit.repository.js';
import { createUnit } from '../modules/unit/unit.service.js';
import { generatePassword } from '../modules/user/password.js';
import { listUsers, usernameTaken } from '../modules/user/user.repository.js';
import { createUser } from '../modules/user/user.service.js';
import type { Tx } from '../store/tx.js';
import type { Clock } from '../store/unit-of-work.js';
import { castFor } from './cast.js';
import { apportion, countsThings, isReported } from './figures.js';
import { between, chance, draw, shuffle } from './scenario.js';
import { simulate, simulationStart, SimulationError, type SimulateOptions, type SimulationSummary } from './simulator.js';
import { MAX_LOWER_GOVERNMENTS } from './cascade-limits.js';

export { MAX_LOWER_GOVERNMENTS };
/** At most this many of the city's tasks are handed down. */
const TASKS_HANDED_DOWN = 5;

/** The fictional places below, with the spelling of their account names. */
const PLACES: readonly { stem: string; latin: string }[] = [
  { stem: '青石', latin: 'qingshi' },
  { stem: '白沙', latin: 'baisha' },
  { stem: '松岭', latin: 'songling' },
  { stem: '柳溪', latin: 'liuxi' },
  { stem: '石门', latin: 'shimen' },
  { stem: '云台', latin: 'yuntai' },
  { stem: '桃源', latin: 'taoyuan' },
  { stem: '清河', latin: 'qinghe' },
  { stem: '梅岭', latin: 'meiling' },
];

/** A lower government's units, with the words a city unit's name shares with each (the host it takes a task to). */
const COUNTY_UNITS: readonly { name: string; words: readonly string[] }[] = [
  { name: '发展和改革局', words: ['发展和改革', '发改', '投资', '项目'] },
  { name: '工业和信息化局', words: ['工业', '信息化', '科学技术', '数据'] },
  { name: '住房和城乡建设局', words: ['住房', '城乡建设', '自然资源', '城市管理', '交通'] },
  { name: '农业农村局', words: ['农业', '农村', '水利', '林业'] },
  { name: '商务局', words: ['商务', '招商', '文化', '旅游'] },
];
const TOWN_UNITS: readonly { name: string; words: readonly string[] }[] = [
  { name: '经济发展办公室', words: ['发展和改革', '工业', '商务', '投资', '科学技术', '财政'] },
  { name: '规划建设办公室', words: ['住房', '城乡建设', '自然资源', '城市管理', '交通'] },
  { name: '农业农村办公室', words: ['农业', '农村', '水利', '林业'] },
  { name: '社会事务办公室', words: ['人力资源', '民政', '教育', '卫生', '文化'] },
];

export interface CascadeOptions extends SimulateOptions {
  /** How many governments below the city take up its tasks (1–9). */
  counties: number;
  /** The password of a lower office's account about to be made (the demo keeps them); a random one nobody is told by default. */
  officePassword?(username: string): string;
}

export interface LowerGovernmentSummary {
  governmentId: number;
  name: string;
  /** The office's account. */
  office: string;
  /** Tasks from above in its ledger. */
  tasks: number;
  /** Its simulated year; null when its tasks arrived after the last day simulated or its plan was under way already. */
  summary: SimulationSummary | null;
}

export interface CascadeSummary {
  city: SimulationSummary;
  /** The day the city handed its tasks down (null: after the last day simulated). */
  assignedOn: IsoDate | null;
  /** The city's tasks handed down. */
  assigned: number;
  governments: LowerGovernmentSummary[];
}

/** The level below a place, as its name ends: towns below a district or a county, counties below anything higher. */
function lowerLevel(cityName: string): '县' | '镇' {
  const place = cityName.replace(/(?:人民政府|管理委员会|管委会|行政公署)$/, '');
  return /(?:区|县|旗)$/.test(place) ? '镇' : '县';
}

/** The shares of a value among governments by whole weights, adding up to it exactly. */
function sharesOf(target: StoredTarget, value: number, weights: readonly number[]): number[] {
  if (countsThings(target) && Number.isInteger(value) && value >= 0) return apportion(value, weights);
  const total = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.round(((value * w) / total) * 100) / 100);
  const rest = parts.slice(0, -1).reduce((a, b) => a + b, 0);
  parts[parts.length - 1] = Math.round((value - rest) * 1e6) / 1e6;
  return parts;
}

/** Targets the city cuts into shares: reported, with a value, whose figures add up. */
const isSplit = (t: StoredTarget): boolean => isReported(t) && t.value !== null && (t.combine ?? defaultCombine(t)) === 'sum';

/** The city's year with `counties` governments below it taking up its tasks. */
export async function simulateCascade(db: Tx, cityId: number, options: CascadeOptions): Promise<CascadeSummary> {
  const { seed } = options;
  if (!Number.isInteger(options.counties) || options.counties < 1 || options.counties > MAX_LOWER_GOVERNMENTS)
    throw new SimulationError(`下级政府数量应为 1 至 ${MAX_LOWER_GOVERNMENTS}`);
  const plans = await listPlans(db, cityId);
  const plan = options.planId === undefined ? [...plans].sort((a, b) => b.year - a.year || b.id - a.id)[0] : plans.find((p) => p.id === options.planId);
  if (!plan) throw new SimulationError('还没有导入任务分解方案，请先用 luoshi import --commit 导入');
  const start = Math.max(dayNumber(simulationStart(plan).from), options.from === undefined ? 0 : dayNumber(options.from));
  const assignDay = start + between(draw(seed, 'cascade', 'assign'), 5, 12);
  const operator = systemActor(cityId, 'simulate');

  const planId = plan.id;
  type Lower = { node: GovernmentNode; place: (typeof PLACES)[number]; office: Actor; units: { id: number; name: string; words: readonly string[] }[] };
  const lower: Lower[] = [];
  let assigned = 0;
  const ownersDays = new Map<number, number>();

  /** The governments below, found or added, each with its office account and units. */
  async function setUp(clock: Clock): Promise<void> {
    let all = await listGovernments(db);
    let city = all.find((g) => g.id === cityId) as GovernmentNode;
    if (city.name === '') {
      // The unnamed government of a new install takes the name its notice gives it (as `government add` would).
      const named = (await documentProfile(db, cityId)).name;
      if (named === '' || all.length > 1) throw new SimulationError('本级政府还没有名称，请先用 luoshi government add --name 名称 为其命名');
      city = await addGovernment(db, operator, { name: named });
      all = await listGovernments(db);
    }
    const level = lowerLevel(city.name);
    const region = city.name.replace(/(?:人民政府|管理委员会|管委会|行政公署)$/, '');
    const catalogue = level === '县' ? COUNTY_UNITS : TOWN_UNITS;
    for (const place of PLACES.slice(0, options.counties)) {
      const short = `${place.stem}${level}`;
      // The plain name unless another government holds it elsewhere in the deployment; then the city's region before it.
      const plain = `${short}人民政府`;
      const taken = all.find((g) => g.name === plain);
      const name = taken && taken.parentId !== cityId ? `${region}${plain}` : plain;
      let node = all.find((g) => g.name === name);
      if (node && node.parentId !== cityId) throw new SimulationError(`已有名为“${name}”的政府，但不在${city.name}之下`);
      node ??= await addGovernment(db, operator, { name, parentName: city.name });
      all = await listGovernments(db);
      const actor = systemActor(node.id, 'simulate');
      const office = (await listUsers(db, node.id)).find((u) => u.role === 'office' && !u.disabled);
      let officeActor: Actor;
      if (office) {
        officeActor = { governmentId: node.id, userId: office.id, username: office.username, role: office.role, unitId: null, leaderId: null, ip: null };
      } else {
        const username = (await usernameTaken(db, `${place.latin}_office`)) ? `${place.latin}${node.id}_office` : `${place.latin}_office`;
        const password = options.officePassword?.(username) ?? generatePassword(username);
        const made = await createUser(db, actor, { username, role: 'office', password, displayName: `${short}督查室（模拟）` }, clock);
        officeActor = { governmentId: node.id, userId: made.id, username: made.username, role: made.role, unitId: null, leaderId: null, ip: null };
      }
      const existing = await listUnits(db, node.id);
      const units = [];
      for (const u of catalogue) {
        const unitName = `${short}${u.name}`;
        const found = existing.find((x) => x.name === unitName) ?? (await createUnit(db, actor, { name: unitName }, clock));
        units.push({ id: found.id, name: unitName, words: u.words });
      }
      lower.push({ node, place, office: officeActor, units });
    }
  }

  /** The city's office hands a seeded selection of its tasks with figures down to every government below. */
  async function handDown(clock: Clock): Promise<void> {
    const cityOffice = (await castFor(db, cityId, clock)).office;
    const tasks = (await listTasks(db, cityId, { planId })).filter((t) => t.status === 'active' && !t.source && t.targets.some(isSplit));
    const chosen = shuffle(
      tasks.map((t) => t.id),
      draw(seed, 'cascade', 'tasks'),
    )
      .slice(0, TASKS_HANDED_DOWN)
      .sort((a, b) => a - b);
    for (const taskId of chosen) {
      const task = tasks.find((t) => t.id === taskId) as LedgerTask;
      const fresh: Lower[] = [];
      for (const g of lower) {
        const done = (await listTasks(db, g.node.id)).some((t) => t.source?.taskId === taskId);
        if (!done) fresh.push(g);
      }
      // A task already handed to any of them is left as it was: shares are cut once, among all of them.
      if (fresh.length < lower.length) continue;
      const shares = task.targets.filter(isSplit).flatMap((target) => {
        const weights = fresh.map((g) => between(draw(seed, 'cascade', 'share', task.key, target.position, g.place.stem), 2, 6));
        const parts = sharesOf(target, target.value as number, weights);
        return fresh.map((g, i) => ({ targetId: target.id, governmentId: g.node.id, value: parts[i] as number }));
      });
      await assignTask(db, cityOffice, taskId, { governmentIds: fresh.map((g) => g.node.id), shares }, clock);
      assigned += 1;
    }
    for (const g of lower) ownersDays.set(g.node.id, assignDay + between(draw(seed, 'cascade', 'owners', g.place.stem), 1, 4));
  }

  /** A lower office gives each task from above still without owners to the unit its words point to, with a co-unit at times. */
  async function takeUp(g: Lower, clock: Clock): Promise<void> {
    const city = new Map((await listTasks(db, cityId)).map((t) => [t.id, t]));
    for (const task of await listTasks(db, g.node.id)) {
      if (!task.source || task.hostUnits.length > 0 || task.status !== 'active') continue;
      const upper = city.get(task.source.taskId);
      const names = [...(upper?.hostUnits ?? []), ...(upper?.coUnits ?? [])].map((u) => u.name).join('、');
      const pick = draw(seed, 'cascade', 'host', g.place.stem, task.source.key);
      const matched = g.units.findIndex((u) => u.words.some((w) => names.includes(w)));
      const hostAt = matched >= 0 ? matched : between(pick, 0, g.units.length - 1);
      const host = g.units[hostAt] as (typeof g.units)[number];
      const others = g.units.filter((u) => u.id !== host.id);
      const co = chance(pick, 0.5) ? [others[between(pick, 0, others.length - 1)] as (typeof others)[number]] : [];
      await setTaskOwners(db, g.office, task.id, { version: task.version, leaderIds: [], hostUnitIds: [host.id], coUnitIds: co.map((u) => u.id) }, clock);
    }
  }

  const city = await simulate(db, cityId, {
    ...options,
    onDay: async (date, clock) => {
      const day = dayNumber(date);
      if (day === start) await setUp(clock);
      if (day === assignDay) await handDown(clock);
      for (const g of lower) if (ownersDays.get(g.node.id) === day) await takeUp(g, clock);
      await options.onDay?.(date, clock);
    },
  });
  const governments: LowerGovernmentSummary[] = [];
  for (const g of lower) {
    const tasks = (await listTasks(db, g.node.id)).filter((t) => t.source);
    const owners = ownersDays.get(g.node.id);
    const lowerPlan = tasks[0]?.planId;
    let summary: SimulationSummary | null = null;
    if (owners !== undefined && lowerPlan !== undefined && owners + 1 <= dayNumber(city.until)) {
      const under = (await listPlanRounds(db, g.office, lowerPlan)).length > 0;
      if (!under) {
        const lowerSeed = Math.floor(draw(seed, 'cascade', 'seed', g.place.stem)() * 2 ** 31);
        summary = await simulate(db, g.node.id, {
          until: city.until,
          seed: lowerSeed,
          planId: lowerPlan,
          from: isoDate(owners + 1),
          onProgress: (done, total) => options.onProgress?.(done, total),
        });
      }
    }
    governments.push({ governmentId: g.node.id, name: g.node.name, office: g.office.username, tasks: tasks.length, summary });
  }
  return { city, assignedOn: assignDay <= dayNumber(city.until) ? isoDate(assignDay) : null, assigned, governments };
}

/** The cascade's lines of the command's summary, in Chinese. */
export function cascadeLines(c: CascadeSummary): string[] {
  const head =
    c.assignedOn === null
      ? `  下级政府 ${c.governments.length} 个（模拟截止日期前尚未交办任务）`
      : `  下级政府 ${c.governments.length} 个：${c.assignedOn} 交办任务 ${c.assigned} 项，指标按份额分解到各下级`;
  return [
    head,
    ...c.governments.map((g) => {
      const s = g.summary;
      const story = s ? `报送 ${s.reportsSent} 份（逾期 ${s.reportsLate} 份），退回 ${s.returns} 次` : '尚未开始报送';
      return `    ${g.name}（督查室账号 ${g.office}）：上级交办 ${g.tasks} 项，${story}`;
    }),
  ];
}
