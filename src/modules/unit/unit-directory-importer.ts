/**
 * Imports a unit directory (canonical names, aliases, groups and their
 * members) into the store: the command behind `luoshi import --units` and,
 * later, the directory upload. Re-importing the same directory changes nothing.
 */
import type { Actor } from '../../domain/actor.js';
import { ImportError, type UnitDirectory } from '../../importer/index.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { appendAudit } from '../audit/audit.repository.js';
import { unitKindOf, type UnitKind } from './unit.model.js';
import {
  findAliases,
  findUnitsByName,
  insertUnit,
  listGroupMemberIds,
  replaceGroupMembers,
  resolveUnitNames,
  setAlias,
  updateUnitKind,
} from './unit.repository.js';

export interface DirectoryImportResult {
  /** Names of the units and groups created. */
  created: string[];
  /** Names of the units whose kind changed (a unit became a group, or back). */
  updated: string[];
  /** Aliases added or moved to another unit. */
  aliases: number;
  /** Names of the groups whose members changed. */
  groups: string[];
  changed: boolean;
}

interface Entry {
  name: string;
  kind: UnitKind;
  aliases: string[];
}

const fail = (why: string): never => {
  throw new ImportError('bad_directory', `单位名录有误：${why}`);
};

const clean = (value: unknown, what: string): string =>
  typeof value === 'string' && value.trim() !== '' && value.trim().length <= 100 ? value.trim() : fail(`${what}应为不超过 100 字的非空文字`);

function names(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(`${what}应为列表`);
  return [...new Set((value as unknown[]).map((v) => clean(v, what)))];
}

function entry(raw: { name: string; aliases?: string[] }, group: boolean): Entry {
  const name = clean(raw.name, group ? '单位组名称' : '单位名称');
  // A directory's units are units even when their name reads like a placeholder.
  const kind = group ? 'group' : unitKindOf(name) === 'group' ? 'other' : unitKindOf(name);
  return { name, kind, aliases: names(raw.aliases, `“${name}”的别名`).filter((a) => a !== name) };
}

/** Checks the directory as a whole: each name and alias means one entry only. */
function entriesOf(directory: UnitDirectory): Entry[] {
  if (!Array.isArray(directory.units)) fail('缺少 units 列表');
  const entries = [...directory.units.map((u) => entry(u, false)), ...(directory.groups ?? []).map((g) => entry(g, true))];
  const owner = new Map<string, string>();
  for (const e of entries) {
    if (owner.has(e.name)) fail(`“${e.name}”出现了不止一次`);
    owner.set(e.name, e.name);
  }
  for (const e of entries) {
    for (const alias of e.aliases) {
      const other = owner.get(alias);
      if (other !== undefined && other !== e.name) fail(`别名“${alias}”同时指向“${other}”和“${e.name}”`);
      owner.set(alias, e.name);
    }
  }
  return entries;
}

export const unitDirectoryImporter = {
  async commit(trx: Tx, actor: Actor, directory: UnitDirectory): Promise<DirectoryImportResult> {
    const gov = actor.governmentId;
    const entries = entriesOf(directory);
    const groups = directory.groups ?? [];
    const members = await resolveMembers(trx, gov, entries, groups);
    const now = nowIso();
    const result: DirectoryImportResult = { created: [], updated: [], aliases: 0, groups: [], changed: false };

    const ids = await upsertEntries(trx, gov, entries, now, result);
    result.aliases = await saveAliases(trx, gov, entries, ids);
    result.groups = await saveMembers(trx, gov, members, ids);

    result.changed = result.created.length + result.updated.length + result.aliases + result.groups.length > 0;
    if (result.changed) {
      const { created, updated, aliases, groups: regrouped } = result;
      await appendAudit(trx, actor, {
        action: 'unit.import_directory',
        objectType: 'unit',
        objectId: null,
        after: { created, updated, aliases, groups: regrouped },
      });
    }
    return result;
  },
};

/**
 * Canonical member names per group. A member is a unit of the directory (by
 * name or alias) or a unit already stored; anything else is refused, so that a
 * typo does not silently create a unit.
 */
async function resolveMembers(trx: Tx, gov: number, entries: Entry[], groups: NonNullable<UnitDirectory['groups']>): Promise<Map<string, string[]>> {
  const local = new Map<string, Entry>();
  for (const e of entries) for (const n of [e.name, ...e.aliases]) local.set(n, e);
  const lists = groups.map((g) => ({
    group: clean(g.name, '单位组名称'),
    members: Array.isArray(g.members) ? names(g.members, `单位组“${g.name}”的成员`) : fail(`单位组“${g.name}”缺少成员列表`),
  }));
  const stored = await resolveUnitNames(
    trx,
    gov,
    lists.flatMap((l) => l.members.filter((m) => !local.has(m))),
  );
  const result = new Map<string, string[]>();
  for (const { group, members } of lists) {
    const names = members.map((m) => {
      const entry = local.get(m);
      if (entry?.kind === 'group') fail(`单位组“${group}”的成员“${m}”本身是单位组`);
      return entry?.name ?? stored.get(m) ?? fail(`单位组“${group}”的成员“${m}”不在名录中，也不是已有单位`);
    });
    result.set(group, [...new Set(names)]);
  }
  return result;
}

/** Points every alias at its entry; returns how many were added or moved. */
async function saveAliases(trx: Tx, gov: number, entries: readonly Entry[], ids: ReadonlyMap<string, number>): Promise<number> {
  const owners = await findAliases(
    trx,
    gov,
    entries.flatMap((e) => e.aliases),
  );
  let saved = 0;
  for (const e of entries) {
    const unitId = ids.get(e.name) ?? fail(`“${e.name}”未能写入`);
    for (const alias of e.aliases) {
      const current = owners.get(alias);
      if (current === unitId) continue;
      await setAlias(trx, gov, alias, unitId, current);
      saved++;
    }
  }
  return saved;
}

/** Makes each group's members those of the directory; returns the groups that changed. */
async function saveMembers(trx: Tx, gov: number, members: ReadonlyMap<string, string[]>, ids: ReadonlyMap<string, number>): Promise<string[]> {
  const stored = await findUnitsByName(
    trx,
    gov,
    [...members.values()].flat().filter((m) => !ids.has(m)),
  );
  const changed: string[] = [];
  for (const [group, names] of members) {
    const groupId = ids.get(group) ?? fail(`“${group}”未能写入`);
    const wanted = names.map((m) => ids.get(m) ?? stored.get(m)?.id ?? fail(`单位组“${group}”的成员“${m}”不在名录中`));
    if (sameSet(await listGroupMemberIds(trx, groupId), wanted)) continue;
    await replaceGroupMembers(trx, gov, groupId, wanted);
    changed.push(group);
  }
  return changed;
}

/** Creates the entries not yet stored and fixes the kind of those stored with another. */
async function upsertEntries(trx: Tx, gov: number, entries: Entry[], now: string, result: DirectoryImportResult): Promise<Map<string, number>> {
  const existing = await findUnitsByName(
    trx,
    gov,
    entries.map((e) => e.name),
  );
  const ids = new Map<string, number>();
  for (const e of entries) {
    const unit = existing.get(e.name);
    if (!unit) {
      ids.set(e.name, await insertUnit(trx, gov, e.name, e.kind, now));
      result.created.push(e.name);
      continue;
    }
    ids.set(e.name, unit.id);
    if (unit.kind !== e.kind && (unit.kind === 'group') !== (e.kind === 'group')) {
      await updateUnitKind(trx, unit, e.kind, now);
      result.updated.push(e.name);
    }
  }
  return ids;
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}
