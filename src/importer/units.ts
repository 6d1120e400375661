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
  /** Marked as the lead in the list itself: 区发改局（牵头）. */
  lead?: boolean;
}

/** Placeholders that stand for a set of units rather than one. */
const GROUP =
  /^(?:各|相关|有关|其他|其它|所有|全体)|(?:各部门|相关部门|有关部门|各单位|相关单位|有关单位|成员单位|镇街|各乡镇|各镇|各街道)$|^[区市县省]直(?:各|相关|有关)/;

export const isUnitGroup = (name: string): boolean => GROUP.test(name);

/** Trailing words that close a list rather than name a unit. */
const TRAILING = /(?:等(?:单位|部门|相关单位|有关单位)?|按职责分工负责|分别负责|负责|按职责)$/;

/**
 * Splits text at the separator characters that stand outside brackets: a name
 * may carry its second name (县发改局（粮食局）) or a legend in brackets, and
 * those hold commas.
 */
function splitOutside(text: string, separators: string): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '（' || ch === '(' || ch === '〔' || ch === '[') depth++;
    else if (ch === '）' || ch === ')' || ch === '〕' || ch === ']') depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && separators.includes(ch)) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  parts.push([start, text.length]);
  return parts;
}

/**
 * Splits a list of units at 、 and returns each name with its position;
 * brackets around a name, a legend in brackets (首位单位为牵头单位，下同) and
 * closing words like 等 are dropped. A placeholder cut by its own 、
 * (各市（县）、区政府) is put back together.
 */
export function splitUnitList(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const [from, to] of splitOutside(text, '、/／')) {
    for (const token of runTogether(cleanToken(text, from, to))) {
      const last = tokens[tokens.length - 1];
      if (last && joinsNext(last.name, token.name)) {
        last.name = text.slice(last.start - offset, token.end);
        last.end = token.end + offset;
        continue;
      }
      tokens.push({ ...token, start: token.start + offset, end: token.end + offset });
    }
  }
  return restorePrefixes(tokens);
}

const boundaries = new Map<string, RegExp>();
/** Where a name ends and another with the same level prefix (or a placeholder) begins. */
function boundaryBefore(level: string): RegExp {
  let re = boundaries.get(level);
  if (re === undefined) {
    re = new RegExp(`(?:局|委|办|厅|中心|政府|管委会)(?=${level}(?!场|政府)|各)`, 'g');
    boundaries.set(level, re);
  }
  return re;
}

/**
 * Names a converter ran together (the spaces between them dropped, as PDF and
 * table cells lose them): 区发改局区财政局 is two names, cut where a name ends
 * and the next begins with the same level prefix.
 */
function runTogether(token: Token | null): Token[] {
  if (!token) return [];
  const level = LEVEL_PREFIX.exec(token.name)?.[0];
  if (level === undefined || token.name.length < 7 || token.lead) return [token];
  const out: Token[] = [];
  let at = 0;
  for (const m of token.name.matchAll(boundaryBefore(level))) {
    const cut = m.index + m[0].length;
    if (cut - at < 3 || token.name.length - cut < 3) continue;
    out.push({ name: token.name.slice(at, cut), start: token.start + at, end: token.start + cut });
    at = cut;
  }
  if (out.length === 0) return [token];
  out.push({ name: token.name.slice(at), start: token.start + at, end: token.end });
  return out;
}

/**
 * "各市（县）" or "各县" names no unit of its own: with the level words after
 * it and the name that closes them it is one placeholder (各市（县）、区政府;
 * 各县、市、区政府).
 */
function joinsNext(name: string, next: string): boolean {
  if (!/^各/.test(name) || UNIT_SUFFIX.test(bareName(name)) || /^各/.test(next)) return false;
  return UNIT_SUFFIX.test(next) ? next.length <= 6 : /^[省市县区旗州盟乡镇](?:[（(][^）)]*[）)])?$/.test(next);
}

/** The name without a bracketed tail: 县发改局（粮食局） → 县发改局. */
export const bareName = (name: string): string => name.replace(/[（(〔[][^）)〕\]]*[）)〕\]]$/, '') || name;

/** Words a unit's name ends with (offices, bureaus, towns, companies…). */
export const UNIT_SUFFIX =
  /(?:局|委|办|厅|署|室|中心|部|院|所|公司|集团|园|园区|区|管委会|政府|镇|街道|街|乡|处|队|站|会|社|行|台|馆|校|厂|组|单位|部门|镇街|分局|银行|法院|检察院|海关|机构|企业|医院|学校|大学|团|军分区|支队|大队|联社|办事处)$/;

/** A bracketed tail that explains the convention rather than naming a unit. */
const LEGEND_TAIL = /[（(〔[][^）)〕\]]*(?:下同|第一|首位|牵头|主办|协办|配合|排序|为准)[^）)〕\]]*[）)〕\]]/g;

/** A unit marked as the lead right where it is listed: 区发改局（牵头）, 区财政局(主办). */
const LEAD_MARK = /[（(](?:牵头|主办|牵头单位|主办单位|牵头部门|总牵头)[）)]$|[*＊★☆]$/;

function cleanToken(text: string, from: number, to: number): Token | null {
  let start = from;
  let end = to;
  const strip = /[\s。；，：“”"'《》]/;
  while (start < end && strip.test(text[start] ?? '')) start++;
  while (end > start && strip.test(text[end - 1] ?? '')) end--;
  const written = text.slice(start, end);
  const lead = LEAD_MARK.test(written);
  let name = written.replace(LEAD_MARK, '').replace(LEGEND_TAIL, '');
  const trailing = TRAILING.exec(name);
  if (trailing && trailing.index > 0) name = name.slice(0, trailing.index);
  name = name.replace(/[。；，、\s]+$/, '');
  if (name === '' || name.length > 40) return null;
  end = Math.min(end, start + name.length);
  return lead ? { name, start, end, lead } : { name, start, end };
}

/** Splits a list of groups (separated by ，) into groups of units (separated by 、). */
export function splitUnitGroups(text: string, offset = 0): Token[][] {
  const groups: Token[][] = [];
  for (const [from, to] of splitOutside(text, '，；,;')) {
    const tokens = splitUnitList(text.slice(from, to), offset + from);
    if (tokens.length) groups.push(tokens);
  }
  return groups;
}

/** The level prefix a government's own units carry: 省发改委, 市财政局, 区商务局. */
const LEVEL_PREFIX = /^(?:省|市|县|区|州|盟|旗|自治区|自治州|自治县)(?!场|政府|委员会$|人民政府)/;
/** Units outside the government's own departments keep their names as written (海关, 银行, 法院…). */
const OUTSIDE =
  /^(?:各|有关|相关|其他|其它|所有|全体|中国|国家|人行|人民银行)|海关|银行|支行|分局|支队|大队|派出所|法院|检察院|公司|集团|大学|学院|军分区|武警|消防救援|铁路|邮政|电信|移动|联通|烟草|电力|气象|税务总局/;
/** A department's name: what a list writes without the prefix it gave the first unit (…、国土资源厅). */
const DEPARTMENT = /(?:厅|委|局|办|办公室|署)$/;

/**
 * Restores the prefix a list drops after its first unit: 省工信委、国土资源厅
 * → 省国土资源厅; 市发改委、财政局 → 市财政局; 无锡国税局、地税局 → 无锡地税局.
 * Only a bare department name gets one, from the name before it in the same
 * list; names of units outside the government (海关, 银行…) and placeholders
 * stay as written.
 */
function restorePrefixes(tokens: Token[]): Token[] {
  let prefix: string | null = null;
  let previous: string | null = null;
  for (const t of tokens) {
    const level = LEVEL_PREFIX.exec(t.name);
    if (level) {
      prefix = level[0];
    } else if (previous !== null && DEPARTMENT.test(bareName(t.name)) && !OUTSIDE.test(t.name) && t.name.length <= 12) {
      const from = prefix ?? placeOf(previous, t.name);
      if (from !== null) t.name = from + t.name;
    } else {
      prefix = null;
    }
    previous = t.name;
  }
  return tokens;
}

/** 无锡国税局 before 地税局: both name a …税局, so what 无锡国税局 has more is the place (无锡). */
function placeOf(previous: string, name: string): string | null {
  if (previous.length <= name.length || !DEPARTMENT.test(previous) || OUTSIDE.test(previous)) return null;
  const shared = name.length >= 2 && previous.endsWith(name.slice(-2));
  const place = previous.slice(0, previous.length - name.length);
  return shared && /^[\u4e00-\u9fff]{2,4}$/.test(place) ? place : null;
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
