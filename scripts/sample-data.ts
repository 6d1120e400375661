/**
 * The project's own sample notice: a fictional district government's task
 * decomposition notice for 2026. Every name, place, company and figure here is
 * invented. `npm run samples` renders this one data source as
 *
 *   samples/notice.txt   text as if converted from a PDF, with its artefacts
 *   samples/notice.docx  a Word document (bold host units)
 *   samples/notice.xlsx  a decomposition table (分解表)
 *   samples/units.json   the unit directory for the sample
 *
 * and the EXPECTED_* exports are what an importer must read from those files.
 *
 * Target markup in task bodies: `{code:clause}` marks one quantitative target;
 * the renderers drop the braces and the code. Codes and the rule used to pick
 * the expected kind (by the clause's own words):
 *
 *   inc  increment    新增 / 净增 …, and a sum obtained or handed out (发放贷款 …): money is never a count
 *   tot  total        突破 / 达到 / 总量 / 总数 / 稳定在 …, and a measure of work (公里, 万亩, 蒸吨)
 *   gr   growth_rate  增长 X%
 *   cnt  count        a number of things to do or build (新建 / 改造 / 举办 …), counted one by one
 *   lvl  level        千亿级 / 二百亿级
 *   red  reduction    下降 X% / 只减不增
 *
 * Years, dates, quarters, stage ordinals (二期, 一期) and names are not targets;
 * the bodies avoid numbers inside project names so the count is unambiguous.
 */
import type { TargetKind } from '../src/domain/plan.js';

export const SAMPLE_YEAR = 2026;
export const DOC_NUMBER = '临河政发〔2026〕3号';
export const ISSUER = '青川市临河区人民政府';
export const ISSUE_DATE = '2026-02-20';
export const ISSUE_DATE_TEXT = '2026年2月20日';
/** The title as one line; the txt prints it with the spaces a PDF line break leaves. */
export const TITLE = '青川市临河区人民政府关于分解落实2026年《政府工作报告》重点任务目标的通知';
export const TITLE_LINES = ['青川市临河区人民政府', '关于分解落实2026年《政府工作报告》', '重点任务目标的通知'] as const;

export const SALUTATION = '各镇人民政府、街道办事处，临河经济开发区管理委员会，区政府各部门、各直属机构，驻区有关单位：';

export const INTRO =
  '《政府工作报告》已经区第五届人民代表大会第六次会议审议通过。为确保报告确定的各项目标任务落地见效，经区政府研究，现将主要目标任务逐项分解到区政府领导同志和承办单位。各承办单位要对照分工，于3月15日前细化制定工作方案，明确时间表、路线图和责任人，按月报送进展情况。区政府督查室将会同有关部门加强督查调度，对进度滞后的事项及时督办，并定期通报完成情况，结果纳入年度综合考核。具体分工如下：';

/** The paragraph of section 一 before the headline targets. */
export const GENERAL =
  '今年是“十五五”规划的开局之年。全区政府系统要锚定“工业强区、创新活区、生态美区、民生兴区”目标，坚持稳中求进，统筹抓好产业升级、科技创新、扩大内需、城市更新、乡村振兴、绿色转型、民生保障和安全发展，奋力推动临河高质量发展取得新成效。';

export interface HeadlineTarget {
  /** The clause as printed. */
  text: string;
  metric: string;
  kind: TargetKind;
  value: number;
  unit: string;
  qualifiers: string[];
}

export const HEADLINE_LEAD = '全区经济社会发展主要预期目标为：';
export const HEADLINE_TAIL = '，在实际工作中力争更好结果。';

export const HEADLINE_TARGETS: HeadlineTarget[] = [
  { text: '地区生产总值增长6.5%', metric: '地区生产总值', kind: 'growth_rate', value: 6.5, unit: '%', qualifiers: [] },
  { text: '一般公共预算收入增长5%', metric: '一般公共预算收入', kind: 'growth_rate', value: 5, unit: '%', qualifiers: [] },
  {
    text: '城乡居民人均可支配收入增长6%',
    metric: '城乡居民人均可支配收入',
    kind: 'growth_rate',
    value: 6,
    unit: '%',
    qualifiers: [],
  },
  { text: '固定资产投资增长8%以上', metric: '固定资产投资', kind: 'growth_rate', value: 8, unit: '%', qualifiers: ['以上'] },
  {
    text: '社会消费品零售总额增长6%左右',
    metric: '社会消费品零售总额',
    kind: 'growth_rate',
    value: 6,
    unit: '%',
    qualifiers: ['左右'],
  },
  { text: '城镇新增就业5200人以上', metric: '城镇新增就业', kind: 'increment', value: 5200, unit: '人', qualifiers: ['以上'] },
  {
    text: '单位地区生产总值能耗下降2.5%',
    metric: '单位地区生产总值能耗',
    kind: 'reduction',
    value: 2.5,
    unit: '%',
    qualifiers: [],
  },
];

/** The headline paragraph exactly as printed in every format. */
export const HEADLINE_PARAGRAPH = HEADLINE_LEAD + HEADLINE_TARGETS.map((t) => t.text).join('，') + HEADLINE_TAIL;

export interface SampleSection {
  /** 一, 二, … */
  number: string;
  title: string;
}

export const SECTIONS: SampleSection[] = [
  { number: '一', title: '2026年主要预期目标' },
  { number: '二', title: '坚持产业强区，加快构建现代化产业体系' },
  { number: '三', title: '坚持创新驱动，培育壮大新质生产力' },
  { number: '四', title: '坚持投资消费双轮驱动，持续扩大有效需求' },
  { number: '五', title: '坚持品质提升，建设宜居韧性智慧城市' },
  { number: '六', title: '坚持城乡融合，全面推进乡村振兴和农业农村现代化' },
  { number: '七', title: '坚持绿色低碳，建设人与自然和谐共生的美丽临河' },
  { number: '八', title: '坚持民生为本，统筹发展和安全' },
  { number: '九', title: '全面加强政府自身建设' },
];

/**
 * Where the host units are bold: over the first group (hosts), nowhere, or over
 * the whole unit list (the one deliberate bold/structure conflict).
 */
export type BoldMode = 'hosts' | 'none' | 'all';

/** Punctuation of the annotation; a few tasks use ASCII forms on purpose. */
export interface AnnotationPunctuation {
  open: string;
  close: string;
  /** After 牵头领导. */
  leaderColon: string;
  /** After 承办单位. */
  unitColon: string;
  /** Separator before co-unit group i (index 0 = between hosts and the first co group). */
  groupSeparators?: string[];
}

export interface SampleTask {
  number: number;
  section: string;
  /** The task text without the annotation, with `{code:clause}` target marks. */
  body: string;
  leaders: string[];
  /** The first group after 承办单位：, as written (short forms left as they are). */
  hosts: string[];
  /** The later groups after 承办单位：, each a list separated by 、. */
  coGroups: string[][];
  bold: BoldMode;
  /** ISO date of the latest deadline the body states. */
  deadline: string;
  /** The words that deadline is read from. */
  deadlineText: string;
  punctuation?: Partial<AnnotationPunctuation>;
}

/** The sentence that states the bold convention; printed on the first task only, as `…。黑体为…，下同。）`. */
export const BOLD_NOTE = '黑体为主办单位，其他为协办单位，下同';

export const TASKS: SampleTask[] = [
  {
    number: 1,
    section: '二',
    body: '锚定{lvl:千亿级}新能源材料、{lvl:二百亿级}高端装备两大产业集群，实施制造业强链提质三年行动。新能源材料产业，全力服务星衡新能源锂电正极材料二期项目满产达产，推动澜石新材料隔膜涂覆项目6月底前竣工投产，引进前驱体、电解液添加剂等配套企业，年内{inc:新增营收18亿元}、{tot:突破160亿元}。高端装备产业，推进瀚川精密数控转台项目加快建设，云帆智能巡检装备项目三季度竣工投产，做强精密传动、智能检测等细分领域，年内{inc:新增营收9亿元}、{tot:突破210亿元}。支持链主企业牵头组建产业联盟，建立本地配套产品目录，推动更多中小企业进入链主企业供应体系。',
    leaders: ['闵晓川', '罗清禾'],
    hosts: ['区工业和信息化局'],
    coGroups: [['区发展和改革局', '区科学技术局'], ['相关镇街'], ['临河经济开发区管理委员会', '河东新城建设服务中心']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 2,
    section: '二',
    body: '前瞻布局低空经济、智能网联汽车、生物制造等未来产业，出台新兴产业培育专项扶持办法，定期发布应用场景开放清单。推动芯阳半导体功率器件封测项目开工建设，青禾生物合成材料中试基地年底前建成启用，支持云帆智能开展无人机巡检商业化运营，争创省级未来产业先导区。实施优质企业梯度培育工程，力争{cnt:认定“专精特新”中小企业25家以上}，{tot:省级以上优质中小企业总量突破80家}，{gr:规上工业增加值增长8%以上}。',
    leaders: ['闵晓川'],
    hosts: ['区工业和信息化局'],
    coGroups: [['区发展和改革局', '区数据资源服务中心'], ['临河经济开发区管理委员会'], ['各镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年底前',
  },
  {
    number: 3,
    section: '二',
    body: '做强现代物流、检验检测、工业设计等生产性服务业，推动北辰冷链物流园二期加快建设，临河公铁联运货场6月底前建成启用，打造辐射周边的冷链集散枢纽。支持骨干物流企业开行至沿海港口的海铁联运班列，发展多式联运和供应链管理服务，{cnt:培育市级以上服务业示范企业10家}，{gr:生产性服务业营业收入增长12%以上}。引导工业企业分离物流、研发等业务环节，壮大服务业市场主体。',
    leaders: ['罗清禾'],
    hosts: ['区发展和改革局', '区商务局'],
    coGroups: [['区交通运输局'], ['临河城市发展投资集团有限公司'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-06-30',
    deadlineText: '6月底前',
  },
  {
    number: 4,
    section: '二',
    body: '实施制造业数字化转型行动，年内{cnt:完成数字化改造项目40项}，推动瀚川精密、禾丰源食品创建省级智能工厂，遴选一批数字化车间示范标杆。建设工业互联网公共服务平台，面向中小企业推广轻量化应用，{inc:新增上云企业150家}，{tot:两化融合贯标企业总数达到60家}。鼓励企业开展数据资产登记，探索数据赋能制造业的有效路径。',
    leaders: ['闵晓川'],
    hosts: ['区工信局'],
    coGroups: [['区数据资源服务中心'], ['各镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 5,
    section: '三',
    body: '实施高新技术企业倍增计划，{inc:净增高新技术企业30家}、{tot:总量突破260家}，{cnt:入库科技型中小企业320家以上}。推进青川大学临河研究院6月底前建成启用，支持星衡新能源建设省级企业技术中心，{cnt:新建市级以上研发平台12个}。深化产学研协同，建立企业技术需求和高校成果供给对接机制，年内{cnt:转化科技成果20项以上}，{gr:全社会研发经费投入增长10%以上}。',
    leaders: ['闵晓川'],
    hosts: ['区科学技术局'],
    coGroups: [['临河经济开发区管理委员会', '河东新城建设服务中心'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 6,
    section: '三',
    body: '深化科技金融服务，组建区级科创引导基金，{tot:基金规模达到5亿元}，撬动社会资本投向新能源材料、高端装备领域。开展“政银企”常态化对接，{cnt:举办融资对接活动20场以上}，推广知识产权质押、订单融资等产品，年内力争{inc:新增各项贷款60亿元}，其中{inc:新增科技贷款8亿元}。支持星衡新能源、瀚川精密等企业对接多层次资本市场。',
    leaders: ['罗清禾'],
    hosts: ['区金融工作服务中心'],
    coGroups: [['区财政局', '区科学技术局'], ['临河城市发展投资集团有限公司'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年内',
    punctuation: { open: '(', close: ')', leaderColon: ':', unitColon: ':' },
  },
  {
    number: 7,
    section: '三',
    body: '实施“临河英才”计划，完善人才安居、子女入学、医疗保健等服务保障，年内{cnt:引育高层次人才60人}、{cnt:高技能人才1800人}，{inc:新增就业见习岗位800个}。建设青年人才驿站，举办“才聚临河”校园引才活动，推动人才公寓二期项目三季度建成启用。深化产教融合，支持职业院校与重点企业共建实训基地，让更多青年人才留在临河、扎根临河。',
    leaders: ['闵晓川', '乔慧宁'],
    hosts: ['区人力资源和社会保障局', '区科学技术局'],
    coGroups: [['区教育和体育局'], ['各镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 8,
    section: '四',
    body: '紧盯超长期特别国债、地方政府专项债券等政策投向，{cnt:谋划储备重点项目180个}，{tot:争取上级资金突破45亿元}。实行重点项目“周调度、月通报”，落实项目帮办代办和要素保障联席机制，年内{cnt:实施区级重点项目120个}，{gr:固定资产投资增长8%以上}。推动临河数据中心产业园一期6月底前开工建设，启航智能家居产业园年内满产达产，以项目建设的加速度支撑高质量发展。',
    leaders: ['罗清禾'],
    hosts: ['区发改局'],
    coGroups: [['区财政局', '区自然资源和规划局', '区住房和城乡建设局'], ['临河经济开发区管理委员会', '河东新城建设服务中心'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 9,
    section: '四',
    body: '围绕新能源材料、高端装备产业链开展精准招商，绘制产业链招商图谱，{cnt:举办产业链招商推介活动25场以上}，{cnt:签约过亿元项目40个以上}。推动青岚储能系统集成、锐拓汽车轻量化部件项目6月底前签约落地，海川光学镜头模组项目三季度开工建设。用好驻外招商联络站和商协会资源，拓展以商招商、基金招商，{tot:实际使用外资达到3000万美元}。',
    leaders: ['罗清禾', '闵晓川'],
    hosts: ['区投资促进中心'],
    coGroups: [['区商务局', '区工业和信息化局'], ['临河经济开发区管理委员会'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-09-30',
    deadlineText: '三季度',
  },
  {
    number: 10,
    section: '四',
    body: '落实消费品以旧换新政策，改造提升滨江步行街、望城夜市等特色街区，培育首店经济、夜间经济，年内{cnt:举办促消费活动40场以上}。做热文旅消费，推动青川古渡文化街区二期建成启用，串联古渡、湿地、古镇打造精品旅游线路，{cnt:接待游客650万人次}。扩大养老、托育、体育等服务消费，{gr:社会消费品零售总额增长6%左右}。',
    leaders: ['罗清禾'],
    hosts: ['区商务局'],
    coGroups: [['区文化和旅游局', '区市场监管局'], ['区直相关部门'], ['各镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 11,
    section: '四',
    body: '组织企业参加广交会、进博会等重点展会，{cnt:参加境内外展会30场次}，开拓东盟、中东、非洲等新兴市场，扩大锂电材料、精密部件出口规模。推动跨境电商产业园年内建成启用，引导外贸企业布局海外仓，{gr:外贸进出口总额增长7%以上}，{tot:跨境电商交易额突破12亿元}。落实出口信用保险、外贸融资等政策，帮助企业稳订单、拓市场。',
    leaders: ['罗清禾'],
    hosts: ['区商务局'],
    coGroups: [['区发展和改革局', '区财政局'], ['临河经济开发区管理委员会'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年内',
    punctuation: { groupSeparators: [',', '，', '，'] },
  },
  {
    number: 12,
    section: '五',
    body: '实施城市更新行动，年底前{cnt:改造老旧小区26个}、{cnt:惠及居民4800户}，同步更新燃气、供水、供热老旧管网，加装电梯、完善无障碍设施。{cnt:新建口袋公园12处}，{inc:新增公共停车泊位1500个}，{cnt:打通断头路5条}，推进老城区供电线路入地改造。完善社区嵌入式服务设施，让老城区既有“颜值”又有“温度”。',
    leaders: ['邵知行'],
    hosts: ['区住建局'],
    coGroups: [['区城市管理局', '区自然资源和规划局'], ['国网临河供电公司'], ['相关镇街']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年底前',
  },
  {
    number: 13,
    section: '五',
    body: '完善综合立体交通网络，推动临河至青川港快速通道加快建设，沿江快速路北延工程三季度开工建设，{tot:新改建城市道路18公里}。提升河东新城承载能力，推进综合管廊一期年底前建成启用，配套建设商业、医疗、教育等公共服务设施，{inc:新增公交线路6条}，{tot:新城常住人口达到12万人}。强化交通组织和停车管理，缓解学校、医院周边高峰拥堵。',
    leaders: ['邵知行', '罗清禾', '霍云飞'],
    hosts: ['区交通运输局', '河东新城建设服务中心'],
    coGroups: [['区自然资源和规划局', '区住房和城乡建设局'], ['临河城市发展投资集团有限公司'], ['各镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年底前',
  },
  {
    number: 14,
    section: '五',
    body: '建设城市运行管理服务平台，整合市政、燃气、供水、桥梁等运行数据，年内{cnt:接入城市运行监测点位3000个}。{tot:改造雨污管网15公里}，{cnt:整治易涝点位9处}，6月底前完成排水设施全面排查，提升城市防汛排涝能力。深化市容秩序和垃圾分类治理，规范共享单车停放和户外广告设置，{tot:生活垃圾分类覆盖率达到95%}。',
    leaders: ['邵知行'],
    hosts: ['区城市管理局'],
    coGroups: [['区数据资源服务中心', '区水利局'], ['各镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 15,
    section: '六',
    body: '稳定粮食播种面积，{tot:新建高标准农田2.6万亩}，{tot:粮食总产量稳定在4.3亿斤以上}，推广良种良法配套和农机农艺融合。实施农业全产业链提升行动，推动禾丰源食品中央厨房项目年内竣工投产，发展预制菜、特色果蔬精深加工，{inc:新增市级以上农业产业化龙头企业5家}，{gr:农产品加工业产值增长9%}。擦亮“临河稻米”“清溪茶”区域公用品牌，拓宽农产品线上线下销售渠道。',
    leaders: ['霍云飞'],
    hosts: ['区农业农村局'],
    coGroups: [['区水利局', '区自然资源和规划局'], ['临河现代农业产业园服务中心'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 16,
    section: '六',
    body: '深入实施和美乡村建设行动，{cnt:创建省级和美乡村示范村8个}，{tot:新改建农村公路36公里}，{cnt:改造农村危房40户}，持续抓好农村人居环境整治。推动柳湾镇乡村振兴示范片区三季度建成启用，探索片区化、组团式发展路径。发展壮大新型农村集体经济，{cnt:培训高素质农民500人以上}，拓宽农民增收渠道。',
    leaders: ['霍云飞', '邵知行'],
    hosts: ['区农业农村局'],
    coGroups: [['区交通运输局', '区住房和城乡建设局', '区民政局'], ['各镇街']],
    bold: 'none',
    deadline: '2026-09-30',
    deadlineText: '三季度',
  },
  {
    number: 17,
    section: '七',
    body: '深入打好蓝天、碧水、净土保卫战，{red:PM2.5平均浓度下降3%以上}，{tot:空气质量优良天数比例达到78%}。年底前{tot:淘汰燃煤小锅炉96蒸吨}，完成重点行业企业深度治理，加强扬尘、餐饮油烟等面源污染管控。巩固提升河湖水质，推进入河排污口规范整治，{tot:国控省控断面水质优良比例达到100%}。',
    leaders: ['霍云飞'],
    hosts: ['市生态环境局临河分局'],
    coGroups: [['区直相关部门'], ['各镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年底前',
    punctuation: { unitColon: ':' },
  },
  {
    number: 18,
    section: '七',
    body: '稳妥有序推进碳达峰行动，{red:单位地区生产总值能耗下降2.5%}，严格控制高耗能高排放项目盲目上马。推动澜石新材料屋顶分布式光伏项目并网运营，{inc:新增光伏装机容量80MW}，星衡新能源储能电站6月底前建成投产。发展循环经济，{inc:新增再生资源处理能力15万吨}，年内{cnt:建设公共充电桩600个}，推广绿色建筑和新能源公交车。',
    leaders: ['闵晓川'],
    hosts: ['区发展和改革局'],
    coGroups: [['区工业和信息化局', '区住房和城乡建设局'], ['临河经济开发区管理委员会'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 19,
    section: '八',
    body: '落实就业优先政策，年内{inc:新增城镇就业5200人以上}，{cnt:举办招聘活动120场}，{cnt:开展职业技能培训3000人次}，{inc:发放创业担保贷款8000万元}。做好高校毕业生、退役军人、农民工等重点群体就业帮扶，开发一批公益性岗位兜底安置就业困难人员。规范新就业形态劳动用工，畅通欠薪线索受理渠道，切实维护劳动者合法权益。',
    leaders: ['乔慧宁'],
    hosts: ['区人社局'],
    coGroups: [['区教育和体育局', '区财政局'], ['各镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 20,
    section: '八',
    body: '优化教育资源布局，{cnt:新建、改扩建中小学和幼儿园7所}，河东新城实验学校8月底前建成启用，{inc:新增学位4000个}。深化集团化办学和教师交流轮岗，推动义务教育优质均衡发展。推进紧密型城市医疗集团建设，区人民医院新院区年底前建成启用，{cnt:新建标准化村卫生室15家}，提升基层医疗服务能力。',
    leaders: ['乔慧宁'],
    hosts: ['区教育和体育局', '区卫生健康局'],
    coGroups: [['区发展和改革局', '区财政局'], ['河东新城建设服务中心'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年底前',
  },
  {
    number: 21,
    section: '八',
    body: '完善居家社区养老服务网络，年内{cnt:新建社区养老服务站10处}，{cnt:改造特困供养服务机构4所}，发展老年助餐、助浴等服务。落实生育支持政策，{inc:新增普惠托位300个}。扩大社会保险覆盖面，{tot:基本养老保险参保率稳定在96%以上}，落实困难群众救助政策，做好残疾人、留守儿童等群体关爱服务。',
    leaders: ['乔慧宁'],
    hosts: ['区民政局'],
    coGroups: [['区卫生健康局', '区医疗保障局'], ['相关镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 22,
    section: '八',
    body: '压紧压实安全生产各方责任，开展危险化学品、城镇燃气、经营性自建房等重点领域隐患排查整治，{red:生产安全事故起数下降10%}。{cnt:开展应急演练200场次以上}，三季度完成城区高层建筑消防设施全面检测，提升基层应急救援能力。健全社会治安防控体系，常态化开展反电诈宣传，依法打击各类违法犯罪，持续建设更高水平的平安临河。',
    leaders: ['蒋沐阳'],
    hosts: ['区应急管理局'],
    coGroups: [['市公安局临河分局', '区消防救援大队'], ['区直相关部门'], ['各镇街']],
    bold: 'all',
    deadline: '2026-09-30',
    deadlineText: '三季度',
  },
  {
    number: 23,
    section: '九',
    body: '坚持依法行政，严格落实重大行政决策程序，6月底前完成行政规范性文件集中清理，加强行政复议和应诉工作。深化“高效办成一件事”改革，年内{inc:新增集成办理事项20项}，{tot:政务服务事项网上可办率达到98%以上}，持续优化营商环境。自觉接受人大法律监督、政协民主监督，认真办理代表建议和委员提案。',
    leaders: ['各区政府领导'],
    hosts: ['区司法局', '区行政审批服务局'],
    coGroups: [['区直各部门'], ['各镇街']],
    bold: 'none',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
  {
    number: 24,
    section: '九',
    body: '牢固树立过紧日子思想，{red:“三公”经费只减不增}，从严控制一般性支出，把更多财力用于民生和发展急需领域。年内完成重点财政专项资金绩效评价，推动审计监督全覆盖，精简文件会议，切实为基层松绑减负。',
    leaders: ['程远舟', '罗清禾'],
    hosts: ['区财政局'],
    coGroups: [['区审计局'], ['区直各部门'], ['各镇街']],
    bold: 'hosts',
    deadline: '2026-12-31',
    deadlineText: '年内',
  },
];

export const CLOSING = {
  issuer: ISSUER,
  date: ISSUE_DATE_TEXT,
  publicity: '（此件公开发布）',
  copyTo: '抄送：区委各部门，区人大常委会办公室，区监委，区政协办公室，区人民法院，区人民检察院，临河区人武部。',
  printedBy: '临河区人民政府办公室',
  printedDate: `${ISSUE_DATE_TEXT}印发`,
} as const;

/* ------------------------------------------------------------------ */
/* Unit directory                                                      */
/* ------------------------------------------------------------------ */

export interface DirectoryUnit {
  name: string;
  aliases: string[];
  /** Whether the unit belongs to 区直各部门 / 区直相关部门. */
  department: boolean;
}

/** Towns and subdistricts: the members of 各镇街 and 相关镇街. */
export const TOWNS = ['河东街道', '滨江街道', '望城街道', '柳湾镇', '石门镇', '清溪镇', '双桥镇', '白沙镇'] as const;

/**
 * Every unit the sample names, by canonical name, except one: 国网临河供电公司
 * (task 12) is left out on purpose so that an import with the directory reports
 * an unknown unit.
 */
export const DIRECTORY_UNITS: DirectoryUnit[] = [
  { name: '区发展和改革局', aliases: ['区发改局', '区发展改革局'], department: true },
  { name: '区工业和信息化局', aliases: ['区工信局'], department: true },
  { name: '区科学技术局', aliases: ['区科技局'], department: true },
  { name: '区商务局', aliases: [], department: true },
  { name: '区投资促进中心', aliases: ['区投促中心'], department: true },
  { name: '区财政局', aliases: [], department: true },
  { name: '区金融工作服务中心', aliases: ['区金融中心'], department: true },
  { name: '区数据资源服务中心', aliases: ['区数据中心'], department: true },
  { name: '区自然资源和规划局', aliases: ['区自然资源局', '区自规局'], department: true },
  { name: '区住房和城乡建设局', aliases: ['区住建局', '区住房城乡建设局'], department: true },
  { name: '区交通运输局', aliases: ['区交通局'], department: true },
  { name: '区水利局', aliases: [], department: true },
  { name: '区城市管理局', aliases: ['区城管局'], department: true },
  { name: '区农业农村局', aliases: ['区农业局'], department: true },
  { name: '区人力资源和社会保障局', aliases: ['区人社局', '区人力资源社会保障局'], department: true },
  { name: '区教育和体育局', aliases: ['区教体局'], department: true },
  { name: '区卫生健康局', aliases: ['区卫健局'], department: true },
  { name: '区民政局', aliases: [], department: true },
  { name: '区医疗保障局', aliases: ['区医保局'], department: true },
  { name: '区文化和旅游局', aliases: ['区文旅局'], department: true },
  { name: '区市场监督管理局', aliases: ['区市场监管局'], department: true },
  { name: '区应急管理局', aliases: ['区应急局'], department: true },
  { name: '区司法局', aliases: [], department: true },
  { name: '区审计局', aliases: [], department: true },
  { name: '区行政审批服务局', aliases: ['区审批局', '区行政审批局'], department: true },
  { name: '区消防救援大队', aliases: [], department: true },
  // Only 临河's own short forms: a generic form every district writes for its own branch (区公安分局) would
  // read another district's notice, imported into the demo, as 临河's branch (units stay in their directory).
  { name: '市生态环境局临河分局', aliases: ['临河生态环境分局'], department: true },
  { name: '市公安局临河分局', aliases: ['临河公安分局'], department: true },
  { name: '临河经济开发区管理委员会', aliases: ['临河经开区管委会', '经开区管委会'], department: false },
  { name: '河东新城建设服务中心', aliases: ['河东新城服务中心'], department: false },
  { name: '临河现代农业产业园服务中心', aliases: ['农业产业园服务中心'], department: false },
  { name: '临河城市发展投资集团有限公司', aliases: ['临河城投集团', '城投集团'], department: false },
  ...TOWNS.map((name) => ({ name, aliases: [], department: false })),
];

/** The unit name the directory deliberately lacks. */
export const UNKNOWN_UNIT = '国网临河供电公司';

export const DIRECTORY_GROUPS: { name: string; members: string[] }[] = [
  { name: '各镇街', members: [...TOWNS] },
  { name: '相关镇街', members: [...TOWNS] },
  { name: '区直相关部门', members: DIRECTORY_UNITS.filter((u) => u.department).map((u) => u.name) },
  { name: '区直各部门', members: DIRECTORY_UNITS.filter((u) => u.department).map((u) => u.name) },
];

/* ------------------------------------------------------------------ */
/* Artefacts of the PDF conversion, for the txt only                   */
/* ------------------------------------------------------------------ */

/** How a section heading is printed in the txt. */
export interface TxtHeadingStyle {
  /** Markdown marker before the heading ('## ', '### ', '' …). */
  marker: string;
  /** Bold over the whole heading, over its text up to the first ，, or none. */
  bold: 'all' | 'first-clause' | 'none';
  /** The tail of the title that a page break moves to a line of its own, printed as '## tail'. */
  splitTail?: string;
}

export const TXT_HEADINGS: Record<string, TxtHeadingStyle> = {
  一: { marker: '## ', bold: 'none' },
  二: { marker: '## ', bold: 'all' },
  三: { marker: '### ', bold: 'all' },
  四: { marker: '', bold: 'none' },
  五: { marker: '## ', bold: 'first-clause' },
  六: { marker: '', bold: 'none', splitTail: '现代化' },
  七: { marker: '#### ', bold: 'all' },
  八: { marker: '', bold: 'all' },
  九: { marker: '### ', bold: 'none' },
};

/**
 * Page breaks the PDF conversion leaves inside paragraphs, as a blank line.
 * `in` names the paragraph (task number, or 'intro' / 'general' / 'headline');
 * `at` is a unique piece of its printed text with '|' where the page ends.
 * After a short first page (the title block fills most of it) they fall
 * about every 1,400 characters. The split heading of section 六 is a line
 * wrap inside a two-line heading, not a page end.
 */
export const TXT_PAGE_BREAKS: { in: number | 'intro' | 'general' | 'headline'; at: string }[] = [
  { in: 'general', at: '乡村振兴、绿色转|型' },
  { in: 5, at: '（牵|头领导' },
  { in: 12, at: '新建口袋公园12|处' },
  { in: 18, at: '再生资源处理能|力' },
];

/** Tasks whose number is followed by a space in the txt ("15. 稳定…"). */
export const TXT_SPACED_NUMBERS: number[] = [15];

/* ------------------------------------------------------------------ */
/* Rendering helpers shared by the generators and the expectations     */
/* ------------------------------------------------------------------ */

const KIND_CODES: Record<string, TargetKind> = {
  inc: 'increment',
  tot: 'total',
  gr: 'growth_rate',
  cnt: 'count',
  lvl: 'level',
  red: 'reduction',
  oth: 'other',
};

const TARGET_MARK = /\{(\w+):([^{}]+)\}/g;

/** The body as printed: target marks removed. */
export function plainBody(task: SampleTask): string {
  return task.body.replace(TARGET_MARK, (_m, _code: string, clause: string) => clause);
}

/** The targets marked in a task body, in order. */
export function markedTargets(task: SampleTask): { text: string; kind: TargetKind }[] {
  const out: { text: string; kind: TargetKind }[] = [];
  for (const m of task.body.matchAll(TARGET_MARK)) {
    const code = m[1] ?? '';
    const kind = KIND_CODES[code];
    if (!kind) throw new Error(`task ${task.number}: unknown target code ${code}`);
    out.push({ text: m[2] ?? '', kind });
  }
  return out;
}

/** A piece of the annotation, bold where the notice prints it bold. */
export interface Segment {
  text: string;
  bold: boolean;
}

/** The responsibility annotation as segments: `（牵头领导：…。承办单位：…）`. */
export function annotationSegments(task: SampleTask): Segment[] {
  const p: AnnotationPunctuation = {
    open: '（',
    close: '）',
    leaderColon: '：',
    unitColon: '：',
    ...task.punctuation,
  };
  const hostText = task.hosts.join('、');
  let coText = '';
  task.coGroups.forEach((group, i) => {
    coText += (p.groupSeparators?.[i] ?? '，') + group.join('、');
  });
  const head = `${p.open}牵头领导${p.leaderColon}${task.leaders.join('、')}。承办单位${p.unitColon}`;
  const note = task.number === 1 ? `。${BOLD_NOTE}。` : '';
  const tail = `${note}${p.close}`;
  switch (task.bold) {
    case 'hosts':
      return [
        { text: head, bold: false },
        { text: hostText, bold: true },
        { text: coText + tail, bold: false },
      ];
    case 'all':
      return [
        { text: head, bold: false },
        { text: hostText + coText, bold: true },
        { text: tail, bold: false },
      ];
    case 'none':
      return [{ text: head + hostText + coText + tail, bold: false }];
  }
}

/** The deadline as the 完成时限 column of the table shows it. */
export function deadlineColumn(task: SampleTask): string {
  if (task.deadlineText === '年内') return '年内';
  const month = Number(task.deadline.slice(5, 7));
  return `${SAMPLE_YEAR}年${month}月底`;
}

/* ------------------------------------------------------------------ */
/* What an importer must read                                          */
/* ------------------------------------------------------------------ */

export interface ExpectedTask {
  number: number;
  section: string;
  leaders: string[];
  /** As written in the notice, before alias resolution. */
  hostUnits: string[];
  /** As written in the notice, before alias resolution. */
  coUnits: string[];
  targetCount: number;
  targets: { text: string; kind: TargetKind }[];
  deadline: string;
  deadlineText: string;
}

export const EXPECTED_TASKS: ExpectedTask[] = TASKS.map((t) => {
  const targets = markedTargets(t);
  return {
    number: t.number,
    section: t.section,
    leaders: [...t.leaders],
    hostUnits: [...t.hosts],
    coUnits: t.coGroups.flat(),
    targetCount: targets.length,
    targets,
    deadline: t.deadline,
    deadlineText: t.deadlineText,
  };
});

/** Facts of the notice as the txt and the docx give them. */
export const EXPECTED_PLAN = {
  docNumber: DOC_NUMBER,
  issuer: ISSUER,
  date: ISSUE_DATE,
  year: SAMPLE_YEAR,
  title: TITLE,
  headlineTargets: HEADLINE_TARGETS.map(({ text, metric, kind, value, unit, qualifiers }) => ({
    text,
    metric,
    kind,
    value,
    unit,
    qualifiers: [...qualifiers],
  })),
  sections: SECTIONS.map((s) => ({ number: s.number, title: s.title })),
  tasks: EXPECTED_TASKS,
};

/** The table's own title; the table carries no document number, issuer or date. */
export const XLSX_TITLE = '临河区2026年政府工作报告重点任务分解表';

/** What the xlsx gives; the tasks are the same as EXPECTED_TASKS. */
export const EXPECTED_XLSX_PLAN = {
  docNumber: null,
  issuer: null,
  date: null,
  year: SAMPLE_YEAR,
  title: XLSX_TITLE,
  headlineTargets: EXPECTED_PLAN.headlineTargets,
  sections: EXPECTED_PLAN.sections,
  tasks: EXPECTED_TASKS,
};

/** The unit name an import with samples/units.json must report as unknown. */
export const EXPECTED_UNKNOWN_UNITS = [UNKNOWN_UNIT];
