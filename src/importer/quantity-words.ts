/**
 * The vocabulary the target extractor reads: measurement units, the verbs
 * that open or close a metric, the words that tell a target's kind and the
 * qualifiers kept with it. Kept apart from the extractor so that a notice
 * with a new unit or verb is a one-line change here.
 */

/** Joins words into a regex alternation, longest first so 亿元 wins over 元. */
export const alternation = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');

/**
 * Units a promised quantity may carry. The magnitude stays in the unit as
 * written (6000万元 is 6000 of 万元). A few carry a lookahead where the unit
 * character starts a common word instead (3个月 is a duration, 项目 a noun).
 */
const UNITS = [
  // Rates
  '%',
  '％',
  '个百分点',
  '倍',
  // Money
  '万亿元',
  '亿元',
  '万元',
  '千元',
  '元(?![旦宵素])',
  '亿美元',
  '万美元',
  '美元',
  // Energy, power, capacity
  'GWh',
  'MWh',
  'kWh',
  'GW',
  'MW',
  'kW',
  'KW',
  'kV',
  '亿千瓦时',
  '万千瓦时',
  '千瓦时',
  '万千瓦',
  '千瓦',
  '千伏',
  '万吨标准煤',
  '吨标准煤',
  '万吨',
  '蒸吨',
  '吨',
  // Length, area, volume
  '平方公里',
  '公里',
  '千米',
  '万平方米',
  '平方米',
  '亿立方米',
  '万立方米',
  '立方米',
  '万亩',
  '亩',
  '公顷',
  '米',
  // Weight, concentration, time
  '亿斤',
  '万斤',
  '斤',
  '万公斤',
  '公斤',
  '微克/立方米',
  '天(?![然津气地下])',
  // Things counted
  '万人次',
  '人次',
  '万人',
  '人',
  '万户',
  '户',
  '家(?!庭)',
  '个(?!月|工作日|小时|季度|年)',
  '场次',
  '场(?![馆景所地])',
  '次(?![性要])',
  '座(?!谈)',
  '处(?![置理])',
  '所(?![有属])',
  '项(?!目)',
  '条',
  '类',
  '名',
  '台套',
  '万台',
  '台',
  '套',
  '万辆',
  '辆',
  '万件',
  '件',
  '张',
  '间',
  '栋',
  '万株',
  '株',
  '棵',
  '万头',
  '头',
  '支',
];

/** Sorting is done on the unit text without its lookahead. */
export const UNIT_PATTERN = [...UNITS].sort((a, b) => b.replace(/\(.*$/, '').length - a.replace(/\(.*$/, '').length).join('|');

export type UnitFamily = 'rate' | 'money' | 'count' | 'measure';

/** Units of things counted one by one (家, 个, 人次…), as against measures (公里, 万吨, 亿元). */
const COUNT_UNITS: ReadonlySet<string> = new Set([
  '万人次',
  '人次',
  '万人',
  '人',
  '万户',
  '户',
  '家',
  '个',
  '场次',
  '场',
  '次',
  '座',
  '处',
  '所',
  '项',
  '条',
  '类',
  '名',
  '台套',
  '万台',
  '台',
  '套',
  '万辆',
  '辆',
  '万件',
  '件',
  '张',
  '间',
  '栋',
  '万株',
  '株',
  '棵',
  '万头',
  '头',
  '支',
  '起',
]);

export function unitFamily(unit: string): UnitFamily {
  if (unit === '%' || unit === '个百分点' || unit === '倍') return 'rate';
  if (unit.endsWith('元')) return 'money';
  return COUNT_UNITS.has(unit) ? 'count' : 'measure';
}

/** Units that size a thing when they stand before its name (60GWh储能电池, 年产30万吨…). */
export const CAPACITY_UNITS: ReadonlySet<string> = new Set([
  'GWh',
  'MWh',
  'kWh',
  'GW',
  'MW',
  'kW',
  'KW',
  'kV',
  '亿千瓦时',
  '万千瓦时',
  '千瓦时',
  '万千瓦',
  '千瓦',
  '千伏',
  '万吨标准煤',
  '吨标准煤',
  '万吨',
  '蒸吨',
  '吨',
  '亿立方米',
  '万立方米',
  '立方米',
]);

/** Qualifiers that hold for every number of their clause. */
export const CLAUSE_QUALIFIERS = ['力争', '确保'];
/** Qualifiers written right before the number. */
export const BEFORE_NUMBER_QUALIFIERS = ['不低于', '不少于', '不超过', '不高于', '超过', '至少', '约', '近', '逾'];
/** Qualifiers written right after the unit. */
export const AFTER_UNIT_QUALIFIERS = ['及以上', '及以下', '以上', '以下', '以内', '左右', '上下(?!游)'];

/** Action verbs that open a metric (举办 促消费活动 30 场): stripped from its start. */
export const ACTION_VERBS = [
  '新改建',
  '改扩建',
  '新建',
  '改建',
  '扩建',
  '改造',
  '建设(?!用地)',
  '建成(?!区)',
  '投运',
  '打造',
  '培育',
  '培养',
  '举办',
  '开展',
  '组织',
  '引进',
  '引育',
  '招引',
  '创建',
  '争创',
  '培训',
  '推出',
  '发放',
  '招聘',
  '认定',
  '备案',
  '检修',
  '升级',
  '新开工',
  '开工',
  '实施',
  '整治',
  '治理',
  '淘汰',
  '转化落地',
  '促成',
  '落地',
  '签约',
  '争取',
  '谋划储备',
  '谋划',
  '储备',
  '提升',
  '吸纳',
  '帮扶',
  '救助',
  '资助',
  '抓好',
  '办好',
  '推动',
  '推进',
  '带动',
  '引导',
  '支持',
  '扶持',
  '新增',
  '净增',
  '完成',
  '实现',
  '达到',
  '突破',
  '增加',
  '建立',
  '新培育',
  '新引进',
  '新认定',
  '维修',
  '铺设',
  '更换',
  '修缮',
  '栽植',
  '安装',
  '配备',
  '设立',
];

/** Second halves of compound verbs: 改造提升, 新建改扩建, 建成投运. */
export const SECOND_VERBS = ['改扩建', '改建', '扩建', '提升', '改造', '投运', '升级', '新建'];

/**
 * Verbs that rarely occur inside a noun, so a metric may be cut after them even
 * in the middle of a phrase (链主企业开展 | 产业链招商活动 20 场). Kind words
 * such as 新增 are left out: indicators hold them (城镇新增就业).
 */
export const STRONG_VERBS = [
  '开展',
  '举办',
  '培育',
  '打造',
  '新建',
  '实施',
  '组织',
  '引进',
  '引育',
  '招引',
  '创建',
  '争创',
  '推动',
  '推进',
  '带动',
  '发放',
  '备案',
  '促成',
  '检修',
];

/** Words that may precede a metric without being part of it: time, scope, emphasis. */
export const LEADING_WORDS = [
  '全年',
  '年内',
  '今年',
  '当年',
  '年底前',
  '到年底',
  '本年度',
  '其中',
  '累计',
  '共计',
  '另外',
  '努力',
  '力争',
  '确保',
  '力促',
  '同时',
  '分别',
];

/** Words that close a metric before its number: 营收 | 增长 10%. */
export const TRAILING_WORDS = [
  '同比',
  '同口径',
  '力争',
  '确保',
  '年均',
  '分别',
  '全部',
  '均',
  '增长',
  '增速',
  '增幅',
  '突破',
  '达到',
  '达',
  '超过',
  '下降',
  '降低',
  '减少',
  '压减',
  '压降',
  '削减',
  '缩减',
  '提高',
  '提升',
  '增加',
  '保持在',
  '稳定在',
  '控制在',
  '降至',
  '减至',
  '提高到',
  '提升到',
  '新增',
  '净增',
  '实现',
  '完成',
  ...BEFORE_NUMBER_QUALIFIERS,
];

/** Predicates that end a metric written after its number: 5个现代物流项目 | 加快建设. */
export const AFTER_STOP_WORDS = [
  '加快',
  '建成',
  '竣工',
  '开工',
  '签约',
  '落地',
  '完成',
  '满产',
  '达产',
  '并网',
  '投产',
  '投入',
  '争创',
  '创建',
  '实施',
  '开展',
  '参与',
  '进入',
  '纳入',
  '实现',
  '达到',
  '融合',
  '协同',
  '建设',
  '向',
  '在',
  '参加',
  '入选',
  '获评',
  '获批',
  '通过',
  '上市',
  '运营',
  '启用',
  '开业',
];

/** Verbs around a cluster level: 冶金产业 | 瞄准 | 千亿级目标. */
export const LEVEL_VERBS = [
  '锚定',
  '瞄准',
  '围绕',
  '打造',
  '迈进',
  '迈向',
  '冲刺',
  '加速',
  '加快',
  '向',
  '建成',
  '建设',
  '培育',
  '争创',
  '达到',
  '达',
  '突破',
  '成为',
  '聚焦',
  '壮大',
  '形成',
];

export type KindWord = 'reduce' | 'grow' | 'raise' | 'add' | 'total' | 'done' | 'cap';

/** Words that tell a target's kind; the one nearest the number wins. */
export const KIND_WORDS: ReadonlyMap<string, KindWord> = new Map<string, KindWord>([
  ...['下降', '降低', '减少', '压减', '压降', '削减', '缩减', '降至', '减至', '减排'].map((w) => [w, 'reduce'] as const),
  ...['增长', '增加', '增幅', '增速', '上升'].map((w) => [w, 'grow'] as const),
  ...['提高', '提升'].map((w) => [w, 'raise'] as const),
  ...['新增', '净增', '新培育', '新引进', '新认定', '新招引'].map((w) => [w, 'add'] as const),
  ...['突破', '达到', '达', '总量', '总数', '总额', '总计', '累计', '超过', '稳定在', '保持在'].map((w) => [w, 'total'] as const),
  ...['完成', '实现'].map((w) => [w, 'done'] as const),
  ...['控制在', '不超过', '不高于'].map((w) => [w, 'cap'] as const),
]);

/** Reductions that carry no number: 只减不增. */
export const FLAT_REDUCTIONS = ['只减不增', '只降不升', '只减不加', '只降不增', '零增长', '负增长'];

/** Metrics that say nothing by themselves; the chain's metric is carried over instead. */
export const GENERIC_METRICS: ReadonlySet<string> = new Set([
  '',
  '总量',
  '总数',
  '总额',
  '总计',
  '累计',
  '规模',
  '数量',
  '目标',
  '任务',
  '全年',
  '年内',
  '其中',
  '水平',
]);

/**
 * Words that make the number after them a project's specification, not a
 * promise: 总投资 20 亿元, 占地 300 亩, 建筑面积 5 万平方米.
 */
export const PROJECT_WORDS = ['总投资', '占地面积', '占地', '总建筑面积', '建筑面积', '用地面积', '建设规模'];

/**
 * Words that make the number after them a capacity: 年产 30 万吨 (but not
 * 年产量, an output), 产能, 装机, 处理能力.
 */
export const CAPACITY_WORDS = ['年产(?![量值])', '产能(?!利用)', '装机', '年处理', '处理能力', '设计能力', '吞吐能力', '年吞吐'];

/** Words just before a number that make it an aim rather than this year's promise: 瞄准营收千亿元. */
export const AIM_WORDS = ['瞄准', '锚定', '迈向', '迈进'];

/** Verbs before a level (千亿级) that make it an aim; the others (达到, 突破) state a size. */
export const LEVEL_AIM_VERBS = LEVEL_VERBS.filter((w) => !['达到', '达', '突破'].includes(w));

/**
 * Horizons beyond the plan year, in the sentence before a number. 到 2030 年
 * and 2030 年前 are read against the plan's year (targets.ts); these say it in words.
 */
export const HORIZON_WORDS = [
  '远景',
  '远期目标',
  '长远目标',
  '中长期',
  '长期目标',
  '(?:今后|未来)[两二三四五十2-9]年',
  '[两二三四五十2-9]年(?:内|时间)',
  '十五五\\S?(?:期间|时期|末)',
  '到\\S?十五五',
];

/**
 * Metrics that need their subject to be read: 营收 of which industry, 投资
 * of which park. A passage that opens with its subject (冶金产业瞄准…,
 * 软件服务业，…) lends it to these (冶金产业营收).
 */
export const BARE_METRICS: ReadonlySet<string> = new Set([
  '营收',
  '营业收入',
  '主营业务收入',
  '销售收入',
  '收入',
  '产值',
  '总产值',
  '增加值',
  '投资',
  '税收',
  '利润',
  '利税',
  '产量',
  '销售额',
  '交易额',
  '进出口',
  '进出口额',
  '出口',
  '出口额',
  '规模',
  '营收规模',
  '产业规模',
]);

/** How a subject ends: an industry, a sector, a park or a zone (冶金产业, 软件服务业, 经济开发区, 高新区). */
export const SUBJECT_ENDINGS = ['业', '园区', '开发区', '高新区', '新区', '产业园', '集群', '板块', '经济', '基地', '片区'];

/** Words a subject is followed by when it opens a sentence: 冶金产业 | 瞄准千亿级目标. */
export const SUBJECT_VERBS = ['瞄准', '锚定', '围绕', '聚焦', '力争', '确保', '年内', '全年', '今年', '要'];

/**
 * Words that open a clause as a verb or adverb, never as its subject:
 * 做强先进制造业，… is an action, 先进制造业，… a subject.
 */
export const NOT_SUBJECT_OPENERS = [
  '以',
  '把',
  '对',
  '在',
  '按',
  '由',
  '从',
  '向',
  '为',
  '让',
  '使',
  '全',
  '各',
  '我',
  '本',
  '该',
  '其',
  '通过',
  '依托',
  '立足',
  '面向',
  '紧扣',
  '紧盯',
  '着眼',
  '坚持',
  '持续',
  '积极',
  '着力',
  '深入',
  '深化',
  '扎实',
  '大力',
  '加大',
  '加快',
  '加强',
  '加速',
  '加力',
  '加紧',
  '扩大',
  '稳定',
  '巩固',
  '拓展',
  '鼓励',
  '促进',
  '保障',
  '服务',
  '构建',
  '健全',
  '完善',
  '优化',
  '强化',
  '做好',
  '做大',
  '做强',
  '做优',
  '做精',
  '做实',
  '发展',
  '壮大',
  '统筹',
  '协同',
  '切实',
  '不断',
  '进一步',
  '全面',
  '全力',
  '推行',
  '落实',
  '突出',
  '延伸',
  '补齐',
  '打好',
  '打赢',
  '振兴',
  '围绕',
  '聚焦',
  '瞄准',
  '锚定',
];
