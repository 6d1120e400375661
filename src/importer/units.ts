/**
 * Unit names: splitting a list, recognising placeholders that stand for many
 * units (各镇街, 区直相关部门), and resolving short forms through an optional
 * directory (区工信局 → 区工业和信息化局).
 */
import { plainTextDeep } from '../domain/text.js';
import { ImportError } from './errors.js';

export interface UnitDirectory {
  units: { name: string; aliases?: string[] }[];
  groups?: { name: string; aliases?: string[]; members: string[] }[];
}

export interface Token {
  name: string;
  /** Offsets of the name in the text it was read from. */
  start: number;
  end: number;
}

/** Placeholders that stand for a set of units rather than one. */
const GROUP =
  /^(?:各|相关|有关|其他|其它|所有|全体)|(?:各部门|相关部门|有关部门|各单位|相关单位|有关单位|成员单位|镇街|各乡镇|各镇|各街道)$|^[区市县省]直(?:各|相关|有关)/;

export const isUnitGroup = (name: string): boolean => GROUP.test(name);

/** Trailing words that close a list rather than name a unit. */
const TRAILING = /(?:等(?:单位|部门|相关单位|有关单位)?|按职责分工负责|分别负责|负责|按职责)$/;

/**
 * Splits a list of units at 、 and returns each name with its position;
 * brackets around a name and closing words like 等 are dropped.
 */
export function splitUnitList(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i === text.length || ch === '、' || ch === '/' || ch === '／') {
      const token = cleanToken(text, start, i);
      if (token) tokens.push({ ...token, start: token.start + offset, end: token.end + offset });
      start = i + 1;
    }
  }
  return tokens;
}

function cleanToken(text: string, from: number, to: number): Token | null {
  let start = from;
  let end = to;
  const strip = /[\s。；，：“”"'《》]/;
  while (start < end && strip.test(text[start] ?? '')) start++;
  while (end > start && strip.test(text[end - 1] ?? '')) end--;
  let name = text.slice(start, end);
  const trailing = TRAILING.exec(name);
  if (trailing && trailing.index > 0) {
    name = name.slice(0, trailing.index);
    end = start + name.length;
  }
  if (name === '' || name.length > 40) return null;
  return { name, start, end };
}

/** Splits a list of groups (separated by ，) into groups of units (separated by 、). */
export function splitUnitGroups(text: string, offset = 0): Token[][] {
  const groups: Token[][] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i === text.length || ch === '，' || ch === '；' || ch === ',' || ch === ';') {
      const tokens = splitUnitList(text.slice(start, i), offset + start);
      if (tokens.length) groups.push(tokens);
      start = i + 1;
    }
  }
  return groups;
}

/**
 * The forms a unit name is looked up by in a directory, in order: as written,
 * then without a closing bracket (区财政局（国资办）). Nothing else: a name
 * never resolves to a unit by likeness, only by a name or alias the
 * directory holds.
 */
export function unitNameForms(raw: string): string[] {
  const bare = raw.replace(/[（(][^）)]*[）)]$/, '');
  return bare !== raw && bare !== '' ? [raw, bare] : [raw];
}

export interface ResolvedUnit {
  name: string;
  group: boolean;
  /** False when a directory was given and does not know the name. */
  known: boolean;
}

export class UnitResolver {
  private readonly canonical = new Map<string, { name: string; group: boolean }>();
  readonly hasDirectory: boolean;

  constructor(directory?: UnitDirectory) {
    this.hasDirectory = directory !== undefined;
    for (const u of directory?.units ?? []) {
      for (const n of [u.name, ...(u.aliases ?? [])]) this.canonical.set(n, { name: u.name, group: false });
    }
    for (const g of directory?.groups ?? []) {
      for (const n of [g.name, ...(g.aliases ?? [])]) this.canonical.set(n, { name: g.name, group: true });
    }
  }

  resolve(raw: string): ResolvedUnit {
    const hit = unitNameForms(raw)
      .map((form) => this.canonical.get(form))
      .find((h) => h !== undefined);
    if (hit) return { name: hit.name, group: hit.group, known: true };
    const group = isUnitGroup(raw);
    return { name: raw, group, known: !this.hasDirectory || group };
  }
}

/** Reads and checks a unit directory file (JSON). */
export function parseUnitDirectory(json: string): UnitDirectory {
  let data: unknown;
  try {
    data = plainTextDeep(JSON.parse(json));
  } catch {
    throw new ImportError('bad_directory', '单位名录文件不是有效的 JSON');
  }
  const fail = (why: string): never => {
    throw new ImportError('bad_directory', `单位名录格式有误：${why}`);
  };
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { units?: unknown }).units)) {
    return fail('应为 { "units": [ { "name", "aliases" } ], "groups": [ { "name", "members" } ] }');
  }
  const obj = data as { units: unknown[]; groups?: unknown };
  const strings = (v: unknown, what: string): string[] =>
    v === undefined ? [] : Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '') ? (v as string[]) : fail(`${what}应为非空字符串数组`);
  const units = obj.units.map((u, i) => {
    const rec = u as { name?: unknown; aliases?: unknown };
    if (typeof rec?.name !== 'string' || rec.name.trim() === '') return fail(`第 ${i + 1} 个单位缺少名称`);
    return { name: rec.name.trim(), aliases: strings(rec.aliases, `单位“${rec.name}”的别名`) };
  });
  if (obj.groups !== undefined && !Array.isArray(obj.groups)) return fail('groups 应为数组');
  const groups = ((obj.groups as unknown[] | undefined) ?? []).map((g, i) => {
    const rec = g as { name?: unknown; aliases?: unknown; members?: unknown };
    if (typeof rec?.name !== 'string' || rec.name.trim() === '') return fail(`第 ${i + 1} 个单位组缺少名称`);
    return {
      name: rec.name.trim(),
      aliases: strings(rec.aliases, `单位组“${rec.name}”的别名`),
      members: strings(rec.members, `单位组“${rec.name}”的成员`),
    };
  });
  return { units, groups };
}
