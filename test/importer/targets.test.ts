import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TARGET_KINDS, TARGET_SCOPES, type Target } from '../../src/domain/plan.js';
import { extractTargets } from '../../src/importer/targets.js';

/** The fields most tests look at, without the clause text. */
const brief = (t: Target): Omit<Target, 'text'> => ({
  metric: t.metric,
  kind: t.kind,
  value: t.value,
  unit: t.unit,
  qualifiers: t.qualifiers,
});
const read = (text: string): Omit<Target, 'text'>[] => extractTargets(text).map(brief);
const target = (kind: Target['kind'], value: number | null, unit: string | null, metric: string, qualifiers: string[] = []) => ({
  metric,
  kind,
  value,
  unit,
  qualifiers,
});

describe('extractTargets: increments, totals and growth', () => {
  it('carries the metric along a 、 chain', () => {
    expect(read('年内新增产值80亿元、突破150亿元。')).toEqual([target('increment', 80, '亿元', '产值'), target('total', 150, '亿元', '产值')]);
  });

  it('reads a growth rate with its metric and qualifier', () => {
    expect(read('智能制造产业营收增长12%以上。')).toEqual([target('growth_rate', 12, '%', '智能制造产业营收', ['以上'])]);
  });

  it('carries a size metric to a growth rate in the same chain', () => {
    expect(read('文旅产业规模突破60亿元、增长8%以上。')).toEqual([
      target('total', 60, '亿元', '文旅产业规模'),
      target('growth_rate', 8, '%', '文旅产业规模', ['以上']),
    ]);
  });

  it('tells counts, net increments and totals apart', () => {
    expect(read('力争认定创新型中小企业160家，净增专精特新企业18家、总量突破90家。')).toEqual([
      target('count', 160, '家', '创新型中小企业', ['力争']),
      target('increment', 18, '家', '专精特新企业'),
      target('total', 90, '家', '专精特新企业'),
    ]);
  });

  it('gives the parts after 其中 the kind and qualifiers of the whole', () => {
    expect(read('力争新增融资80亿元，其中绿色信贷20亿元、普惠贷款6亿元。')).toEqual([
      target('increment', 80, '亿元', '融资', ['力争']),
      target('increment', 20, '亿元', '绿色信贷', ['力争']),
      target('increment', 6, '亿元', '普惠贷款', ['力争']),
    ]);
  });

  it('reads totals after 完成, 实现 and 达', () => {
    expect(read('力争完成投资45亿元、实现营收320亿元，外贸进出口额达180亿元。')).toEqual([
      target('total', 45, '亿元', '投资', ['力争']),
      target('total', 320, '亿元', '营收', ['力争']),
      target('total', 180, '亿元', '外贸进出口额'),
    ]);
  });

  it('reads percentage points and tolerates stray spaces', () => {
    expect(read('研发投入强度提高0.2个百分点，GDP 增长 5.5% 左右。')).toEqual([
      target('growth_rate', 0.2, '个百分点', '研发投入强度'),
      target('growth_rate', 5.5, '%', 'GDP', ['左右']),
    ]);
  });

  it('treats new jobs as an increment and keeps 确保 and 以上', () => {
    expect(read('确保新增城镇就业3200人以上。')).toEqual([target('increment', 3200, '人', '城镇就业', ['确保', '以上'])]);
  });

  it('carries the metric over a conjunction between two rates', () => {
    expect(read('城乡居民人均可支配收入分别增长5%和6.5%。')).toEqual([
      target('growth_rate', 5, '%', '城乡居民人均可支配收入'),
      target('growth_rate', 6.5, '%', '城乡居民人均可支配收入'),
    ]);
  });

  it('reads a ceiling as other, and other units of money and weight', () => {
    expect(read('城镇调查失业率控制在5%以内，实际使用外资达到2.3亿美元，粮食总产稳定在8亿斤以上。')).toEqual([
      target('other', 5, '%', '城镇调查失业率', ['以内']),
      target('total', 2.3, '亿美元', '实际使用外资'),
      target('total', 8, '亿斤', '粮食总产', ['以上']),
    ]);
  });

  it('reads sums handed out as increments, and counts things done after 完成', () => {
    expect(read('发放稳岗补贴3500万元，完成智能化改造项目45项。')).toEqual([
      target('increment', 3500, '万元', '稳岗补贴'),
      target('count', 45, '项', '智能化改造项目'),
    ]);
  });

  it('keeps an indicator that holds a kind word whole', () => {
    expect(read('城镇新增就业6100人以上。')).toEqual([target('increment', 6100, '人', '城镇新增就业', ['以上'])]);
  });
});

describe('extractTargets: counts', () => {
  it('reads the metric before the number', () => {
    expect(read('举办招商推介活动25场以上，新建社区卫生服务站6家。')).toEqual([
      target('count', 25, '场', '招商推介活动', ['以上']),
      target('count', 6, '家', '社区卫生服务站'),
    ]);
  });

  it('reads the metric after the unit when a noun follows the number', () => {
    expect(read('新建4处口袋公园，推动云栖装备、和丰材料等18个项目签约落地。')).toEqual([
      target('count', 4, '处', '口袋公园'),
      target('count', 18, '个', '项目'),
    ]);
  });

  it('counts things (座) and reads measures of work (公里) as the level reached, the metric before the number', () => {
    expect(read('维修涵洞12座，更换供热管道2.5公里。')).toEqual([target('count', 12, '座', '涵洞'), target('total', 2.5, '公里', '供热管道')]);
  });

  it('keeps a list of short names as one metric and strips compound verbs', () => {
    expect(read('新建改扩建小学、幼儿园6所，改造提升农村道路85公里，建成投运换电站3座。')).toEqual([
      target('count', 6, '所', '小学、幼儿园'),
      target('total', 85, '公里', '农村道路'),
      target('count', 3, '座', '换电站'),
    ]);
  });

  it('keeps the head noun after 等 and reads two numbers in one clause', () => {
    expect(read('谋划储备城市更新、生态保护等领域项目120个，依托8家龙头企业开展供需对接活动12场以上。')).toEqual([
      target('count', 120, '个', '领域项目'),
      target('count', 8, '家', '龙头企业'),
      target('count', 12, '场', '供需对接活动', ['以上']),
    ]);
  });

  it('shares a head noun along a chain of levels (1个国家级、2个省级平台)', () => {
    expect(read('建设1个国家级、2个省级创新平台。')).toEqual([target('count', 1, '个', '国家级创新平台'), target('count', 2, '个', '省级创新平台')]);
  });

  it('reads a quoted name as the metric of the number after it', () => {
    expect(read('打造“千亩园”8个、“万亩带”2个。')).toEqual([target('count', 8, '个', '千亩园'), target('count', 2, '个', '万亩带')]);
  });

  it('keeps 余 and 多 as qualifiers', () => {
    expect(read('培育新型经营主体30余家，改造老旧厂房10多处。')).toEqual([
      target('count', 30, '家', '新型经营主体', ['余']),
      target('count', 10, '处', '老旧厂房', ['多']),
    ]);
  });

  it('reads Chinese numerals that follow a verb', () => {
    expect(read('再打造两个省级示范村，培育三家龙头企业，新建一百五十个充电桩。')).toEqual([
      target('count', 2, '个', '省级示范村'),
      target('count', 3, '家', '龙头企业'),
      target('count', 150, '个', '充电桩'),
    ]);
  });
});

describe('extractTargets: levels, capacities and reductions', () => {
  it('reads a cluster level as hundreds of millions of yuan', () => {
    expect(read('纺织服装产业瞄准千亿级目标，打造二百亿级园区。')).toEqual([
      target('level', 1000, '亿元', '纺织服装产业'),
      target('level', 200, '亿元', '园区'),
    ]);
  });

  it('counts clusters of a level once, keeping the level in the metric', () => {
    expect(read('培育2个五百亿级、1个百亿级产业集群。')).toEqual([target('count', 2, '个', '五百亿级产业集群'), target('count', 1, '个', '百亿级产业集群')]);
  });

  it('keeps capacities before a name as `other`, with their units', () => {
    expect(read('力促12GWh动力电池项目竣工投产，200MW风电项目并网运营，年产45万吨再生纸项目开工建设。')).toEqual([
      target('other', 12, 'GWh', '动力电池项目'),
      target('other', 200, 'MW', '风电项目'),
      target('other', 45, '万吨', '再生纸项目'),
    ]);
  });

  it('reads a sum before a name as describing it', () => {
    expect(read('招引5000万元以上项目40个。')).toEqual([target('other', 5000, '万元', '项目', ['以上']), target('count', 40, '个', '项目')]);
  });

  it('keeps 及以下 with a threshold', () => {
    expect(read('淘汰35蒸吨及以下燃气锅炉。')).toEqual([target('other', 35, '蒸吨', '燃气锅炉', ['及以下'])]);
  });

  it('reads reductions with and without a number', () => {
    expect(read('一般性支出只减不增，“两项”费用只减不增，单位产值能耗下降4%。')).toEqual([
      target('reduction', null, null, '一般性支出'),
      target('reduction', null, null, '两项费用'),
      target('reduction', 4, '%', '单位产值能耗'),
    ]);
  });
});

/** Value, unit, scope and measured: what tells a year's promise from the numbers that frame it. */
const scoped = (text: string, year: number | null = 2026) =>
  extractTargets(text, { year }).map((t) => ({ metric: t.metric, value: t.value, unit: t.unit, scope: t.scope, measured: t.measured }));
const is = (scope: Target['scope'], value: number | null, unit: string | null, metric: string) => ({
  metric,
  value,
  unit,
  scope,
  measured: scope === 'annual',
});

describe('extractTargets: what a target is (scope), and only annual ones are measured', () => {
  it('reads a level after an aiming verb, and things counted by their level, as long-term aims', () => {
    expect(scoped('冶金产业瞄准五百亿级目标，打造2个百亿级产业园，年内新增营收30亿元。')).toEqual([
      is('long_term', 500, '亿元', '冶金产业'),
      is('long_term', 2, '个', '百亿级产业园'),
      is('annual', 30, '亿元', '冶金产业营收'),
    ]);
    expect(scoped('培育千亿级产业集群1个。')).toEqual([is('long_term', 1, '个', '千亿级产业集群')]);
    // The verb before a chain of levels aims at each of them.
    expect(scoped('锚定千亿级冶金、五百亿级纺织产业集群。').map((t) => t.scope)).toEqual(['long_term', 'long_term']);
  });

  it('reads a sentence with a horizon beyond the plan year as long-term, and one within it as annual', () => {
    expect(scoped('到2028年，数字经济核心产业增加值突破300亿元；年内新建5G基站400个。')).toEqual([
      is('long_term', 300, '亿元', '数字经济核心产业增加值'),
      is('annual', 400, '个', '5G基站'),
    ]);
    expect(scoped('到2026年底，新建充电桩200个。')).toEqual([is('annual', 200, '个', '充电桩')]);
    expect(scoped('展望“十五五”末，园区营收突破500亿元。')).toEqual([is('long_term', 500, '亿元', '园区营收')]);
    expect(scoped('锚定营收500亿元目标。')).toEqual([is('long_term', 500, '亿元', '营收')]);
  });

  it('reads capacities: after 年产 or 装机, and a capacity before the thing it sizes', () => {
    expect(scoped('力促年产20万吨再生铝项目、8GWh动力电池项目竣工投产，风电装机容量达到30万千瓦，粮食年产量稳定在6亿斤。')).toEqual([
      is('capacity', 20, '万吨', '再生铝项目'),
      is('capacity', 8, 'GWh', '动力电池项目'),
      is('capacity', 30, '万千瓦', '风电装机容量'),
      is('annual', 6, '亿斤', '粮食年产量'),
    ]);
  });

  it('reads a unit per year as a capacity', () => {
    expect(scoped('硫酸装置规模达到20万吨/年，产量增长5%。')).toEqual([is('capacity', 20, '万吨', '硫酸装置规模'), is('annual', 5, '%', '产量')]);
  });

  it('reads capacity added within the year as the year’s promise', () => {
    expect(scoped('新增光伏装机容量45MW。')).toEqual([is('annual', 45, 'MW', '光伏装机容量')]);
  });

  it('reads project specifications: 总投资, 占地, 建筑面积 and a sum before the project it sizes', () => {
    expect(scoped('总投资35亿元的智能制造产业园开工建设，项目占地420亩、建筑面积16万平方米，招引投资5亿元以上项目12个，全年完成投资90亿元。')).toEqual([
      is('project', 35, '亿元', '智能制造产业园'),
      is('project', 420, '亩', '项目占地'),
      is('project', 16, '万平方米', '建筑面积'),
      is('project', 5, '亿元', '项目'),
      is('annual', 12, '个', '项目'),
      is('annual', 90, '亿元', '投资'),
    ]);
  });

  it('reads a size class as a scale, and a size to reach by the year’s end as annual', () => {
    expect(scoped('建材产业规模达到三百亿级，新材料产业规模突破260亿元，形成80亿元规模的物流集群。')).toEqual([
      is('scale', 300, '亿元', '建材产业规模'),
      is('annual', 260, '亿元', '新材料产业规模'),
      is('scale', 80, '亿元', '物流集群'),
    ]);
  });

  it('reads a level written with its unit once', () => {
    expect(extractTargets('园区产值规模达500亿元级。', { year: 2026 })).toMatchObject([
      { kind: 'level', value: 500, unit: '亿元', scope: 'scale', measured: false },
    ]);
  });

  it('does without the year: only its words make a target long-term', () => {
    expect(scoped('到2030年，新建充电桩900个；远景目标：营收突破800亿元。', null)).toEqual([
      is('annual', 900, '个', '充电桩'),
      is('long_term', 800, '亿元', '营收'),
    ]);
  });
});

describe('extractTargets: metrics named with their subject', () => {
  it('keeps each industry with its metric in one clause', () => {
    expect(read('光伏产业新增营收65亿元、生物制药产业新增营收28亿元。')).toEqual([
      target('increment', 65, '亿元', '光伏产业营收'),
      target('increment', 28, '亿元', '生物制药产业营收'),
    ]);
  });

  it('lends the subject of a clause to the bare metrics after it', () => {
    expect(read('纺织产业营收增长8%、利润增长5%，化工产业营收增长6%。')).toEqual([
      target('growth_rate', 8, '%', '纺织产业营收'),
      target('growth_rate', 5, '%', '纺织产业利润'),
      target('growth_rate', 6, '%', '化工产业营收'),
    ]);
    expect(read('产业园区营收增长8%、税收增长6%。').map((t) => t.metric)).toEqual(['产业园区营收', '产业园区税收']);
  });

  it('names bare metrics with the subject that opens their passage, up to the full stop', () => {
    expect(
      read(
        '冶金产业瞄准五百亿级目标，推进精密铸件项目竣工投产；加快补链延链，年内新增营收30亿元、突破180亿元。纺织产业，推进印染园区提档升级，营收增长9%。营收增长7%。',
      ),
    ).toEqual([
      target('level', 500, '亿元', '冶金产业'),
      target('increment', 30, '亿元', '冶金产业营收'),
      target('total', 180, '亿元', '冶金产业营收'),
      target('growth_rate', 9, '%', '纺织产业营收'),
      target('growth_rate', 7, '%', '营收'),
    ]);
  });

  it('names a park’s investment and revenue after the park', () => {
    expect(read('经济开发区围绕打造省级特色园区，力争完成投资80亿元、实现营收420亿元。')).toEqual([
      target('total', 80, '亿元', '经济开发区投资', ['力争']),
      target('total', 420, '亿元', '经济开发区营收', ['力争']),
    ]);
  });

  it('takes no subject from a clause that opens with a verb, nor lends one to a metric that is not bare', () => {
    expect(read('做强先进制造业，营收增长9%。')).toEqual([target('growth_rate', 9, '%', '营收')]);
    expect(read('现代物流业，推动冷链仓储建设，新建冷库6座。')).toEqual([target('count', 6, '座', '冷库')]);
  });

  it('never leaves a metric empty, nor keeps an outline marker or a date in it', () => {
    expect(read('全年5家。')).toEqual([target('count', 5, '家', '指标')]);
    expect(read('地区生产总值增长6%左右。（二）一般公共预算收入增长5%。')).toEqual([
      target('growth_rate', 6, '%', '地区生产总值', ['左右']),
      target('growth_rate', 5, '%', '一般公共预算收入'),
    ]);
    expect(read('2026年底前完成改造老旧小区20个，单位产值能耗较2025年下降3%。')).toEqual([
      target('count', 20, '个', '老旧小区'),
      target('reduction', 3, '%', '单位产值能耗'),
    ]);
    expect(read('1、粮食播种面积稳定在46万亩；2、化学需氧量排放较2025年削减2%，税收收入同口径增长5%。')).toEqual([
      target('total', 46, '万亩', '粮食播种面积'),
      target('reduction', 2, '%', '化学需氧量排放'),
      target('growth_rate', 5, '%', '税收收入'),
    ]);
  });
});

describe('extractTargets: money is never a count', () => {
  it('reads sums obtained or lent as increments, and a level reached as a total', () => {
    expect(read('全年争取上级资金30亿元，发放贴息贷款5000万元，实际到位资金突破40亿元。')).toEqual([
      target('increment', 30, '亿元', '上级资金'),
      target('increment', 5000, '万元', '贴息贷款'),
      target('total', 40, '亿元', '实际到位资金'),
    ]);
  });

  it('never types an amount of money as a count, whatever its clause', () => {
    const texts = [
      '引进社会资本12亿元。',
      '兑现惠企资金8000万元，其中奖补资金2000万元。',
      '带动民间投资60亿元以上。',
      '筹集保障资金1.2亿元、配套资金3000万元。',
    ];
    for (const t of texts.flatMap((x) => extractTargets(x))) {
      expect(t.unit).toMatch(/元$/);
      expect(t.kind, t.text).not.toBe('count');
    }
  });

  it('reads the same metric and value once from one clause', () => {
    expect(read('改造老旧小区15个（改造老旧小区15个）。')).toEqual([target('count', 15, '个', '老旧小区')]);
    expect(read('净增专精特新企业10家、总量突破10家。')).toEqual([target('increment', 10, '家', '专精特新企业'), target('total', 10, '家', '专精特新企业')]);
  });
});

describe('extractTargets: what is not a target', () => {
  it.each([
    '2026年6月底前全面完成。',
    '推进一期、三期工程建设。',
    '构建“1+5”现代产业体系。',
    '实现“十五五”良好开局。',
    '保持全市第一梯队，学习贯彻党的二十大精神。',
    '严格落实中央八项规定精神。',
    '通过一件事、一个机制，温暖一座城。',
    '启动“五个一”工程，开展“三下乡”活动。',
    '打造百亩田示范。',
    '落地过亿元项目，推动G20配套。',
  ])('finds none in %s', (text) => {
    expect(extractTargets(text)).toEqual([]);
  });
});

describe('extractTargets: the text of a target', () => {
  it('is the 、 segment of the number, back to the segment that named a carried metric', () => {
    const ts = extractTargets('聚焦主业，年内新增产值80亿元、突破150亿元；培育链主企业5家、配套企业40家，开展培训活动6场。');
    expect(ts.map((t) => t.text)).toEqual(['年内新增产值80亿元', '年内新增产值80亿元、突破150亿元', '培育链主企业5家', '配套企业40家', '开展培训活动6场']);
  });
});

const PIECES = [
  ...'0123456789.%，。；：、“”‘’《》（）其中 \n',
  ...'一二两三四五六七八九十百千万亿〇零第期级个家场处座户人元吨',
  '亿元',
  '万元',
  '万吨',
  'GWh',
  'MW',
  '蒸吨',
  '公里',
  '以上',
  '及以下',
  '左右',
  '力争',
  '确保',
  '新增',
  '净增',
  '突破',
  '增长',
  '下降',
  '只减不增',
  '千亿级',
  '二百亿级',
  '打造',
  '新建',
  '举办',
  '等',
  '营收',
  '项目',
  '企业',
];

describe('extractTargets: robustness', () => {
  const check = (s: string): void => {
    for (const t of extractTargets(s)) {
      expect(TARGET_KINDS).toContain(t.kind);
      expect(TARGET_SCOPES).toContain(t.scope);
      expect(t.measured).toBe(t.scope === 'annual');
      expect(t.metric).not.toBe('');
      expect(t.value === null).toBe(t.unit === null);
      if (t.value !== null) expect(Number.isFinite(t.value)).toBe(true);
      expect(s).toContain(t.text);
    }
  };

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), check));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), check));
  });

  it('never throws on strings of notice-like pieces', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 60 }), check), { numRuns: 500 });
  });

  it('reads a notice-sized text fast enough', () => {
    const paragraph =
      '坚持项目为王，围绕主导产业延链补链，推动云栖装备、和丰材料等重点项目加快建设，“金秋”系列活动持续开展，' +
      '力争新增营收140亿元、突破200亿元，举办促消费活动30场以上，一般性支出只减不增。';
    const long = paragraph.repeat(Math.ceil(30_000 / paragraph.length));
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      expect(extractTargets(long)).toHaveLength(4 * Math.ceil(30_000 / paragraph.length));
      times.push(performance.now() - started);
    }
    // A bound against quadratic scans, generous for loaded test machines; warm, it takes a few milliseconds.
    expect(Math.min(...times)).toBeLessThan(50);
  });
});
