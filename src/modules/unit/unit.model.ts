/** Units of the government: departments, towns, and groups that stand for many units. */
import { isUnitGroup } from '../../importer/index.js';

export const UNIT_KINDS = ['department', 'town', 'group', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  aliases: string[];
  /** Names of the member units, for a group; empty otherwise. */
  members: string[];
  /** Ids of the member units, in the order of `members`. */
  memberIds: number[];
  /** Names of the groups the unit is a member of. */
  groups: string[];
  version: number;
}

/** A unit as a task names it: id and canonical name. */
export interface UnitRef {
  id: number;
  name: string;
}

/** A stored unit as a name finds it: its canonical name, its kind and, for a group, how many members it has. */
export interface NamedUnit {
  name: string;
  kind: UnitKind;
  members: number;
}

const TOWN = /(?:镇|街道|乡)$/;

/**
 * The kind a unit gets when a notice or a directory first names it. Placeholders
 * (各镇街, 区直相关部门) are groups, so that a later step can expand them to members.
 */
export function unitKindOf(name: string): UnitKind {
  if (isUnitGroup(name)) return 'group';
  return TOWN.test(name) ? 'town' : 'department';
}

export const asUnitKind = (value: string): UnitKind => ((UNIT_KINDS as readonly string[]).includes(value) ? (value as UnitKind) : 'other');
