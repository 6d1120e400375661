import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TARGET_KINDS, type Target } from '../../src/domain/plan.js';
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

  it('counts sums handed out, and things done after 完成', () => {
    expect(read('发放稳岗补贴3500万元，完成智能化改造项目45项。')).toEqual([
      target('count', 3500, '万元', '稳岗补贴'),
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

  it('counts physical work (公里, 座) with the metric before the number', () => {
    expect(read('维修涵洞12座，更换供热管道2.5公里。')).toEqual([target('count', 12, '座', '涵洞'), target('count', 2.5, '公里', '供热管道')]);
  });

  it('keeps a list of short names as one metric and strips compound verbs', () => {
    expect(read('新建改扩建小学、幼儿园6所，改造提升农村道路85公里，建成投运换电站3座。')).toEqual([
      target('count', 6, '所', '小学、幼儿园'),
      target('count', 85, '公里', '农村道路'),
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
