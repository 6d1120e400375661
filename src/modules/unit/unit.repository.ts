/** Units, their aliases and group members. Only this file touches those tables. */
import type { Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import { asUnitKind, unitKindOf, type Unit, type UnitKind } from './unit.model.js';

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

/** Every unit of the government with its aliases and members, in three queries. */
export async function listUnits(db: Tx, governmentId: number): Promise<Unit[]> {
  const rows = await db.selectFrom('units').select(['id', 'name', 'kind', 'version']).where('government_id', '=', governmentId).orderBy('id').execute();
  const aliases = await db.selectFrom('unit_aliases').select(['unit_id', 'alias']).where('government_id', '=', governmentId).orderBy('id').execute();
  const members = await db
    .selectFrom('unit_group_members')
    .innerJoin('units', 'units.id', 'unit_group_members.member_id')
    .select(['unit_group_members.group_id', 'units.name'])
    .where('unit_group_members.government_id', '=', governmentId)
    .orderBy('units.id')
    .execute();
  const units = new Map<number, Unit>(
    rows.map((r) => [r.id, { id: r.id, name: r.name, kind: asUnitKind(r.kind), aliases: [], members: [], version: r.version }]),
  );
  for (const a of aliases) units.get(a.unit_id)?.aliases.push(a.alias);
  for (const m of members) units.get(m.group_id)?.members.push(m.name);
  return [...units.values()];
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
