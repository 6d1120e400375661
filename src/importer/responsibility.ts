/**
 * Who answers for a task: lead leaders, host units, co-units. Notices mark
 * hosts in different ways; this module reads every convention and reports
 * which signal decided, so that a person can confirm doubtful cases.
 */
import type { HostSignal } from '../domain/plan.js';
import { plain, sliceStyled, type Styled } from './normalize.js';
import { bareName, isUnitGroup, splitUnitGroups, splitUnitList, UNIT_SUFFIX, type Token } from './units.js';

/** How hosts are marked in this notice, read from its legends and its habits. */
export interface Conventions {
  /** "黑体为主办单位": bold names the hosts. */
  boldHosts: boolean;
  /** "列第一位的为牵头单位": the first unit listed leads. */
  firstLeads: boolean;
  /** Most unit lists are groups separated by ，: the first group holds the hosts. */
  grouped: boolean;
}

/** How a lead was settled where the notice does not say it plainly (warned about, never silent). */
export type HostGuess = 'first' | 'each';

export interface Responsibility {
  leaders: string[];
  hosts: Token[];
  coUnits: Token[];
  signal: HostSignal;
  /** first: several units, none marked as the lead, the first taken; each: …分别负责, all taken as leads. */
  guess: HostGuess | null;
  /** Bold marks other hosts than the structure does. */
  conflict: boolean;
  /** Where the annotation starts and ends in the body, to cut it from the task text. */
  span: { start: number; end: number } | null;
}

const LEADER_LABEL = String.raw`(?:(?:牵头|责任|分管|联系|包保|督导|协调|挂帅|领衔|包抓|挂点|督办)(?:负责)?(?:[区市县省州旗]级?|[区市县省]政府)?(?:负责)?|[区市县省州旗]政府|[区市县省州旗])领导`;
const HOST_LABEL = String.raw`(?:牵头|主办|主责|主体责任)(?:责任|负责)?(?:单位|部门|处室|机构)|牵头|主办`;
const CO_LABEL = String.raw`(?:配合|协办|参与|协助|协同|参加)(?:责任|负责)?(?:单位|部门|处室|机构)|配合|协办`;
const UNITS_LABEL = String.raw`(?:承办|责任|实施|落实|完成)(?:单位|部门|处室|机构)|责任主体|部门分工|责任分工`;
/** A label counts only with its colon: legends such as 其他为协办单位 name labels too. */
const LABEL = new RegExp(`(?:(${LEADER_LABEL})|(${HOST_LABEL})|(${CO_LABEL})|(${UNITS_LABEL}))(?=为?[：〕])`, 'g');
const LABEL_WITH_COLON = new RegExp(`(?:${LEADER_LABEL}|${HOST_LABEL}|${CO_LABEL}|${UNITS_LABEL})(?:为)?(?:：|〕(?=\\S))`);
/** Fields other than owners that notices write in the same place. */
const OTHER_FIELD = /(?:完成时限|完成时间|完成期限|时间节点|时限要求|时间要求|工作目标|目标任务|工作措施|备注)[：:]/;
/** The deadline field, when a notice gives one beside the owners. */
const DEADLINE_FIELD = /(?:完成时限|完成时间|完成期限|时间节点|时限要求|时间要求)[：:]\s*([^；。\n）]+)/;

/** The words of a deadline field next to the owners, if any ("完成时限：2026年6月底"). */
export function readDeadlineField(text: string): string | null {
  return DEADLINE_FIELD.exec(text)?.[1]?.trim() ?? null;
}

/** A sentence explaining the convention; it names no unit. */
const LEGEND = /黑体|加粗|粗体|第一位|排名第一|排序第一|首位|下同|不逐一列出|不再一一列出|不一一列出|为主办|为牵头|为协办|为配合|为责任/;

/** Verbs that close a clause of owners: "A牵头", "B、C配合", "D、E分别负责", "F负责". */
const HOST_VERB = /(?:为(?:牵头|主办|主责)(?:单位|部门)|总牵头|牵头(?:负责|抓总|落实|推进|实施)?|主办|主责|负总责)$/;
const CO_VERB = /(?:为(?:配合|协办|参与)(?:单位|部门)|(?:配合|协办|参与|协助|协同|参加)(?:落实|实施|推进)?)$/;
const EACH_VERB = /分别(?:负责|牵头|落实|承办|推进)$/;
const PLAIN_VERB = /(?:按职责分工负责|按职责负责|负责落实|抓好落实|组织实施|共同负责|负责|落实|承办)$/;

/** Leaders written as roles (分管副省长, 协管副秘书长) or as names with a title (王某副市长). */
const LEADER_ROLE = /(?:省长|市长|县长|区长|州长|旗长|盟长|镇长|乡长|秘书长|主席|主任|书记|领导)$/;
const ROLE_WORD = /^(?:分管|协管|联系|主管|常务|副|市委|省委|县委|区委|政府|有关|相关)/;
const TITLE = /(?:常务)?副?(?:省长|市长|县长|区长|州长|旗长|盟长|秘书长|主席|主任)$/;

const isLeader = (name: string): boolean => LEADER_ROLE.test(name) && !UNIT_SUFFIX.test(name);
const isUnit = (name: string): boolean => UNIT_SUFFIX.test(bareName(name)) || isUnitGroup(name);

/** A leader as the notice would name them: a role stays a role; a name loses its title (王某副市长, 副市长王某, 王某（副市长） → 王某). */
function leaderName(written: string): string {
  const bare = written.replace(/[（(][^）)]*(?:长|主任|书记|常委|委员|主席)[）)]$/, '');
  const before = TITLE_BEFORE.exec(bare);
  if (before && !ROLE_WORD.test(before[2] ?? '')) return before[2] ?? bare;
  const m = TITLE.exec(bare);
  if (!m || m.index < 2 || m.index > 3) return bare;
  const name = bare.slice(0, m.index);
  return ROLE_WORD.test(name) || /政府|[省市县区州旗盟]$/.test(name) ? bare : name;
}

/** A title, then a name of two or three characters: 常务副区长张某 → 张某. */
const TITLE_BEFORE = /^(.*(?:省长|市长|县长|区长|州长|旗长|盟长|主任|书记|常委|秘书长|主席))([\u4e00-\u9fff]{2,3})$/;
/** A title alone, naming nobody (区委常委 before 常务副区长张某). */
const TITLE_ONLY = /^(?:[省市县区州旗]委)?(?:常委|委员|党组成员|党组副书记)$/;

/** The leaders of a list: each as named; a bare title written before a person's name is dropped. */
export function leaderList(names: readonly string[]): string[] {
  const people = names.map(leaderName);
  const someNamed = people.some((p, i) => p !== names[i]);
  return people.filter((p) => !(someNamed && TITLE_ONLY.test(p)));
}

export function readResponsibility(body: Styled, conventions: Conventions): Responsibility {
  const span = findAnnotation(body.text);
  const empty: Responsibility = { leaders: [], hosts: [], coUnits: [], signal: 'none', guess: null, conflict: false, span };
  if (!span) return empty;
  const content = sliceStyled(body, span.contentStart, span.contentEnd);
  const result = readContent(content, conventions);
  if (!result) return empty;
  const shift = (t: Token): Token => ({ ...t, start: t.start + span.contentStart, end: t.end + span.contentStart });
  return { ...result, hosts: result.hosts.map(shift), coUnits: result.coUnits.map(shift), span };
}

export interface Span {
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
}

/** The responsibility annotation of a task: the last one of its text. */
export function findAnnotation(text: string): Span | null {
  const all = findAnnotations(text);
  return all[all.length - 1] ?? null;
}

/**
 * Every responsibility annotation in a text, in order: bracketed parts that
 * hold labels or clauses of owners ("（省X主办，省Y、Z协办）", "[牵头单位:X;
 * 责任单位:A、B]"); a bare list of units in brackets only where it ends the
 * text ("（市X、Y）"); then labels written out in the open after the last of
 * them ("责任单位：A、B").
 */
export function findAnnotations(text: string): Span[] {
  const known = annotationCache.get(text);
  if (known) return known;
  if (annotationCache.size > 512) annotationCache.clear();
  const spans = readAnnotations(text);
  annotationCache.set(text, spans);
  return spans;
}

/** The outline, the task reader and the prose splitter ask about the same texts: each is read once. */
const annotationCache = new Map<string, Span[]>();

function readAnnotations(text: string): Span[] {
  const spans: Span[] = [];
  for (const [open, close] of bracketPairs(text)) {
    const inner = text.slice(open + 1, close);
    const atEnd = /^[\s。；，.;,）)\]〕]*$/.test(text.slice(close + 1));
    if (LABEL_WITH_COLON.test(inner) || readClauses(plain(inner), NO_CONVENTIONS, atEnd) !== null) {
      spans.push({ start: open, end: close === text.length ? close : close + 1, contentStart: open + 1, contentEnd: close });
    }
  }
  const after = spans[spans.length - 1]?.end ?? 0;
  const m = LABEL_WITH_COLON.exec(text.slice(after));
  if (m) {
    // A label set in brackets (〔牵头单位〕X) starts at its bracket.
    const start = after + m.index - (text[after + m.index - 1] === '〔' ? 1 : 0);
    spans.push({ start, end: text.length, contentStart: start, contentEnd: text.length });
  }
  return spans;
}

const NO_CONVENTIONS: Conventions = { boldHosts: false, firstLeads: false, grouped: false };
const OPEN = '（[〔';
const CLOSE = '）]〕';

/** Outermost bracket pairs (（）, [] or 〔〕); an unclosed bracket runs to the end (PDF text loses them). */
function bracketPairs(text: string): [number, number][] {
  const pairs: [number, number][] = [];
  let depth = 0;
  let open = -1;
  let kind = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const o = OPEN.indexOf(ch);
    if (o >= 0 && (depth === 0 || o === kind)) {
      if (depth === 0) {
        open = i;
        kind = o;
      }
      depth++;
    } else if (depth > 0 && CLOSE.indexOf(ch) === kind) {
      depth--;
      if (depth === 0) pairs.push([open, i]);
    }
  }
  if (depth > 0 && open >= 0) pairs.push([open, text.length]);
  return pairs;
}

type Parsed = Omit<Responsibility, 'span'>;

const LEADER_LINE = new RegExp(`^(?:${LEADER_LABEL})为?：(.+?)[。；]?$`);
/** A section heading that names its leader: "一、王某县长牵头重点工作", "（二）李某副市长分管工作". */
const LEADER_HEADING =
  /^([\u4e00-\u9fff]{2,4}?)(?:同志)?((?:常务)?副?(?:省长|市长|县长|区长|州长|旗长|盟长|秘书长|主席|主任))(?:牵头|负责|分管|联系|领衔|主抓|抓总)/;

/** A line "责任领导：A、B" under a section heading names the leaders of all its tasks. */
export function readLeaderLine(text: string): string[] {
  const m = LEADER_LINE.exec(text.trim());
  return m ? leaderList(splitUnitList(m[1] ?? '').map((t) => t.name)) : [];
}

const LEADER_IN_TITLE = new RegExp(`(?:${LEADER_LABEL})为?[：〕]([^）)〕；;。]+)`);

/** A heading over the tasks of one leader: "…王某县长牵头重点工作", "（一）区委常委、常务副区长张某负责事项". */
const LEADER_HEADING_ALL = /^(.+?)(?:同志)?(?:牵头|负责|分管|联系|领衔|主抓|抓总)的?(?:重点)?(?:工作|事项|任务)?(?:[（(]共?\d+项[）)])?$/;

/** The leader a section's heading names, if it names one: "王某县长牵头重点工作", "…（牵头领导：王某）". */
export function readLeaderHeading(title: string): string[] {
  const labelled = LEADER_IN_TITLE.exec(title);
  if (labelled) return leaderList(splitUnitList(labelled[1] ?? '').map((t) => t.name));
  const whole = LEADER_HEADING_ALL.exec(title.trim().replace(/[。；：]$/, ''));
  if (whole) {
    const names = splitUnitList(whole[1] ?? '').map((t) => t.name);
    const people = leaderList(names);
    if (people.length > 0 && people.every((p) => isLeader(p) || (!UNIT_SUFFIX.test(p) && /^[\u4e00-\u9fff]{2,3}$/.test(p) && !names.includes(p))))
      return people;
  }
  const m = LEADER_HEADING.exec(title.trim());
  if (!m || ROLE_WORD.test(m[1] ?? '')) return [];
  return [m[1] ?? ''];
}

/** The owners an annotation names: by its labels, else by its clauses. */
function readContent(content: Styled, conv: Conventions): Parsed | null {
  return readLabelled(content, conv) ?? readClauses(content, conv, true);
}

function readLabelled(content: Styled, conv: Conventions): Parsed | null {
  const text = content.text;
  const labels = [...text.matchAll(LABEL)];
  if (labels.length === 0) return null;
  const leaders: string[] = [];
  const hosts: Token[] = [];
  const co: Token[] = [];
  const units: Token[][] = [];
  const clauses: Parsed[] = [];
  let listed = false;
  labels.forEach((m, k) => {
    const valueStart = m.index + m[0].length;
    const valueEnd = labels[k + 1]?.index ?? text.length;
    const [from, to] = valueRange(text, valueStart, valueEnd);
    const value = text.slice(from, to);
    if (m[1] !== undefined) leaders.push(...leaderList(splitUnitList(value.split(/[。；]/)[0] ?? '').map((t) => t.name)));
    else if (m[2] !== undefined) hosts.push(...splitUnitGroups(value, from).flat());
    else if (m[3] !== undefined) co.push(...splitUnitGroups(value, from).flat());
    else {
      // "责任单位：A牵头，B、C配合" names the roles itself.
      const verbs = hasVerbs(value) ? readClauses(sliceStyled(content, from, to), conv, true) : null;
      if (verbs && verbs.hosts.length > 0) {
        clauses.push(verbs);
        return;
      }
      listed = true;
      units.push(...splitUnitGroups(value, from));
    }
  });
  for (const c of clauses) {
    hosts.push(...c.hosts);
    co.push(...c.coUnits);
    leaders.push(...c.leaders);
  }
  const guess = clauses.find((c) => c.guess !== null)?.guess ?? null;
  if (hosts.length > 0 || !listed) {
    // Labelled hosts: a separate list of responsible units holds the co-units.
    const rest = units.flat().filter((t) => !hosts.some((h) => h.name === t.name));
    return { leaders, hosts, coUnits: [...co, ...rest], signal: hosts.length ? 'label' : 'none', guess, conflict: false };
  }
  const decided = decideHosts(units, content.bold, conv);
  return { leaders, ...decided, coUnits: [...decided.coUnits, ...co] };
}

const hasVerbs = (value: string): boolean => /(?:牵头|主办|主责|配合|协办|参与|协助|协同|负责)(?:[，；。,;]|$)/.test(value);

/** Skips the colon and stops before the legend sentence that may follow the list. */
function valueRange(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from < end && /[：〕为\s]/.test(text[from] ?? '')) from++;
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
  while (to > from && /[。；，、〔\s]/.test(text[to - 1] ?? '')) to--;
  return [from, to];
}

interface Clause {
  tokens: Token[];
  kind: 'host' | 'co' | 'each' | 'plain' | 'bare' | 'leader';
}

/**
 * Owners written as clauses without labels: "省X主办，省Y、Z协办",
 * "分管副省长负责，省X牵头", "省X、Y、Z分别负责", "市X、Y，Z" (a bare list,
 * accepted only where it ends the text). Sentences that explain the
 * convention (列第一位的为牵头部门…下同) are skipped. Null when a clause names
 * something that is neither a unit nor a leader: then it is no annotation.
 */
function readClauses(content: Styled, conv: Conventions, bareAllowed: boolean): Parsed | null {
  const text = content.text;
  const clauses: Clause[] = [];
  let sentenceStart = 0;
  for (const sentence of text.split(/(?<=。)/)) {
    const offset = sentenceStart;
    sentenceStart += sentence.length;
    if (LEGEND.test(sentence) && clauses.length > 0) continue;
    let at = offset;
    for (const part of sentence.split(/(?<=[，；,;])/)) {
      const clause = readClause(part, at);
      at += part.length;
      if (clause === 'legend') continue;
      if (clause === null) return null;
      clauses.push(clause);
    }
  }
  if (clauses.length === 0) return null;
  const verbs = clauses.some((c) => c.kind !== 'bare');
  if (!verbs && !bareAllowed) return null;
  if (!clauses.some((c) => c.kind !== 'leader')) return null;
  const leaders = leaderList(clauses.filter((c) => c.kind === 'leader').flatMap((c) => c.tokens.map((t) => t.name)));
  const hosts = clauses.filter((c) => c.kind === 'host').flatMap((c) => c.tokens);
  const co = clauses.filter((c) => c.kind === 'co').flatMap((c) => c.tokens);
  const each = clauses.filter((c) => c.kind === 'each').flatMap((c) => c.tokens);
  const pending = clauses.filter((c) => c.kind === 'plain' || c.kind === 'bare').map((c) => c.tokens);
  const marked = pending.flat().filter((t) => t.lead);
  let guess: HostGuess | null = null;
  let signal: HostSignal = 'label';
  hosts.push(...each, ...marked);
  if (each.length > 1) guess = 'each';
  const rest = pending.flat().filter((t) => !t.lead);
  if (hosts.length > 0) {
    co.push(...rest);
  } else if (rest.length > 0) {
    hosts.push(...rest.slice(0, 1));
    co.push(...rest.slice(1));
    signal = 'position';
    if (rest.length > 1 && !conv.firstLeads) guess = 'first';
  }
  return { leaders, hosts, coUnits: co.filter((t) => !hosts.some((h) => h.name === t.name)), signal, guess, conflict: false };
}

function readClause(part: string, offset: number): Clause | 'legend' | null {
  const trimmed = part.replace(/[，；,;。\s]+$/, '');
  if (trimmed === '') return 'legend';
  let kind: Clause['kind'] = 'bare';
  let list = trimmed;
  for (const [k, re] of [
    ['each', EACH_VERB],
    ['host', HOST_VERB],
    ['co', CO_VERB],
    ['plain', PLAIN_VERB],
  ] as const) {
    const m = re.exec(trimmed);
    if (m) {
      kind = k;
      list = trimmed.slice(0, m.index);
      break;
    }
  }
  const by = /^[\s，；]*由/.exec(list);
  const tokens = splitUnitList(by ? list.slice(by[0].length) : list, offset + (by ? by[0].length : 0));
  if (tokens.length === 0) return null;
  if (tokens.every((t) => isLeader(t.name))) return kind === 'co' ? null : { tokens, kind: 'leader' };
  if (!tokens.every((t) => isUnit(t.name))) return null;
  return { tokens, kind };
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
export function decideHosts(groups: Token[][], bold: Uint8Array, conv: Conventions): Pick<Parsed, 'hosts' | 'coUnits' | 'signal' | 'conflict' | 'guess'> {
  const all = groups.flat();
  const boldSet = all.filter((t) => isBold(t, bold));
  const first = groups[0] ?? [];
  const marked = all.filter((t) => t.lead);
  if (marked.length > 0) {
    return { hosts: marked, coUnits: all.filter((t) => !t.lead), signal: 'label', conflict: false, guess: null };
  }
  if (conv.firstLeads) {
    return { hosts: all.slice(0, 1), coUnits: all.slice(1), signal: 'position', conflict: false, guess: null };
  }
  if (groups.length > 1 || conv.grouped) {
    const conflict = boldSet.length > 0 && !sameNames(boldSet, first);
    return { hosts: first, coUnits: groups.slice(1).flat(), signal: 'structure', conflict, guess: null };
  }
  if (boldSet.length > 0 && boldSet.length < all.length) {
    return { hosts: boldSet, coUnits: all.filter((t) => !boldSet.includes(t)), signal: 'bold', conflict: false, guess: null };
  }
  const conflict = conv.boldHosts && boldSet.length === all.length && all.length > 1;
  const guess = !conflict && !conv.boldHosts && all.length > 1 ? 'first' : null;
  return { hosts: all.slice(0, 1), coUnits: all.slice(1), signal: 'position', conflict, guess };
}

const sameNames = (a: Token[], b: Token[]): boolean => a.length === b.length && a.every((t) => b.some((u) => u.name === t.name));

const BOLD_LEGEND = /(?:黑体|加粗|粗体)(?:字)?(?:的|标注的|显示的)?(?:单位)?(?:为|是|表示)(?:主办|牵头|主责)/;
const POSITION_LEGEND =
  /(?:列|排|排列|排序|位列|名列|列于)?(?:在)?(?:第一位|第一个|第一|首位|首个|最前)(?:的|者)?(?:责任|承办)?(?:单位|部门)?(?:为|是)?(?:牵头|主办|主责)/;

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
