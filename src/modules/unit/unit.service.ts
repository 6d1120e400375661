/**
 * The unit directory: read by everyone, kept by the office. Each change is
 * versioned (a stale version is refused with the unit as it is now) and
 * audited in its own transaction. Names and aliases mean one unit each: a
 * name the directory already holds, as a unit or as an alias, is refused
 * rather than silently shadowed.
 */
import { nowIso, type Tx } from '../../store/tx.js';
import { changing } from '../../store/unit-of-work.js';
import { AppError, badRequest, versionConflict } from '../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { UNIT_KINDS, unitKindOf, type Unit, type UnitKind } from './unit.model.js';
import { insertUnit, listUnits, replaceAliases, replaceGroupMembers, setAlias, touchUnit, updateUnitFields } from './unit.repository.js';

export async function unitsOf(db: Tx, actor: AuthActor): Promise<Unit[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  return listUnits(db, actor.governmentId);
}

export interface NewUnit {
  name: string;
  kind?: UnitKind;
  aliases?: string[];
}

export async function createUnit(db: Tx, actor: AuthActor, input: NewUnit, clock?: () => Date): Promise<Unit> {
  authorize(actor, 'unit.manage', governmentSubject(actor.governmentId));
  const name = input.name.trim();
  return changing(db, actor.governmentId, async (trx) => {
    const units = await listUnits(trx, actor.governmentId);
    nameIsFree(units, name, null);
    const aliases = cleanAliases(input.aliases ?? [], name);
    aliasesAreFree(units, aliases, null);
    const kind = input.kind ?? unitKindOf(name);
    const id = await insertUnit(trx, actor.governmentId, name, kind, nowIso(clock));
    for (const alias of aliases) await setAlias(trx, actor.governmentId, alias, id, undefined);
    await appendAudit(trx, actor, { action: 'unit.create', objectType: 'unit', objectId: id, after: { name, kind, aliases } }, clock);
    return mustFind(trx, actor.governmentId, id);
  });
}

export interface UnitPatch {
  version: number;
  name?: string;
  kind?: UnitKind;
}

/** Renames a unit or changes its kind. A group keeps its kind while it has members; a member cannot become a group. */
export async function changeUnit(db: Tx, actor: AuthActor, id: number, patch: UnitPatch, clock?: () => Date): Promise<Unit> {
  authorize(actor, 'unit.manage', governmentSubject(actor.governmentId));
  return changing(db, actor.governmentId, async (trx) => {
    const units = await listUnits(trx, actor.governmentId);
    const before = found(units, id);
    if (before.version !== patch.version) throw versionConflict(before);
    const fields = { name: patch.name?.trim() ?? before.name, kind: patch.kind ?? before.kind };
    if (fields.name !== before.name) nameIsFree(units, fields.name, id);
    if (before.kind === 'group' && fields.kind !== 'group' && before.members.length > 0) {
      throw badRequest(`单位组“${before.name}”还有 ${before.members.length} 个成员单位，请先清空成员再改为其他类型`, 'group_has_members');
    }
    if (fields.kind === 'group' && before.kind !== 'group' && before.groups.length > 0) {
      throw badRequest(`“${before.name}”是单位组“${before.groups.join('、')}”的成员，单位组不能作为成员，因此不能改为单位组`, 'member_of_group');
    }
    // Lost a race: report the unit as the winner left it, not as this transaction first read it.
    const audit = {
      actor,
      change: { action: 'unit.update', objectType: 'unit', objectId: id, before: { name: before.name, kind: before.kind }, after: fields },
    };
    if (!(await updateUnitFields(trx, before, fields, nowIso(clock), audit))) throw versionConflict(await mustFind(trx, actor.governmentId, id));
    return mustFind(trx, actor.governmentId, id);
  });
}

/** Makes the unit's aliases exactly these: a notice naming an alias is read as the unit (and nothing else is). */
export async function setUnitAliases(db: Tx, actor: AuthActor, id: number, input: { version: number; aliases: string[] }, clock?: () => Date): Promise<Unit> {
  authorize(actor, 'unit.manage', governmentSubject(actor.governmentId));
  return changing(db, actor.governmentId, async (trx) => {
    const units = await listUnits(trx, actor.governmentId);
    const before = found(units, id);
    if (before.version !== input.version) throw versionConflict(before);
    const aliases = cleanAliases(input.aliases, before.name);
    aliasesAreFree(units, aliases, id);
    if (sameSet(before.aliases, aliases)) return before;
    const change = { action: 'unit.set_aliases', objectType: 'unit', objectId: id, before: { aliases: before.aliases }, after: { aliases } };
    if (!(await touchUnit(trx, before, nowIso(clock), { actor, change }))) throw versionConflict(await mustFind(trx, actor.governmentId, id));
    await replaceAliases(trx, actor.governmentId, id, aliases);
    return mustFind(trx, actor.governmentId, id);
  });
}

/**
 * Makes a group's members exactly these units: from the next round on, each
 * member has its own report on the tasks that name the group, and its people
 * work on them. A member is a unit of the directory, not a group.
 */
export async function setGroupMembers(
  db: Tx,
  actor: AuthActor,
  id: number,
  input: { version: number; memberIds: number[] },
  clock?: () => Date,
): Promise<Unit> {
  authorize(actor, 'unit.manage', governmentSubject(actor.governmentId));
  return changing(db, actor.governmentId, async (trx) => {
    const units = await listUnits(trx, actor.governmentId);
    const before = found(units, id);
    if (before.version !== input.version) throw versionConflict(before);
    if (before.kind !== 'group') throw badRequest(`“${before.name}”不是单位组，不能设置成员单位；如需设置，请先把它的类型改为单位组`, 'not_a_group');
    const byId = new Map(units.map((u) => [u.id, u]));
    const members = [...new Set(input.memberIds)].map((memberId) => {
      const unit = byId.get(memberId);
      if (!unit) throw badRequest(`成员单位（编号 ${memberId}）不存在`, 'invalid_member');
      if (unit.kind === 'group') throw badRequest(`“${unit.name}”本身是单位组，不能作为单位组的成员`, 'invalid_member');
      return unit;
    });
    if (
      sameSet(
        before.memberIds,
        members.map((m) => m.id),
      )
    )
      return before;
    const change = {
      action: 'unit.set_members',
      objectType: 'unit',
      objectId: id,
      before: { members: before.members },
      after: { members: members.map((m) => m.name) },
    };
    if (!(await touchUnit(trx, before, nowIso(clock), { actor, change }))) throw versionConflict(await mustFind(trx, actor.governmentId, id));
    await replaceGroupMembers(
      trx,
      actor.governmentId,
      id,
      members.map((m) => m.id),
    );
    return mustFind(trx, actor.governmentId, id);
  });
}

const cleanAliases = (aliases: readonly string[], name: string): string[] => [...new Set(aliases.map((a) => a.trim()).filter((a) => a !== '' && a !== name))];

/** A new or changed name must not be another unit's name or alias: a notice naming it would mean two units. */
function nameIsFree(units: readonly Unit[], name: string, self: number | null): void {
  const other = units.find((u) => u.id !== self && u.name === name);
  if (other) throw new AppError(409, 'unit_exists', `单位“${name}”已存在`);
  const owner = units.find((u) => u.id !== self && u.aliases.includes(name));
  if (owner) throw new AppError(409, 'alias_taken', `“${name}”已是“${owner.name}”的简称，请先从该单位的简称中删去`);
}

function aliasesAreFree(units: readonly Unit[], aliases: readonly string[], self: number | null): void {
  for (const alias of aliases) {
    const unit = units.find((u) => u.id !== self && u.name === alias);
    if (unit) throw new AppError(409, 'alias_taken', `“${alias}”是另一个单位的名称，不能作为简称`);
    const owner = units.find((u) => u.id !== self && u.aliases.includes(alias));
    if (owner) throw new AppError(409, 'alias_taken', `简称“${alias}”已属于“${owner.name}”，请先从该单位的简称中删去`);
  }
}

function found(units: readonly Unit[], id: number): Unit {
  const unit = units.find((u) => u.id === id);
  if (!unit) throw new AppError(404, 'not_found', '单位不存在');
  return unit;
}

async function mustFind(db: Tx, governmentId: number, id: number): Promise<Unit> {
  return found(await listUnits(db, governmentId), id);
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

export { UNIT_KINDS };
