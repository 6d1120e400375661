/**
 * What the year must look like, worked out by hand from the rules
 * (docs/status-rules.md, src/domain/{lights,time-progress,settings,scoring}.ts
 * and the default plan settings) and the script (year-script.ts); never read
 * back from the system.
 *
 * Time progress (时序进度) in 2026 (365 days), the date itself counted:
 *   month ends   31 Jan 8.49 %, 28 Feb 16.16, 31 Mar 24.66 (90 d), 30 Apr 32.88, 31 May 41.37,
 *                30 Jun 49.59 (181 d), 31 Jul 58.08, 31 Aug 66.58, 30 Sep 74.79 (273 d),
 *                31 Oct 83.29, 30 Nov 91.51, 31 Dec 100
 *   the 25ths    (a round's figures, and the date its close is judged at)
 *                Jan 6.85, Feb 15.34, Mar 23.01, Apr 31.51, May 39.73, Jun 48.22,
 *                Jul 56.44, Aug 64.93, Sep 73.42 (268 d), Oct 81.64 (298 d), Nov 90.14 (329 d)
 * Default settings: yellow beyond 10 points behind, red beyond 30; remind 3 days
 * before, on the day, and overdue on days 1, 4, 7…; escalate to the lead
 * leaders at 3 days overdue and when a task is red (once per task and month);
 * blue order at 7 days overdue, yellow when red at a close, red when red at 2
 * closes in a row; 7 days to answer.
 */
import type { Light } from '../../src/domain/status.js';
import type { Part } from './year-world.js';

const G: Light = 'green';
const Y: Light = 'yellow';
const R: Light = 'red';

/**
 * Each story task's light at the end of each month (after the day's steps).
 * - finance: its figures follow its approved plan (10/30/60/100 % at the quarter
 *   ends, interpolated by days): e.g. 31 May plan 10 + 20 × 61/91 = 23.41 %, figure 23.5 %.
 * - health: the worst target is the 150 refurbished clinics: 33/150 = 22 % on
 *   31 Mar (2.66 behind), 56/150 = 37.33 % on 30 Jun (12.26: yellow), 66/150 = 44 %
 *   on 30 Sep (30.79: red), 82/150 = 54.67 % on 31 Dec (45.33: red).
 * - safety: qualitative, on track (green) except while a report is overdue: its
 *   August report is still not in on 31 August.
 * - ecology: qualitative; its rating is at risk (yellow) from the accepted April report to June.
 * - commerce: the growth of 6.5 % (April) and 6.8 % (May) is 35 and 32 points
 *   short of the 10 % target, compared as a rate from day one: red; 8.5 % in June: yellow.
 */
export const MONTH_END_LIGHTS: Record<Part, Light[]> = {
  finance: [G, G, G, G, G, G, G, G, G, G, G, G],
  health: [G, G, G, G, G, Y, Y, Y, R, R, R, R],
  safety: [G, G, G, G, G, G, G, R, G, G, G, G],
  ecology: [G, G, G, Y, Y, Y, G, G, G, G, G, G],
  commerce: [G, G, G, R, R, Y, G, G, G, G, G, G],
};

/**
 * The lights written at the closes of the January to November rounds (judged
 * at the 25th, with the figures accepted by the close). A round's own reports
 * are never overdue on its 25th, so 应急管理局's late months do not show here.
 * health: Jun 48.22 − 37.33 = 10.89 (yellow), Sep 73.42 − 44 = 29.42 (still
 * yellow), Oct 81.64 − 46.67 = 34.97 (red), Nov 90.14 − 50 = 40.14 (red).
 */
export const CLOSE_LIGHTS: Record<Part, Light[]> = {
  finance: [G, G, G, G, G, G, G, G, G, G, G],
  health: [G, G, G, G, G, Y, Y, Y, Y, R, R],
  safety: [G, G, G, G, G, G, G, G, G, G, G],
  ecology: [G, G, G, Y, Y, Y, G, G, G, G, G],
  commerce: [G, G, G, R, R, Y, G, G, G, G, G],
};

/** What a day's tick did, when it did anything: users newly told per occasion, rounds opened, orders issued. */
export interface Effect {
  opened?: number;
  reports?: number;
  reminders?: number;
  escalations?: number;
  redAlerts?: number;
  orderReminders?: number;
  orders?: number;
}

/** Each round opens on the 15th with a report from each responsible unit of each task: 74 host and 48 co-unit reports. */
const OPENINGS: Record<string, Effect> = Object.fromEntries(
  ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => [`2026-${m}-15`, { opened: 1, reports: 122 }]),
);

/**
 * Every day of the year on which the tick did something. Only 应急管理局 is
 * ever reminded (everyone else sends by the 20th, before the reminder 3 days
 * ahead); its two people are told each time. The lead leader 石可清 is told of
 * task 30 (overdue) and task 11 (red), 徐晋 of task 26 (red).
 */
export const TICK_EFFECTS: Record<string, Effect> = {
  ...OPENINGS,
  // February report, sent on the 27th: 3 days before, the due day, day 1 overdue (the 27th is still day 1).
  '2026-02-22': { reminders: 2 },
  '2026-02-25': { reminders: 2 },
  '2026-02-26': { reminders: 2, redAlerts: 1 }, // task 30 red while overdue: 石可清, February
  '2026-04-22': { redAlerts: 1 }, // task 11 red from the April figures accepted on the 21st: 石可清, April
  '2026-05-01': { redAlerts: 1 }, // task 11 still red: May
  '2026-05-03': { orders: 1 }, // yellow to 商务局: task 11 red at the April close (closed 2 May)
  // May report, sent on the 29th: before, due, day 1, day 4; escalated at 3 days overdue.
  '2026-05-22': { reminders: 2 },
  '2026-05-25': { reminders: 2 },
  '2026-05-26': { reminders: 2, redAlerts: 1 }, // task 30: May
  '2026-05-28': { escalations: 1 },
  '2026-05-29': { reminders: 2 },
  '2026-06-01': { redAlerts: 1 }, // task 11 still red (6.8 %): June
  '2026-06-02': { orders: 1 }, // red to 商务局: red at the April and May closes
  '2026-06-10': { orderReminders: 2 }, // the red order was due on 9 June and is not answered
  // August report, sent on 1 September: before, due, days 1, 4 and 7; escalated; a blue order at 7 days.
  '2026-08-22': { reminders: 2 },
  '2026-08-25': { reminders: 2 },
  '2026-08-26': { reminders: 2, redAlerts: 1 }, // task 30: August
  '2026-08-28': { escalations: 1 },
  '2026-08-29': { reminders: 2 },
  '2026-09-01': { reminders: 2, redAlerts: 1, orders: 1 }, // task 30 red again in September; blue to 应急管理局
  // Task 26: 63/150 = 42 % against 263/365 = 72.05 % on 20 September, 30.05 behind: red, and red each month after.
  '2026-09-20': { redAlerts: 1 },
  '2026-10-01': { redAlerts: 1 },
  '2026-11-01': { redAlerts: 1 },
  '2026-11-02': { orders: 1 }, // yellow to 卫健局: red at the October close (closed 1 November)
  '2026-12-01': { redAlerts: 1 },
  '2026-12-03': { orders: 1 }, // red to 卫健局: red at the October and November closes
};

type Kinds = Partial<Record<'reminder_before' | 'reminder_due' | 'reminder_overdue' | 'escalation' | 'red_task' | 'order' | 'order_overdue', number>>;

/** Who is told what, cumulated to each checkpoint, per person of the story (both people of a unit get the same). */
export const NOTIFIED: Record<string, Record<string, Kinds>> = {
  '2026-03-31': {
    safety: { reminder_before: 1, reminder_due: 1, reminder_overdue: 1 },
    石可清: { red_task: 1 },
  },
  '2026-06-30': {
    safety: { reminder_before: 2, reminder_due: 2, reminder_overdue: 3 },
    // Yellow: issued, signed, answered, closed; red: the same and, once, past its answer date.
    commerce: { order: 8, order_overdue: 1 },
    // Tasks 30 (Feb, May) and 11 (Apr, May, Jun) red; task 30's May report escalated; the eight steps of the yellow and red orders.
    石可清: { red_task: 5, escalation: 1, order: 8 },
  },
  '2026-09-30': {
    // August: before, due, days 1, 4, 7; the blue order issued, signed, answered, closed.
    safety: { reminder_before: 3, reminder_due: 3, reminder_overdue: 6, order: 4 },
    commerce: { order: 8, order_overdue: 1 },
    石可清: { red_task: 7, escalation: 2, order: 8 },
    徐晋: { red_task: 1 },
  },
  '2026-12-31': {
    safety: { reminder_before: 3, reminder_due: 3, reminder_overdue: 6, order: 4 },
    commerce: { order: 8, order_overdue: 1 },
    // Yellow and red, each issued, answered and closed.
    health: { order: 6 },
    石可清: { red_task: 7, escalation: 2, order: 8 },
    徐晋: { red_task: 4, order: 6 },
  },
};

/**
 * The assessment of the story units with the default scheme, by rates (base
 * 100; +10 × reports on time ÷ reports due, −10 × late ÷ due; −5 × returns ÷
 * reports sent; −20 × red task-months ÷ task-months hosted; +20 × targets met
 * ÷ targets owned, −30 × unmet ÷ owned at year end (also never reported);
 * −20 × orders not answered in time ÷ orders due). A rule's points are kept to
 * six decimals. Each story unit's other reports are on time; a round's lights
 * count from its close, early in the next month.
 */
export const SCORES: Record<string, { unit: Part; total: number; counts: Record<string, number>; owed: Record<string, number> }[]> = {
  '2026-06-30': [
    // 6 of 6 on time +10; its 3 targets not met yet; January to May closed.
    { unit: 'finance', total: 110, counts: { reportOnTime: 6 }, owed: { reportsDue: 6, reportsSent: 6, targets: 3, taskMonths: 5 } },
    // 12 of 12 on time +10. Ties with 财政局, listed after it by name.
    { unit: 'health', total: 110, counts: { reportOnTime: 12 }, owed: { reportsDue: 12, reportsSent: 12, targets: 6, taskMonths: 10 } },
    // +10; one return of 6 reports sent: −5 × 1/6 = −0.833333.
    { unit: 'ecology', total: 109.166667, counts: { reportOnTime: 6, returned: 1 }, owed: { reportsDue: 6, reportsSent: 6, taskMonths: 5 } },
    // January, March, April, June on time: +10 × 4/6 = 6.666667; February and May late: −10 × 2/6 = −3.333333.
    { unit: 'safety', total: 103.333334, counts: { reportOnTime: 4, lateReport: 2 }, owed: { reportsDue: 6, reportsSent: 6, taskMonths: 5 } },
    // 18 of 18 (tasks 11, 14 host; 20 co) +10; red at the April and May closes of 10 task-months −20 × 2/10 = −4; the red order of two answered late −20 × 1/2 = −10.
    {
      unit: 'commerce',
      total: 96,
      counts: { reportOnTime: 18, redMonth: 2, unansweredOrder: 1 },
      owed: { ordersDue: 2, reportsDue: 18, reportsSent: 18, targets: 3, taskMonths: 10 },
    },
  ],
  '2026-12-31': [
    // 12 of 12 on time +10, the three loan targets met in December +20; December's close falls in January.
    { unit: 'finance', total: 130, counts: { reportOnTime: 12, targetMet: 3 }, owed: { reportsDue: 12, reportsSent: 12, targets: 3, taskMonths: 11 } },
    // +10; one return of 12 reports sent −5 × 1/12 = −0.416667.
    { unit: 'ecology', total: 109.583333, counts: { reportOnTime: 12, returned: 1 }, owed: { reportsDue: 12, reportsSent: 12, taskMonths: 11 } },
    // 9 of 12 on time +7.5, 3 late −2.5; its blue order answered in time.
    { unit: 'safety', total: 105, counts: { reportOnTime: 9, lateReport: 3 }, owed: { ordersDue: 1, reportsDue: 12, reportsSent: 12, taskMonths: 11 } },
    // +10; red 2 of 22 task-months −1.818182; 220 亿元 and 11.5 % ≥ 10 % met +20 × 2/3 = 13.333333; task 14's 30 events never reported −30 × 1/3 = −10; one of two orders answered late −10.
    {
      unit: 'commerce',
      total: 101.515151,
      counts: { reportOnTime: 36, redMonth: 2, targetMet: 2, unmetTarget: 1, unansweredOrder: 1 },
      owed: { ordersDue: 2, reportsDue: 36, reportsSent: 36, targets: 3, taskMonths: 22 },
    },
    // +10; red at the October and November closes −1.818182; 10 and 50 clinics met +20 × 2/6 = 6.666667; 82 of 150 unmet and task 27's three targets never reported −30 × 4/6 = −20.
    {
      unit: 'health',
      total: 94.848485,
      counts: { reportOnTime: 24, redMonth: 2, targetMet: 2, unmetTarget: 4 },
      owed: { ordersDue: 2, reportsDue: 24, reportsSent: 24, targets: 6, taskMonths: 22 },
    },
  ],
};

/** Lights over the 39 tasks: 9 qualitative tasks outside the story are green (on track, accepted); 22 tasks with figures outside the story and 3 hosted only by 区直各部门 (no report) are none. */
export const DASHBOARD: Record<string, Record<Light, number>> = {
  '2026-03-31': { green: 9 + 5, yellow: 0, red: 0, none: 25 },
  '2026-06-30': { green: 9 + 2, yellow: 3, red: 0, none: 25 },
  '2026-09-30': { green: 9 + 4, yellow: 0, red: 1, none: 25 },
  '2026-12-31': { green: 9 + 4, yellow: 0, red: 1, none: 25 },
};
