/**
 * A realistic bulletin for 2026年3月 of the (fictional) 临河区 plan: what the
 * bulletin service would gather from a quarter of reports. Shared by the
 * document tests and the bulletin module's tests; every name is invented.
 */
import type { BulletinContent, BulletinTask } from '../../src/documents/bulletin-content.js';

const lagging: BulletinTask[] = [
  {
    number: 1,
    title: '锚定千亿级新能源材料、二百亿级高端装备两大产业集群',
    hostUnits: ['区工业和信息化局'],
    leaders: ['闵晓川'],
    light: 'red',
    progress: '完成 12%，时间进度 25%',
    reason: '星衡新能源锂电正极材料二期项目环评批复未按期取得，设备进场推迟。',
  },
  {
    number: 12,
    title: '社会消费品零售总额增长6%左右',
    hostUnits: ['区商务局'],
    leaders: ['唐若溪'],
    light: 'yellow',
    progress: '完成 19%，时间进度 25%',
    reason: '一季度汽车、家电消费回落，促消费活动尚未全面铺开。',
  },
  {
    number: 23,
    title: '实施老旧小区改造，年内改造老旧小区32个',
    hostUnits: ['区住房和城乡建设局', '河东新城建设服务中心'],
    leaders: ['邵明远'],
    light: 'yellow',
    progress: '完成 18%，时间进度 25%',
    reason: '部分小区居民意见尚未统一，施工方案仍在征求意见。',
  },
];

const goodExamples: BulletinTask[] = [
  {
    number: 5,
    title: '实施高新技术企业倍增计划，净增高新技术企业30家',
    hostUnits: ['区科学技术局'],
    leaders: ['闵晓川'],
    light: 'green',
    progress: '完成 40%，时间进度 25%',
    reason: '提前开展高企培育辅导，一季度已完成申报预审12家。',
  },
  {
    number: 7,
    title: '实施“临河英才”计划，年内引育高层次人才60人',
    hostUnits: ['区人力资源和社会保障局'],
    leaders: ['唐若溪'],
    light: 'green',
    progress: '完成 35%，时间进度 25%',
    reason: '春季招才引智活动成效明显，已引进高层次人才21人。',
  },
];

export const sampleBulletin: BulletinContent = {
  issuer: '临河区人民政府办公室',
  documentNumber: '临河督查通报〔2026〕3号',
  title: '关于2026年3月政府工作报告重点任务推进情况的通报',
  recipients: '各镇人民政府、街道办事处，区政府各部门、各直属机构',
  period: '2026-03',
  periodLabel: '2026年3月',
  asOf: '2026-03-31',
  date: '2026-04-03',
  plan: { id: 1, title: '2026年《政府工作报告》重点任务分解', year: 2026 },
  timeProgress: 0.247,
  summary: {
    tasks: 39,
    lights: { green: 27, yellow: 6, red: 2, none: 4 },
    completed: 1,
    targetsReported: 58,
    targetsOnPace: 44,
    reportsOwed: 39,
    reportsOnTime: 33,
    reportsLate: 4,
  },
  sections: [
    { number: '一', title: '2026年主要预期目标', tasks: 8, lights: { green: 5, yellow: 2, red: 0, none: 1 } },
    { number: '二', title: '坚持产业强区，加快构建现代化产业体系', tasks: 4, lights: { green: 2, yellow: 1, red: 1, none: 0 } },
    { number: '三', title: '坚持创新驱动，培育壮大新质生产力', tasks: 5, lights: { green: 5, yellow: 0, red: 0, none: 0 } },
    { number: '四', title: '坚持投资消费双轮驱动，持续扩大有效需求', tasks: 7, lights: { green: 4, yellow: 1, red: 1, none: 1 } },
    { number: '五', title: '坚持品质提升，建设宜居韧性智慧城市', tasks: 8, lights: { green: 6, yellow: 1, red: 0, none: 1 } },
    { number: '六', title: '坚持城乡融合，全面推进乡村振兴和农业农村现代化', tasks: 7, lights: { green: 5, yellow: 1, red: 0, none: 1 } },
  ],
  lagging,
  goodExamples,
  overdueReports: [
    { taskNumber: 12, taskTitle: '社会消费品零售总额增长6%左右', unit: '区商务局', dueDate: '2026-03-25', daysLate: 6 },
    { taskNumber: 30, taskTitle: '推进高标准农田建设，新建高标准农田1.2万亩', unit: '区农业农村局', dueDate: '2026-03-25', daysLate: 6 },
  ],
  openOrders: [
    { number: '督〔2026〕2号', grade: 'red', taskNumber: 1, unit: '区工业和信息化局', issuedAt: '2026-03-27', respondBy: '2026-04-03', status: '待答复' },
    { number: '督〔2026〕3号', grade: 'yellow', taskNumber: 23, unit: '区住房和城乡建设局', issuedAt: '2026-03-28', respondBy: '2026-04-10', status: '整改中' },
  ],
  remarks: '',
  copyTo: '区委办公室，区人大常委会办公室，区政协办公室',
  printedBy: '临河区人民政府办公室 2026年4月3日印发',
};
