/**
 * How a notice's unit names meet the unit directory, before anything is
 * stored: the directory the import brings (if any) over the one the store
 * holds, so that a preview shows exactly what the commit will store. A name
 * resolves only by a unit's name or alias, exactly (after the importer's
 * bracket rule, unitNameForms); anything else stays the notice's own name, is
 * warned about as unknown_unit, and becomes a new unit only when the office
 * commits. A unit group the notice names that has no members is warned about
 * too (empty_group): it owes no report until the office names its members.
 */
import type { Plan, Task, Warning } from '../../domain/plan.js';
import { isUnitGroup, unitNameForms, type UnitDirectory } from '../../importer/index.js';
import type { NamedUnit } from '../unit/unit.model.js';
import { canonicalizePlan, unitNamesOf } from './plan-corrections.js';

/** A name of the notice as the directory reads it. */
export interface ReadName {
  /** The unit's canonical name (the name as written when unknown). */
  name: string;
  group: boolean;
  /** How many members the group has (0 for a unit). */
  members: number;
  known: boolean;
}

/** The directory a notice is read against: the import's own entries first, then the store's. */
export interface NoticeDirectory {
  /** False when neither the store nor the import has a directory: the notice's names found it. */
  present: boolean;
  read(raw: string): ReadName;
}

/** Every form the store must be asked about for these names. */
export const lookupForms = (names: readonly string[]): string[] => [...new Set(names.flatMap((n) => unitNameForms(n.trim())))];

export function noticeDirectory(stored: ReadonlyMap<string, NamedUnit>, storeHasUnits: boolean, given?: UnitDirectory): NoticeDirectory {
  const own = new Map<string, Omit<ReadName, 'known'>>();
  for (const u of given?.units ?? []) for (const n of [u.name, ...(u.aliases ?? [])]) own.set(n.trim(), { name: u.name.trim(), group: false, members: 0 });
  for (const g of given?.groups ?? []) {
    const entry = { name: g.name.trim(), group: true, members: new Set(g.members).size };
    for (const n of [g.name, ...(g.aliases ?? [])]) own.set(n.trim(), entry);
  }
  return {
    present: storeHasUnits || given !== undefined,
    read(raw) {
      const name = raw.trim();
      for (const form of unitNameForms(name)) {
        const hit = own.get(form);
        if (hit) return { ...hit, known: true };
        const unit = stored.get(form);
        if (unit) return { name: unit.name, group: unit.kind === 'group', members: unit.members, known: true };
      }
      return { name, group: isUnitGroup(name), members: 0, known: false };
    },
  };
}

/** The plan with its unit names canonical, and its warnings as they stand against the directory. */
export function readPlanUnits(plan: Plan, directory: NoticeDirectory): Plan {
  const canonical = new Map(unitNamesOf(plan).map((n) => [n, directory.read(n).name]));
  const read = canonicalizePlan(plan, canonical);
  // The importer judged names against the import's directory alone; they are judged here against both.
  const kept = directory.present ? plan.warnings.filter((w) => w.code !== 'unknown_unit') : plan.warnings;
  const warnings = [...kept, ...unknownUnits(plan.tasks, directory), ...emptyGroups(plan.tasks, directory)];
  warnings.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  return { ...read, warnings };
}

function unknownUnits(tasks: readonly Task[], directory: NoticeDirectory): Warning[] {
  if (!directory.present) return [];
  return tasks.flatMap((t) =>
    [...new Set([...t.hostUnits, ...t.coUnits].map((n) => n.trim()))]
      .filter((n) => !directory.read(n).known && !isUnitGroup(n))
      .map((n): Warning => ({
        code: 'unknown_unit',
        task: t.number,
        line: t.line,
        message: `第 ${t.number} 项任务的单位“${n}”不在单位名录中，导入后将作为新单位加入名录；如果它是名录中某个单位的简称，请更正单位名称，或先在单位管理中为该单位添加这个简称`,
      })),
  );
}

/** One warning per group without members, at the first task that names it. */
function emptyGroups(tasks: readonly Task[], directory: NoticeDirectory): Warning[] {
  const named = new Map<string, Task[]>();
  for (const t of tasks) {
    for (const raw of new Set([...t.hostUnits, ...t.coUnits])) {
      const unit = directory.read(raw);
      if (!unit.group || unit.members > 0) continue;
      const list = named.get(unit.name) ?? [];
      if (!list.includes(t)) list.push(t);
      named.set(unit.name, list);
    }
  }
  return [...named].map(([name, list]) => ({
    code: 'empty_group',
    task: list[0]?.number ?? null,
    line: list[0]?.line ?? null,
    message: `单位组“${name}”没有成员单位（第 ${list.map((t) => t.number).join('、')} 项任务）：调度时不会向任何单位要这些任务的报告。请在单位管理中为它设置成员单位，或在导入时附上列明成员的单位名录`,
  }));
}
