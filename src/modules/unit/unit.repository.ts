/** Units, their aliases and group members. Only this file touches those tables. */
import type { Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import { asUnitKind, unitKindOf, type NamedUnit, type Unit, type UnitKind, type UnitRef } from './unit.model.js';
import { readInChunks } from '../../store/chunks.js';

interface UnitRecord {
  id: number;
  kind: UnitKind;
  version: number;
}

/** Units by canonical name; names not stored are absent from the map. */
export async function findUnitsByName(db: Tx, governmentId: number, names: readonly string[]): Promise<Map<string, UnitRecord>> {
  const found = new Map<string, UnitRecord>();
  if (names.length === 0) return found;
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'version'])
    .where('government_id', '=', governmentId)
    .where('name', 'in', [...new Set(names)])
    .execute();
  for (const r of rows) found.set(r.name, { id: r.id, kind: asUnitKind(r.kind), version: r.version });
  return found;
}

/**
 * Canonical names for the given names: a unit's own name maps to itself, an
 * alias to its unit's name. Names the store does not know are absent.
 */
export async function resolveUnitNames(db: Tx, governmentId: number, names: readonly string[]): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  if (names.length === 0) return resolved;
  const unique = [...new Set(names)];
  for (const name of (await findUnitsByName(db, governmentId, unique)).keys()) resolved.set(name, name);
  const aliased = await db
    .selectFrom('unit_aliases')
    .innerJoin('units', 'units.id', 'unit_aliases.unit_id')
    .select(['unit_aliases.alias', 'units.name'])
    .where('unit_aliases.government_id', '=', governmentId)
    .where('unit_aliases.alias', 'in', unique)
    .execute();
  // A unit's own name wins over another unit's alias of the same spelling.
  for (const r of aliased) if (!resolved.has(r.alias)) resolved.set(r.alias, r.name);
  return resolved;
}

/**
 * What the store knows of the given names, exactly: a unit by its own name,
 * else by one of its aliases (a unit's own name wins over another unit's
 * alias of the same spelling). Names it does not know are absent; nothing is
 * matched by likeness. Three queries.
 */
export async function lookUpUnitNames(db: Tx, governmentId: number, names: readonly string[]): Promise<Map<string, NamedUnit>> {
  const found = new Map<string, NamedUnit>();
  const unique = [...new Set(names)];
  if (unique.length === 0) return found;
  const own = db.selectFrom('units').select(['units.id', 'units.name', 'units.kind']).where('units.government_id', '=', governmentId);
  const byName = (await own.where('units.name', 'in', unique).execute()).map((r) => ({ ...r, asked: r.name }));
  const byAlias = await own
    .innerJoin('unit_aliases', 'unit_aliases.unit_id', 'units.id')
    .select('unit_aliases.alias as asked')
    .where('unit_aliases.alias', 'in', unique)
    .execute();
  const groups = [...byName, ...byAlias].filter((r) => r.kind === 'group').map((r) => r.id);
  const counts = new Map<number, number>();
  if (groups.length > 0) {
    const rows = await db
      .selectFrom('unit_group_members')
      .select(['group_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('government_id', '=', governmentId)
      .where('group_id', 'in', [...new Set(groups)])
      .groupBy('group_id')
      .execute();
    for (const r of rows) counts.set(r.group_id, Number(r.n));
  }
  for (const r of [...byName, ...byAlias]) {
    if (!found.has(r.asked)) found.set(r.asked, { name: r.name, kind: asUnitKind(r.kind), members: counts.get(r.id) ?? 0 });
  }
  return found;
}

/** Whether the government has any unit yet: a directory to hold a notice's names against. */
export async function hasUnits(db: Tx, governmentId: number): Promise<boolean> {
  return (await db.selectFrom('units').select('id').where('government_id', '=', governmentId).limit(1).executeTakeFirst()) !== undefined;
}

export async function insertUnit(trx: Tx, governmentId: number, name: string, kind: UnitKind, now: string): Promise<number> {
  const row = await trx
    .insertInto('units')
    .values({ government_id: governmentId, name, kind, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ids of the named units, creating the missing ones with the kind their name suggests. */
export async function ensureUnits(trx: Tx, governmentId: number, names: readonly string[], now: string): Promise<Map<string, number>> {
  const existing = await findUnitsByName(trx, governmentId, names);
  const ids = new Map<string, number>();
  for (const [name, unit] of existing) ids.set(name, unit.id);
  for (const name of new Set(names)) {
    if (!ids.has(name)) ids.set(name, await insertUnit(trx, governmentId, name, unitKindOf(name), now));
  }
  return ids;
}

/** A unit's kind as a directory import sets it; recorded in the import's audit row. */
export async function updateUnitKind(trx: Tx, unit: { id: number; version: number }, kind: UnitKind, now: string): Promise<void> {
  if (!(await updateAtVersion(trx, 'units', unit, { kind }, now))) throw new Error(`单位 #${unit.id} 已被他人修改，请重试`);
}

/** The unit each given alias points to. */
export async function findAliases(db: Tx, governmentId: number, aliases: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (aliases.length === 0) return found;
  const rows = await db
    .selectFrom('unit_aliases')
    .select(['alias', 'unit_id'])
    .where('government_id', '=', governmentId)
    .where('alias', 'in', [...new Set(aliases)])
    .execute();
  for (const r of rows) found.set(r.alias, r.unit_id);
  return found;
}

/** Points an alias at a unit, moving it if it pointed at another one. */
export async function setAlias(trx: Tx, governmentId: number, alias: string, unitId: number, current: number | undefined): Promise<void> {
  if (current === undefined) {
    await trx.insertInto('unit_aliases').values({ government_id: governmentId, unit_id: unitId, alias }).execute();
  } else if (current !== unitId) {
    await trx.updateTable('unit_aliases').set({ unit_id: unitId }).where('government_id', '=', governmentId).where('alias', '=', alias).execute();
  }
}

/**
 * The members of those of the given units that are groups with members, by
 * group: one query whatever the number of units. A unit that is not a group,
 * or a group without members, is absent.
 */
export async function listGroupMembers(db: Tx, governmentId: number, unitIds: readonly number[]): Promise<Map<number, UnitRef[]>> {
  const members = new Map<number, UnitRef[]>();
  if (unitIds.length === 0) return members;
  const rows = await readInChunks(unitIds, (ids) =>
    db
      .selectFrom('unit_group_members')
      .innerJoin('units', 'units.id', 'unit_group_members.member_id')
      .select(['unit_group_members.group_id', 'units.id', 'units.name'])
      .where('unit_group_members.government_id', '=', governmentId)
      .where('unit_group_members.group_id', 'in', ids)
      .orderBy('unit_group_members.group_id')
      .orderBy('units.id')
      .execute(),
  );
  for (const r of rows) {
    const list = members.get(r.group_id) ?? [];
    list.push({ id: r.id, name: r.name });
    members.set(r.group_id, list);
  }
  return members;
}

export async function listGroupMemberIds(db: Tx, groupId: number): Promise<number[]> {
  const rows = await db.selectFrom('unit_group_members').select('member_id').where('group_id', '=', groupId).orderBy('member_id').execute();
  return rows.map((r) => r.member_id);
}

export async function replaceGroupMembers(trx: Tx, governmentId: number, groupId: number, memberIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('unit_group_members').where('group_id', '=', groupId).execute();
  if (memberIds.length === 0) return;
  await trx
    .insertInto('unit_group_members')
    .values([...new Set(memberIds)].map((member_id) => ({ government_id: governmentId, group_id: groupId, member_id })))
    .execute();
}

/** Every unit of the government with its aliases, members and groups, in three queries. */
export async function listUnits(db: Tx, governmentId: number): Promise<Unit[]> {
  const rows = await db.selectFrom('units').select(['id', 'name', 'kind', 'version']).where('government_id', '=', governmentId).orderBy('id').execute();
  const aliases = await db.selectFrom('unit_aliases').select(['unit_id', 'alias']).where('government_id', '=', governmentId).orderBy('id').execute();
  const members = await db
    .selectFrom('unit_group_members')
    .select(['group_id', 'member_id'])
    .where('government_id', '=', governmentId)
    .orderBy('member_id')
    .orderBy('group_id')
    .execute();
  const units = new Map<number, Unit>(
    rows.map((r) => [r.id, { id: r.id, name: r.name, kind: asUnitKind(r.kind), aliases: [], members: [], memberIds: [], groups: [], version: r.version }]),
  );
  for (const a of aliases) units.get(a.unit_id)?.aliases.push(a.alias);
  for (const m of members) {
    const group = units.get(m.group_id);
    const member = units.get(m.member_id);
    if (!group || !member) continue;
    group.members.push(member.name);
    group.memberIds.push(member.id);
    member.groups.push(group.name);
  }
  return [...units.values()];
}

/** Makes the unit's aliases exactly these (each alias free or already the unit's: the service checks). */
export async function replaceAliases(trx: Tx, governmentId: number, unitId: number, aliases: readonly string[]): Promise<void> {
  await trx.deleteFrom('unit_aliases').where('government_id', '=', governmentId).where('unit_id', '=', unitId).execute();
  if (aliases.length === 0) return;
  await trx
    .insertInto('unit_aliases')
    .values([...new Set(aliases)].map((alias) => ({ government_id: governmentId, unit_id: unitId, alias })))
    .execute();
}

/**
 * Moves a unit to its next version with the audit row of a change to its
 * aliases or members (rows of their own, written by the caller in the same
 * transaction); false when someone changed the unit first.
 */
export function touchUnit(trx: Tx, unit: { id: number; version: number }, now: string, audit: AuditNote): Promise<boolean> {
  return auditedUpdate(trx, 'units', unit, {}, now, audit);
}

/** Renames a unit or changes its kind, with its audit row; false when its version moved (someone else changed it). */
export function updateUnitFields(
  trx: Tx,
  unit: { id: number; version: number },
  fields: { name: string; kind: UnitKind },
  now: string,
  audit: AuditNote,
): Promise<boolean> {
  return auditedUpdate(trx, 'units', unit, { name: fields.name, kind: fields.kind }, now, audit);
}
