import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { extractProjects } from '../../src/importer/projects.js';
import { PROJECT_STAGES } from '../../src/domain/plan.js';

const names = (text: string): string[] => extractProjects(text).map((p) => p.name);

describe('extractProjects', () => {
  it('shares the 项目 suffix over a 、 list', () => {
    expect(extractProjects('推进甲乙新材料、丙丁装备、戊己电子项目竣工投产')).toEqual([
      { name: '甲乙新材料项目', stage: '竣工投产' },
      { name: '丙丁装备项目', stage: '竣工投产' },
      { name: '戊己电子项目', stage: '竣工投产' },
    ]);
  });

  it('strips leading verbs and keeps quantities', () => {
    expect(extractProjects('力促年产50万吨青禾纸浆项目开工建设')).toEqual([{ name: '年产50万吨青禾纸浆项目', stage: '开工建设' }]);
    expect(extractProjects('全力推进恒远公司年产10万吨二期项目满产达产')).toEqual([{ name: '恒远公司年产10万吨二期项目', stage: '满产达产' }]);
  });

  it('keeps the distinguishing words of phased items', () => {
    expect(names('推进一期12万吨隔膜、二期6万吨电解液项目满产达产，三期9万吨隔膜项目开工建设')).toEqual([
      '一期12万吨隔膜项目',
      '二期6万吨电解液项目',
      '三期9万吨隔膜项目',
    ]);
  });

  it('adds no suffix when the list has none', () => {
    expect(extractProjects('明川生物技术研究院建成启用')).toEqual([{ name: '明川生物技术研究院', stage: '建成启用' }]);
    expect(names('推动云杉数字产业园、蓝湾冷链基地投入运营')).toEqual(['云杉数字产业园', '蓝湾冷链基地']);
    expect(names('推动翠湖小区、河湾社区竣工上房')).toEqual(['翠湖小区', '河湾社区']);
  });

  it('drops "等N个…项目" but keeps its head noun on the names', () => {
    expect(extractProjects('推动云岭冷链物流园、星港智慧仓储中心等6个物流项目加快建设')).toEqual([
      { name: '云岭冷链物流园项目', stage: '加快建设' },
      { name: '星港智慧仓储中心项目', stage: '加快建设' },
    ]);
    expect(names('促成青松轴承、白桦纺织等9个项目签约建设')).toEqual(['青松轴承项目', '白桦纺织项目']);
    expect(names('推动东辰、西岭等4个充电站投入运营')).toEqual(['东辰充电站', '西岭充电站']);
  });

  it('shares another head noun only with short names that lack one', () => {
    expect(names('支持东湖、西湖海外仓年内开仓运营')).toEqual(['东湖海外仓', '西湖海外仓']);
    expect(names('青山、绿水、远帆生产线完成改造')).toEqual(['青山生产线', '绿水生产线', '远帆生产线']);
    expect(names('推进棉纸、麻纸“数字车间”投入使用')).toEqual(['棉纸“数字车间”', '麻纸“数字车间”']);
  });

  it('ignores generic activities without a name', () => {
    expect(extractProjects('基础设施完成改造')).toEqual([]);
    expect(extractProjects('生产线完成改造')).toEqual([]);
    expect(extractProjects('统筹9个市重点项目开工建设')).toEqual([]);
    expect(extractProjects('重点实验室建成启用')).toEqual([]);
    expect(extractProjects('加快建设区域消费中心，推动减税措施落地')).toEqual([]);
    expect(extractProjects('持续推进金穗农机产业园项目，筹划后续项目')).toEqual([]);
  });

  it('reads several stages in one clause', () => {
    expect(extractProjects('推进北辰电子项目竣工投产、南岭化工项目开工建设')).toEqual([
      { name: '北辰电子项目', stage: '竣工投产' },
      { name: '南岭化工项目', stage: '开工建设' },
    ]);
    expect(extractProjects('推进禾丰饲料项目扩大产能，嘉木家居项目加快建设')).toEqual([
      { name: '禾丰饲料项目', stage: '扩大产能' },
      { name: '嘉木家居项目', stage: '加快建设' },
    ]);
  });

  it('reads the stage before the names when they end in 项目 or 工程', () => {
    expect(extractProjects('力争年内开工建设华岳智能装备产业园项目、东港码头二期工程')).toEqual([
      { name: '华岳智能装备产业园项目', stage: '开工建设' },
      { name: '东港码头二期工程', stage: '开工建设' },
    ]);
  });

  it('splits on 和/及 only where it clearly separates items', () => {
    expect(names('推进宏泰、金川和瑞丰项目竣工投产')).toEqual(['宏泰项目', '金川项目', '瑞丰项目']);
    expect(names('推进美和居家纺项目竣工投产')).toEqual(['美和居家纺项目']);
    expect(names('力促年产20万吨硫酸及余热回收、8万吨钛白粉项目竣工投产')).toEqual(['年产20万吨硫酸及余热回收项目', '8万吨钛白粉项目']);
    expect(names('推动北坡水库项目及南坡泵站工程开工建设')).toEqual(['北坡水库项目', '南坡泵站工程']);
  });

  it('drops time words and adverbs next to the stage', () => {
    expect(extractProjects('确保云帆电子项目6月底前全面竣工投产')).toEqual([{ name: '云帆电子项目', stage: '竣工投产' }]);
    expect(names('推动青岚光伏项目年内实现并网运营')).toEqual(['青岚光伏项目']);
  });

  it('starts the names after the last sentence verb of the clause', () => {
    expect(names('围绕培育百亿级集群推进天河精工项目落地建设')).toEqual(['天河精工项目']);
  });

  it('accepts single-verb stages only after 项目 or 工程', () => {
    expect(extractProjects('启明光伏项目并网')).toEqual([{ name: '启明光伏项目', stage: '并网运营' }]);
    expect(extractProjects('优化建成区绿化，推动减税措施落地')).toEqual([]);
  });

  it('maps unusual phrases to the closest stage or 其他', () => {
    expect(extractProjects('远景大厦项目主体封顶')).toEqual([{ name: '远景大厦项目', stage: '其他' }]);
    expect(extractProjects('推进中和医院新院区建成投用')).toEqual([{ name: '中和医院新院区', stage: '建成启用' }]);
  });

  it('tolerates stray spaces and removes duplicates', () => {
    expect(names('推进 云帆 电子 项目 竣工投产')).toEqual(['云帆电子项目']);
    expect(names('推进云帆电子项目竣工投产。推进云帆电子项目竣工投产')).toEqual(['云帆电子项目']);
  });

  it('returns nothing for text without stages', () => {
    expect(extractProjects('')).toEqual([]);
    expect(extractProjects('组织校企对接会8场，培育示范企业3家。')).toEqual([]);
  });

  it('never throws, and every project is a known stage with a name from the text', () => {
    const unit = fc.constantFrom(...'推进、和及等项目工程生产线年内6月底前竣工投产开工建设加快建设甲乙丙丁，。“”个5 '.split(''));
    const text = fc.oneof(fc.string(), fc.string({ unit, maxLength: 80 }));
    fc.assert(
      fc.property(text, (t) => {
        for (const p of extractProjects(t)) {
          expect(PROJECT_STAGES).toContain(p.stage);
          expect(p.name.length).toBeGreaterThan(1);
          expect(p.name.length).toBeLessThanOrEqual(t.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stays linear on long inputs', () => {
    const long = '推进甲乙电子、丙丁材料项目竣工投产，'.repeat(1700);
    const started = performance.now();
    expect(extractProjects(long)).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
