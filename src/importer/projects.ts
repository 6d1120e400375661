/**
 * Named projects in a task's text, with the stage the task promises for them.
 *
 * Notices write a project promise as "verb + list of names + stage phrase":
 * 推进甲、乙、丙项目竣工投产. Less often the stage comes first:
 * 开工建设甲乙项目. The rules, in order:
 *
 * 1. The text is cut into clauses at ，；。！？： and line breaks.
 * 2. A stage phrase (STAGE_OF) counts when it closes its clause, or is followed
 *    by 、/并/和/及 (甲项目竣工投产、乙项目开工建设). The names are the text
 *    between the previous stage (or the clause start) and the phrase.
 *    A stage phrase followed by more words is read the other way round only
 *    when those words end in 项目 or 工程 (开工建设甲项目).
 * 3. Single-verb stages (开工, 投产, 建成…) count only after a name ending in
 *    项目/工程: they occur inside ordinary words (建成区, 减税措施落地).
 * 4. Leading verbs, adverbs and time words are stripped (推进, 全力保障, 年内…);
 *    the names start after the last sentence verb of the span (推进, 打造…).
 * 5. "等N个物流项目" is dropped; its head noun is kept for the names: 项目 or
 *    工程 as such, another category whole (等4个充电站 → 充电站).
 * 6. Names split on 、. 和 splits only the last item of a 、 list and only
 *    between two words of two characters or more (甲、乙和丙项目; not 美和居);
 *    和/及 also split after a word ending in 项目/工程 (甲项目及乙项目).
 *    及 inside a name stays (年产20万吨硫酸及余热回收).
 * 7. A shared 项目/工程 suffix is added to every name ending in neither; another shared
 *    head noun (生产线, 海外仓, “数字车间”) is added only to short names
 *    (≤ 6 characters) that have no head noun of their own: 青山、绿水生产线.
 * 8. Generic names are dropped: once words like 重点, 基础设施, 生产线, 项目 and
 *    counts are removed, fewer than two characters remain (基础设施完成改造,
 *    生产线完成改造, 9个市重点项目开工建设). So "生产线完成改造" gives nothing
 *    while "甲乙公司生产线完成改造" gives 甲乙公司生产线.
 */
import type { Project, ProjectStage } from '../domain/plan.js';

/** Stage phrases and the stage they mean; variants map to the closest stage. */
const STAGE_OF: Readonly<Record<string, ProjectStage>> = {
  签约落地: '签约落地',
  签约落户: '签约落地',
  签约建设: '签约建设',
  落地建设: '落地建设',
  开工建设: '开工建设',
  加快建设: '加快建设',
  加快实施: '加快建设',
  完成建设: '完成建设',
  竣工验收: '完成建设',
  建成交付: '完成建设',
  竣工投产: '竣工投产',
  全面投产: '竣工投产',
  建成投产: '建成投产',
  开工投产: '建成投产',
  投产运营: '建成投产',
  建成启用: '建成启用',
  建成投用: '建成启用',
  投入使用: '建成启用',
  交付使用: '建成启用',
  建成运营: '建成运营',
  建成运行: '建成运营',
  建成通车: '建成运营',
  并网运营: '并网运营',
  并网发电: '并网运营',
  投入运营: '投入运营',
  开业运营: '投入运营',
  开仓运营: '开仓运营',
  满产达产: '满产达产',
  达产达效: '满产达产',
  投产达效: '满产达产',
  扩大产能: '扩大产能',
  竣工上房: '竣工上房',
  完成改造: '完成改造',
  改造完成: '完成改造',
  主体完工: '其他',
  主体封顶: '其他',
  试生产: '其他',
  试运行: '其他',
  试运营: '其他',
  // Single verbs: only after a name ending in 项目/工程 (rule 3).
  开工: '开工建设',
  投产: '竣工投产',
  竣工: '完成建设',
  完工: '完成建设',
  建成: '完成建设',
  投用: '建成启用',
  投运: '投入运营',
  签约: '签约落地',
  落地: '落地建设',
  达产: '满产达产',
  并网: '并网运营',
  扩产: '扩大产能',
};

// Longest phrases first, so 竣工投产 wins over 投产 at the same position.
const STAGE_RE = new RegExp(
  Object.keys(STAGE_OF)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);
const CLAUSE_SPLIT = /[，；。！？：\n,;!?]+/;
/** What may follow a stage phrase for the names to stand before it. */
const AFTER_STAGE = /^(?:$|[、并和及])/;

/** Time words that may stand next to the stage: 年内竣工投产, 6月底前开工建设. */
const TIME =
  '(?:\\d{4}年)?(?:年内|年底前|年底|年末|今年|上半年|下半年|(?:第?[一二三四1-4])季度(?:末|底)?前?|' +
  '(?:\\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份|底|末|中旬|上旬|下旬)?前?)';
const ADVERB = '(?:力争|确保|争取|尽快|如期|按期|顺利|全面|全部|早日|正式|基本|实现|加快|全力|积极|努力|力促|着力|大力|持续|扎实)';
const LEADING = new RegExp(
  '^(?:全力服务保障|全力保障|服务保障|靠上服务|[加全着大持扎积]力推[进动]|加快推[进动]|加紧推进|积极推[进动]|' +
    '扎实推进|持续推进|推进|推动|力促|促进|促成|支持|实施|抓好|抓紧|做好|督促|加紧|助推|力推|鼓励|引导|重点|' +
    '统筹|谋划|启动|组织|开展|落实|' +
    `${ADVERB}|${TIME}|[、在])+`,
);
// Not 于/将 at the start: they begin names (于家庄, 将军山).
const TRAILING = new RegExp(`(?:${ADVERB}|${TIME}|[、在于将并])+$`);
/** Sentence verbs: the names of a span start after the last of them. */
const CUT_VERB =
  /推进|推动|力促|确保|争取|支持|实施|抓好|督促|力争|依托|围绕|打造|带动|鼓励|引导|加快|统筹|谋划|启动|组织|开展|落实|全力保障|服务保障|靠上服务/g;

/** "等" closing a list: 等6个物流项目, 等4个充电站, 等项目. */
const ETC_RE = /(?<![高中初平同对均相上次])等([\d一二三四五六七八九十百两几]+(?:个|项|家|座|处|条|批|所))?([^、]*)$/;
/** A count followed by generic words only: "9个市重点项目" counts projects, it names none. */
const COUNTED_GENERIC = /[\d一二三四五六七八九十百千两几]+(?:个|项|家|座|处|条|批|所)([^\d]*)$/;

const STRONG_HEAD = /(?:项目|工程)$/;
/** Head nouns of facilities; a list may share one (rule 7). */
const HEAD_RE = new RegExp(
  '(?:项目|工程|生产线|产线|车间|工厂|水厂|海外仓|仓库|仓|实验室|研究院|研究所|学院|中心|园区|园|基地|电站|' +
    '社区|小区|家园|片区|安置区|大厦|广场|综合体|场馆|馆|医院|学校|码头|高速|公路|道路|大桥|管网|机组|平台|' +
    '“[^“”]{1,12}”)$',
);
const GENERIC_WORDS =
  /重点|产业|工业|技改|在建|续建|新建|新开工|相关|各类|各项|一批|全部|所有|配套|基础|设施|项目|工程|生产线|产线|省|市|区|县|级|重大|改造|其他|其余|年度|[\d一二三四五六七八九十百千两几]+(?:个|项|家|座|处|条|批|所)/g;

const HAS_AND = /[和及]/;
const HAS_SPACE = /\s/;
const SPACES = /\s+/g;
const AND_AFTER_HEAD = /(?<=项目|工程)(?:和|及|以及)/;

const MAX_SPAN = 200;
const MAX_NAME = 40;
const SHORT_NAME = 6;

/**
 * The matches of a global regex, like matchAll but without the copy of the
 * regex matchAll makes on every call (it dominated the import's profile).
 * Each loop must finish before the same regex is scanned again.
 */
function* execAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    yield m;
  }
}

/** Remove whitespace next to CJK text (PDF artefacts); keep one space between ASCII words. */
function normaliseSpaces(text: string): string {
  if (!HAS_SPACE.test(text)) return text;
  return text.replace(SPACES, (ws: string, at: number, all: string) => {
    const before = all.charCodeAt(at - 1);
    const after = all.charCodeAt(at + ws.length);
    return before > 0x7f || after > 0x7f || Number.isNaN(before) || Number.isNaN(after) ? '' : ' ';
  });
}

function strip(name: string): string {
  return name
    .replace(LEADING, '')
    .replace(TRAILING, '')
    .replace(/^[”’]+|[“‘]+$/g, '');
}

/** Drop the span's text up to the last sentence verb: "打造X基地推进甲项目" → "甲项目". */
function afterLastVerb(span: string): string {
  let from = 0;
  for (const m of execAll(CUT_VERB, span)) from = m.index + m[0].length;
  return span.slice(from);
}

function headOf(name: string): string | null {
  const m = HEAD_RE.exec(name);
  return m ? m[0] : null;
}

/** 基础设施, 生产线, 9个市重点项目, 实验室: nothing names the project (rule 8). */
function isGeneric(name: string): boolean {
  const rest = name.replace(GENERIC_WORDS, '');
  if (rest.length < 2 || headOf(rest) === rest) return true;
  const counted = COUNTED_GENERIC.exec(name);
  return counted !== null && (counted[1] ?? '').replace(GENERIC_WORDS, '') === '';
}

/** Split one 、 list into items (rule 6). */
function splitItems(list: string): string[] {
  const items = list.split('、').flatMap((item) => (HAS_AND.test(item) ? item.split(AND_AFTER_HEAD) : [item]));
  const last = items.pop();
  if (last !== undefined) {
    const parts = last.split('和');
    const clear = items.length > 0 && parts.length === 2 && parts.every((p) => p.length >= 2);
    items.push(...(clear ? parts : [last]));
  }
  return items;
}

/** Turn the words before (or after) a stage phrase into project names. */
function namesOf(rawSpan: string): string[] {
  const afterVerb = afterLastVerb(rawSpan);
  // A long run without a verb or punctuation is prose, not a list of names.
  if (afterVerb.length > MAX_SPAN) return [];
  let span = strip(afterVerb);
  // The category after 等 names the shared head; an empty one leaves it to the last item.
  let category: string | null = null;
  const etc = ETC_RE.exec(span);
  // 等 closes a list only after a 、 or before a count: 甲等离子项目 is one name.
  if (etc && (etc[1] !== undefined || span.lastIndexOf('、', etc.index) >= 0)) {
    category = etc[2] ?? '';
    span = span.slice(0, etc.index);
  }
  const items = splitItems(span)
    .map(strip)
    .filter((item) => item.length > 0);
  const head = category === null || category === '' ? (headOf(items[items.length - 1] ?? '') ?? '') : categoryHead(category);
  return items.map((item) => withHead(item, head)).filter((item) => item.length <= MAX_NAME && !isGeneric(item));
}

/** The head a 等 category shares: 项目 of 物流项目, all of 充电站, nothing for 企业. */
function categoryHead(category: string): string {
  const head = headOf(category);
  if (head === null) return '';
  return STRONG_HEAD.test(head) ? head : category;
}

/** Give an item the list's shared head noun (rule 7). */
function withHead(item: string, head: string): string {
  if (head === '' || item.endsWith(head)) return item;
  if (STRONG_HEAD.test(head)) return STRONG_HEAD.test(item) ? item : item + head;
  return item.length <= SHORT_NAME && headOf(item) === null ? item + head : item;
}

interface StageHit {
  start: number;
  end: number;
  phrase: string;
  stage: ProjectStage;
}

function stageHits(clause: string): StageHit[] {
  const hits: StageHit[] = [];
  for (const m of execAll(STAGE_RE, clause)) {
    const stage = STAGE_OF[m[0]];
    if (stage !== undefined) hits.push({ start: m.index, end: m.index + m[0].length, phrase: m[0], stage });
  }
  return hits;
}

function clauseProjects(clause: string, out: Project[]): void {
  const hits = stageHits(clause);
  let prevEnd = 0;
  hits.forEach((hit, i) => {
    const next = hits[i + 1]?.start ?? clause.length;
    // Every two-character phrase is a single verb (rule 3).
    const weak = hit.phrase.length === 2;
    let names: string[] = [];
    if (AFTER_STAGE.test(clause.slice(hit.end, hit.end + 1))) {
      names = namesOf(clause.slice(prevEnd, hit.start));
    } else if (!weak) {
      // Stage first: 开工建设甲项目、乙项目 (rule 2).
      const object = clause.slice(hit.end, next);
      const list = object.length <= MAX_SPAN ? object.replace(/[、和及并]+$/, '') : '';
      if (STRONG_HEAD.test(list)) names = namesOf(list);
    }
    if (weak) names = names.filter((n) => STRONG_HEAD.test(n));
    for (const name of names) out.push({ name, stage: hit.stage });
    prevEnd = hit.end;
  });
}

/** Named projects promised in one task's text, in order of appearance, without duplicates. */
export function extractProjects(text: string): Project[] {
  const found: Project[] = [];
  for (const clause of normaliseSpaces(text).split(CLAUSE_SPLIT)) {
    if (clause.length > 0) clauseProjects(clause, found);
  }
  const seen = new Set<string>();
  return found.filter((p) => {
    const key = `${p.name}\u0000${p.stage}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
