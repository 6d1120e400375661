/**
 * The words of a bulletin (通报): its body as a list of blocks (headings at
 * two levels, paragraphs, the section table, the chart and its caption),
 * composed from BulletinContent in the register of a government office.
 * Pure: the .docx writer (bulletin-docx.ts) only lays these blocks out, so
 * the wording can be read and tested without opening a document.
 *
 * Every empty list gets a sentence under its heading, never an empty heading.
 */
import type { Light } from '../domain/status.js';
import type { BulletinContent, BulletinSection, BulletinTask } from './bulletin-content.js';

export type BulletinBlock =
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'caption'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'chart'; sections: BulletinSection[] };

/** The series of the chart and the columns of the table, in stacking order (bottom first). */
export const LIGHT_ORDER = ['green', 'yellow', 'red', 'none'] as const satisfies readonly Light[];

export const LIGHT_NAMES: Readonly<Record<Light, string>> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '暂无数据' };

const GRADE_NAMES: Readonly<Record<'blue' | 'yellow' | 'red', string>> = { blue: '蓝色督办', yellow: '黄色督办', red: '红色督办' };

/** Where an open order stands, as a 督查室 writes it (the order workflow's states: issued, signed, answered). */
export const ORDER_STANDING: Readonly<Record<string, string>> = {
  issued: '承办单位尚未签收',
  signed: '承办单位已签收，正在办理',
  answered: '承办单位已回复办理情况，待审核办结',
  closed: '已办结',
};

/** An order's standing in words; a state this table does not know is said plainly, never as its code. */
function orderStanding(status: string): string {
  // Own keys only: a status such as "__proto__" or "constructor" must not reach the object's prototype.
  const known = Object.hasOwn(ORDER_STANDING, status) ? ORDER_STANDING[status] : undefined;
  if (typeof known === 'string') return known;
  return /[A-Za-z]/.test(status) ? '尚未办结' : printable(status).trim() || '尚未办结';
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The standard requirements printed when the office wrote none of its own. */
export function standardRequirements(issuer: string): string[] {
  return [
    '各承办单位要对照任务分工和时间节点，倒排工期、挂图作战，确保各项任务按期完成。',
    '进度滞后任务的主办单位要认真分析原因，制定整改措施，明确完成时限，于下期调度前报送整改情况；逾期未报送进展的单位要立即补报，今后严格按时报送。',
    `${printable(issuer).trim() || '督查部门'}将持续跟踪督办，对整改不力、进度持续滞后的任务予以通报，结果纳入年度综合考核。`,
  ];
}

/**
 * Text from the data, made safe to print: characters XML 1.0 cannot hold
 * (control characters, unpaired surrogates, U+FFFE/U+FFFF) are dropped and
 * line breaks become spaces. Escaping `<` and `&` is the writer's job.
 */
export function printable(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** '2026-04-03' as "2026年4月3日"; anything else as it is. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return printable(iso);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 0.247 as "24.7%", 0.5 as "50%". */
export function percent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  return `${Math.round(share * 1000) / 10}%`;
}

/** (一), (二)… for the second level; past 十 the Arabic number. */
function chineseOrdinal(i: number): string {
  return NUMERALS[i] ?? String(i + 1);
}

function join(names: readonly string[]): string {
  const cleaned = names.map(printable).filter((n) => n.trim() !== '');
  return cleaned.length === 0 ? '（未明确）' : cleaned.join('、');
}

/** A sentence ends with a full stop unless it already ends with punctuation. */
function sentence(text: string): string {
  const t = printable(text).trim();
  if (t === '') return '';
  return /[。！？；…”）)]$/.test(t) ? t : `${t}。`;
}

export function bulletinBody(content: BulletinContent): BulletinBlock[] {
  const blocks: BulletinBlock[] = [];
  const heading = (text: string): void => {
    blocks.push({ kind: 'heading1', text: `${chineseOrdinal(blocks.filter((b) => b.kind === 'heading1').length)}、${text}` });
  };
  const asOf = chineseDate(content.asOf);

  blocks.push({
    kind: 'paragraph',
    text:
      `根据各承办单位报送的进展情况和任务台账数据，现将${printable(content.plan.title)}截至${asOf}的推进情况通报如下。` +
      `本期为${printable(content.periodLabel)}，截至${asOf}，全年时间进度为${percent(content.timeProgress)}。`,
  });

  heading('总体情况');
  blocks.push(...overall(content));

  heading('分领域推进情况');
  blocks.push(...bySection(content.sections));

  heading('进度滞后的任务');
  blocks.push(...laggingTasks(content.lagging));

  heading('进展较好的任务');
  if (content.goodExamples.length === 0) blocks.push({ kind: 'paragraph', text: '本期无进度明显快于时间进度的任务。' });
  else {
    blocks.push({ kind: 'paragraph', text: `以下${content.goodExamples.length}项任务进度快于时间进度，推进有力，予以通报表扬：` });
    content.goodExamples.forEach((t, i) => blocks.push({ kind: 'paragraph', text: taskItem(i, t) }));
  }

  heading('逾期未报送情况');
  if (content.overdueReports.length === 0) blocks.push({ kind: 'paragraph', text: '本期各承办单位均按时报送进展情况。' });
  else {
    blocks.push({ kind: 'paragraph', text: `截至${asOf}，以下${content.overdueReports.length}份进展情况逾期未报送：` });
    content.overdueReports.forEach((r, i) =>
      blocks.push({
        kind: 'paragraph',
        text: `${i + 1}.${printable(r.unit)}：第${r.taskNumber}项“${printable(r.taskTitle)}”，应于${chineseDate(r.dueDate)}前报送，已逾期${r.daysLate}天。`,
      }),
    );
  }

  heading('督办事项');
  if (content.openOrders.length === 0) blocks.push({ kind: 'paragraph', text: '本期无未办结的督办事项。' });
  else {
    blocks.push({ kind: 'paragraph', text: `目前有${content.openOrders.length}件督办事项尚未办结：` });
    content.openOrders.forEach((o, i) =>
      blocks.push({
        kind: 'paragraph',
        text:
          `${i + 1}.${printable(o.number)}（${GRADE_NAMES[o.grade]}）：第${o.taskNumber}项，承办单位${printable(o.unit)}，` +
          `${chineseDate(o.issuedAt)}下发，要求${chineseDate(o.respondBy)}前答复，${sentence(orderStanding(o.status))}`,
      }),
    );
  }

  heading('下步工作要求');
  const remarks = content.remarks
    .split(/\r?\n/)
    .map((line) => printable(line).trim())
    .filter((line) => line !== '');
  for (const line of remarks.length > 0 ? remarks : standardRequirements(content.issuer)) blocks.push({ kind: 'paragraph', text: line });
  return blocks;
}

function overall(content: BulletinContent): BulletinBlock[] {
  const s = content.summary;
  const l = s.lights;
  const lights =
    `${s.tasks}项任务中，绿灯（正常推进）${l.green}项，黄灯（进度滞后）${l.yellow}项，红灯（严重滞后）${l.red}项，` +
    `暂无数据（尚不具备评价条件）${l.none}项；已完成${s.completed}项。`;
  const targets =
    s.targetsReported === 0
      ? '本期尚无已报送数据的指标。'
      : `已报送数据的${s.targetsReported}项指标中，${s.targetsOnPace}项达到或超过时间进度，占${percent(s.targetsOnPace / s.targetsReported)}。`;
  const missing = Math.max(0, s.reportsOwed - s.reportsOnTime - s.reportsLate);
  const reports =
    s.reportsOwed === 0
      ? '本期无应报送的进展情况。'
      : `本期应报送进展情况${s.reportsOwed}份，按时报送${s.reportsOnTime}份，逾期报送${s.reportsLate}份` + (missing > 0 ? `，未报送${missing}份。` : '。');
  return [
    { kind: 'paragraph', text: `${content.plan.year}年度共分解重点任务${s.tasks}项。截至${chineseDate(content.asOf)}，${lights}` },
    { kind: 'paragraph', text: targets + reports },
  ];
}

function bySection(sections: readonly BulletinSection[]): BulletinBlock[] {
  if (sections.length === 0) return [{ kind: 'paragraph', text: '本期无分领域统计数据。' }];
  return [
    { kind: 'paragraph', text: '各领域任务进度状态见表1、图1。' },
    { kind: 'caption', text: '表1　各领域任务进度状态' },
    {
      kind: 'table',
      header: ['序号', '领域', '任务数', ...LIGHT_ORDER.map((k) => LIGHT_NAMES[k])],
      rows: sections.map((s, i) => [
        String(i + 1),
        `${printable(s.number)}、${printable(s.title)}`,
        String(s.tasks),
        ...LIGHT_ORDER.map((k) => String(s.lights[k])),
      ]),
    },
    { kind: 'chart', sections: [...sections] },
    { kind: 'caption', text: '图1　各领域任务进度状态分布' },
  ];
}

function laggingTasks(tasks: readonly BulletinTask[]): BulletinBlock[] {
  if (tasks.length === 0) return [{ kind: 'paragraph', text: '本期无进度滞后的任务。' }];
  const red = tasks.filter((t) => t.light === 'red');
  const yellow = tasks.filter((t) => t.light === 'yellow');
  const other = tasks.filter((t) => t.light !== 'red' && t.light !== 'yellow');
  const blocks: BulletinBlock[] = [
    { kind: 'paragraph', text: `共有${tasks.length}项任务进度滞后于时间进度，其中红灯${red.length}项、黄灯${yellow.length}项。` },
  ];
  const groups: [string, BulletinTask[]][] = [
    ['红灯任务（严重滞后）', red],
    ['黄灯任务（进度滞后）', yellow],
    ['其他滞后任务', other],
  ];
  let n = 0;
  for (const [title, list] of groups) {
    if (list.length === 0) continue;
    blocks.push({ kind: 'heading2', text: `（${chineseOrdinal(n++)}）${title}` });
    list.forEach((t, i) => blocks.push({ kind: 'paragraph', text: taskItem(i, t) }));
  }
  return blocks;
}

/**
 * "1.第1项“…”（主办单位：…；牵头领导：…）。完成 12%，时间进度 25%。原因……"; a lagging task
 * with its reasons says them instead, each with its figures: "…。3月份进展报告应于 4月5日前报送，逾期未报；…。"
 */
function taskItem(i: number, t: BulletinTask): string {
  const head = `${i + 1}.第${t.number}项“${printable(t.title)}”（主办单位：${join(t.hostUnits)}；牵头领导：${join(t.leaders)}）。`;
  const reasons = (t.reasons ?? [])
    .map((r) =>
      printable(r)
        .trim()
        .replace(/[。；]+$/, ''),
    )
    .filter((r) => r !== '');
  if (reasons.length > 0) return `${head}${sentence(reasons.join('；'))}`;
  const progress = t.progress === null ? '暂无完成数据。' : sentence(t.progress);
  return `${head}${progress}${sentence(t.reason)}`;
}
