/**
 * Who answers for a task: lead leaders, host units, co-units. Notices mark
 * hosts in different ways; this module reads every convention and reports
 * which signal decided, so that a person can confirm doubtful cases.
 */
import type { HostSignal } from '../domain/plan.js';
import { sliceStyled, type Styled } from './normalize.js';
import { splitUnitGroups, splitUnitList, type Token } from './units.js';

/** How hosts are marked in this notice, read from its legends and its habits. */
export interface Conventions {
  /** "黑体为主办单位": bold names the hosts. */
  boldHosts: boolean;
  /** "列第一位的为牵头单位": the first unit listed leads. */
  firstLeads: boolean;
  /** Most unit lists are groups separated by ，: the first group holds the hosts. */
  grouped: boolean;
}

export interface Responsibility {
  leaders: string[];
  hosts: Token[];
  coUnits: Token[];
  signal: HostSignal;
  /** Bold marks other hosts than the structure does. */
  conflict: boolean;
  /** Where the annotation starts and ends in the body, to cut it from the task text. */
  span: { start: number; end: number } | null;
}

const LEADER_LABEL = String.raw`(?:牵头|责任|分管|联系|包保|督导|协调)(?:[区市县省州旗]级?|[区市县]政府)?领导`;
const HOST_LABEL = String.raw`(?:牵头|主办|主责|主体责任)(?:单位|部门)`;
const CO_LABEL = String.raw`(?:配合|协办|参与|协助|协同|参加)(?:单位|部门)`;
const UNITS_LABEL = String.raw`(?:承办|责任|实施|落实|完成)(?:单位|部门)`;
/** A label counts only with its colon: legends such as 其他为协办单位 name labels too. */
const LABEL = new RegExp(`(?:(${LEADER_LABEL})|(${HOST_LABEL})|(${CO_LABEL})|(${UNITS_LABEL}))(?=为?：)`, 'g');
const LABEL_WITH_COLON = new RegExp(`(?:${LEADER_LABEL}|${HOST_LABEL}|${CO_LABEL}|${UNITS_LABEL})(?:为)?：`);
/** "A牵头，B、C配合" and "A、B负责" written without labels. */
const INLINE = /^(.+?)牵头(?:[，；、](.+?)(?:配合|参与|协助|协办|协同))?$|^(.+?)(?:负责|落实|承办)$/;
/** Fields other than owners that notices write in the same place. */
const OTHER_FIELD = /(?:完成时限|完成时间|完成期限|时间节点|时限要求|时间要求|工作目标|目标任务|工作措施|备注)[：:]/;
/** The deadline field, when a notice gives one beside the owners. */
const DEADLINE_FIELD = /(?:完成时限|完成时间|完成期限|时间节点|时限要求|时间要求)[：:]\s*([^；。\n）]+)/;

/** The words of a deadline field next to the owners, if any ("完成时限：2026年6月底"). */
export function readDeadlineField(text: string): string | null {
  return DEADLINE_FIELD.exec(text)?.[1]?.trim() ?? null;
}

/** A sentence explaining the convention; it names no unit. */
const LEGEND = /黑体|加粗|粗体|第一位|排名第一|首位|下同|为主办|为牵头|为协办|为配合|为责任/;

const UNIT_LIKE =
  /(?:局|委|办|办公室|中心|部|院|所|公司|集团|园区|管委会|政府|镇|街道|街|乡|处|队|站|会|社|行|台|馆|校|厂|组|单位|部门|镇街|分局|支局|银行|法院|检察院)$/;

export function readResponsibility(body: Styled, conventions: Conventions): Responsibility {
  const span = findAnnotation(body.text);
  const empty: Responsibility = { leaders: [], hosts: [], coUnits: [], signal: 'none', conflict: false, span };
  if (!span) return empty;
  const content = sliceStyled(body, span.contentStart, span.contentEnd);
  const labelled = readLabelled(content, conventions);
  const result = labelled ?? readInline(content);
  if (!result) return empty;
  const shift = (t: Token): Token => ({ ...t, start: t.start + span.contentStart, end: t.end + span.contentStart });
  return { ...result, hosts: result.hosts.map(shift), coUnits: result.coUnits.map(shift), span };
}

interface Span {
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
}

/**
 * The annotation is the last bracketed part that holds a label or an inline
 * form; failing that, labels written out in the open at the end of the text.
 */
export function findAnnotation(text: string): Span | null {
  for (const [open, close] of bracketPairs(text).reverse()) {
    const inner = text.slice(open + 1, close);
    if (LABEL_WITH_COLON.test(inner) || isInline(inner)) {
      return { start: open, end: close === text.length ? close : close + 1, contentStart: open + 1, contentEnd: close };
    }
  }
  const m = LABEL_WITH_COLON.exec(text);
  if (!m) return null;
  return { start: m.index, end: text.length, contentStart: m.index, contentEnd: text.length };
}

/** Outermost （…） pairs; an unclosed bracket runs to the end (PDF text loses them). */
function bracketPairs(text: string): [number, number][] {
  const pairs: [number, number][] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '（') {
      if (depth === 0) open = i;
      depth++;
    } else if (ch === '）' && depth > 0) {
      depth--;
      if (depth === 0) pairs.push([open, i]);
    }
  }
  if (depth > 0 && open >= 0) pairs.push([open, text.length]);
  return pairs;
}

function isInline(inner: string): boolean {
  const m = INLINE.exec(inner);
  if (!m) return false;
  const lists = [m[1], m[2], m[3]].filter((x): x is string => x !== undefined);
  return lists.every((list) => splitUnitList(list).every((t) => UNIT_LIKE.test(t.name)));
}

type Parsed = Omit<Responsibility, 'span'>;

const LEADER_LINE = new RegExp(`^(?:${LEADER_LABEL})为?：(.+?)[。；]?$`);

/** A line "责任领导：A、B" under a section heading names the leaders of all its tasks. */
export function readLeaderLine(text: string): string[] {
  const m = LEADER_LINE.exec(text.trim());
  return m ? splitUnitList(m[1] ?? '').map((t) => t.name) : [];
}

function readLabelled(content: Styled, conv: Conventions): Parsed | null {
  const text = content.text;
  const labels = [...text.matchAll(LABEL)];
  if (labels.length === 0) return null;
  const leaders: string[] = [];
  const hosts: Token[] = [];
  const co: Token[] = [];
  const units: Token[][] = [];
  let listed = false;
  labels.forEach((m, k) => {
    const valueStart = m.index + m[0].length;
    const valueEnd = labels[k + 1]?.index ?? text.length;
    const [from, to] = valueRange(text, valueStart, valueEnd);
    if (m[1] !== undefined) leaders.push(...splitUnitList(text.slice(from, to)).map((t) => t.name));
    else if (m[2] !== undefined) hosts.push(...splitUnitGroups(text.slice(from, to), from).flat());
    else if (m[3] !== undefined) co.push(...splitUnitGroups(text.slice(from, to), from).flat());
    else {
      listed = true;
      units.push(...splitUnitGroups(text.slice(from, to), from));
    }
  });
  if (hosts.length > 0 || !listed) {
    // Labelled hosts: a separate list of responsible units holds the co-units.
    const rest = units.flat().filter((t) => !hosts.some((h) => h.name === t.name));
    return { leaders, hosts, coUnits: [...co, ...rest], signal: hosts.length ? 'label' : 'none', conflict: false };
  }
  const decided = decideHosts(units, content.bold, conv);
  return { leaders, ...decided, coUnits: [...decided.coUnits, ...co] };
}

/** Skips the colon and stops before the legend sentence that may follow the list. */
function valueRange(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from < end && /[：为\s]/.test(text[from] ?? '')) from++;
  // Another field written after the list ("完成时限：…") ends it.
  const other = OTHER_FIELD.exec(text.slice(from, end));
  let to = other ? from + other.index : end;
  end = to;
  const sentences = text.slice(from, end).split(/(?<=[。；])/);
  let at = from;
  for (const s of sentences) {
    if (LEGEND.test(s) && at > from) {
      to = at;
      break;
    }
    at += s.length;
  }
  while (to > from && /[。；，、\s]/.test(text[to - 1] ?? '')) to--;
  return [from, to];
}

function readInline(content: Styled): Parsed | null {
  const m = INLINE.exec(content.text);
  if (!m) return null;
  if (m[1] !== undefined) {
    const hosts = splitUnitList(m[1]);
    const coStart = m[2] === undefined ? 0 : content.text.indexOf(m[2], m[1].length);
    const coUnits = m[2] === undefined ? [] : splitUnitList(m[2], coStart);
    return { leaders: [], hosts, coUnits, signal: 'label', conflict: false };
  }
  const all = splitUnitList(m[3] ?? '');
  return { leaders: [], hosts: all.slice(0, 1), coUnits: all.slice(1), signal: 'position', conflict: false };
}

const isBold = (t: Token, bold: Uint8Array): boolean => {
  for (let i = t.start; i < t.end; i++) if (bold[i] !== 1) return false;
  return t.end > t.start;
};

/**
 * An unlabelled list of responsible units. Structure (first group of a
 * grouped list) decides before bold, bold before position; where bold
 * disagrees with the structure, the structure wins and the task is flagged.
 */
export function decideHosts(groups: Token[][], bold: Uint8Array, conv: Conventions): Pick<Parsed, 'hosts' | 'coUnits' | 'signal' | 'conflict'> {
  const all = groups.flat();
  const boldSet = all.filter((t) => isBold(t, bold));
  const first = groups[0] ?? [];
  if (conv.firstLeads) {
    return { hosts: all.slice(0, 1), coUnits: all.slice(1), signal: 'position', conflict: false };
  }
  if (groups.length > 1 || conv.grouped) {
    const conflict = boldSet.length > 0 && !sameNames(boldSet, first);
    return { hosts: first, coUnits: groups.slice(1).flat(), signal: 'structure', conflict };
  }
  if (boldSet.length > 0 && boldSet.length < all.length) {
    return { hosts: boldSet, coUnits: all.filter((t) => !boldSet.includes(t)), signal: 'bold', conflict: false };
  }
  const conflict = conv.boldHosts && boldSet.length === all.length && all.length > 1;
  return { hosts: all.slice(0, 1), coUnits: all.slice(1), signal: 'position', conflict };
}

const sameNames = (a: Token[], b: Token[]): boolean => a.length === b.length && a.every((t) => b.some((u) => u.name === t.name));

const BOLD_LEGEND = /(?:黑体|加粗|粗体)(?:字)?(?:的|标注的|显示的)?(?:单位)?(?:为|是|表示)(?:主办|牵头|主责)/;
const POSITION_LEGEND = /(?:列|排|排列|位列|名列)?(?:在)?(?:第一位|第一个|首位)(?:的)?(?:单位)?(?:为|是)(?:牵头|主办|主责)/;

/** Reads the conventions from the whole text and from how the lists look. */
export function detectConventions(fullText: string, annotations: readonly string[]): Conventions {
  let lists = 0;
  let grouped = 0;
  const unitsValue = new RegExp(`${UNITS_LABEL}：([^）]*)`);
  for (const a of annotations) {
    const m = unitsValue.exec(a);
    if (!m || new RegExp(HOST_LABEL).test(a)) continue;
    lists++;
    const value = (m[1] ?? '').split(/[。；]/)[0] ?? '';
    if (/[，,]/.test(value)) grouped++;
  }
  return {
    boldHosts: BOLD_LEGEND.test(fullText),
    firstLeads: POSITION_LEGEND.test(fullText),
    grouped: lists > 0 && grouped * 2 > lists,
  };
}
