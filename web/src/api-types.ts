/**
 * The shapes the app reads from the API (see GET /api/openapi.json and the
 * server's presenters). The web app speaks only HTTP: these are written out
 * here rather than imported from src/, and hold only the fields screens use.
 */

export type Light = 'green' | 'yellow' | 'red' | 'none';
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'none'];

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  unitId: number | null;
  leaderId: number | null;
  mustChangePassword: boolean;
}

/** POST /api/session and GET /api/me. `actions` decides what the UI offers. */
export interface Me {
  user: User;
  csrfToken: string;
  mustChangePassword: boolean;
  actions: string[];
}

export interface Plan {
  id: number;
  docNumber: string | null;
  year: number;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
}

export interface Section {
  id: number;
  number: string;
  title: string;
  position: number;
}

export interface Ref {
  id: number;
  name: string;
}

export interface Target {
  id: number;
  text: string;
  metric: string;
  kind: string;
  value: number | null;
  unit: string | null;
  qualifiers: string[];
}

export interface Task {
  id: number;
  planId: number;
  key: string;
  number: number;
  section: string | null;
  sectionId: number | null;
  text: string;
  deadline: string | null;
  deadlineText: string | null;
  status: string;
  version: number;
  leaders: string[];
  hostUnits: string[];
  coUnits: string[];
  leaderRefs: Ref[];
  hostUnitRefs: Ref[];
  coUnitRefs: Ref[];
  targets: Target[];
}

export interface LightCounts {
  green: number;
  yellow: number;
  red: number;
  none: number;
}

export interface Dashboard {
  planId: number;
  asOf: string;
  period: { start: string; end: string };
  timeProgress: number;
  lights: LightCounts;
  total: number;
  bySection: { sectionId: number | null; number: string | null; title: string | null; total: number; lights: LightCounts }[];
  byLeader: { leaderId: number; name: string; total: number; lights: LightCounts }[];
  byUnit: { unitId: number; name: string; total: number; lights: LightCounts; onTimeRate: number | null }[];
  lagging: { taskId: number; key: string; text: string; light: Light; behindPoints: number | null; reportOverdue: boolean; hostUnits: string[]; leaders: string[] }[];
  targets: { targetId: number; taskId: number; text: string; metric: string; value: number | null; unit: string | null; actual: number | null; completion: number | null; expected: number | null; light: Light }[];
  tasks: { taskId: number; key: string; sectionId: number | null; light: Light; reportOverdue: boolean; behindPoints: number | null }[];
}

export interface TaskStatus {
  taskId: number;
  asOf: string;
  timeProgress: number;
  light: Light;
  reportOverdue: boolean;
  behindPoints: number | null;
  targets: {
    targetId: number;
    text: string;
    value: number | null;
    unit: string | null;
    actual: number | null;
    light: Light;
    completion: number | null;
    expected: number | null;
  }[];
  milestones: { milestoneId: number; title: string; dueOn: string; reachedOn: string | null; state: string; light: Light }[];
  history: { asOf: string; roundId: number; light: Light }[];
}

/** A task's lights at the closes of past rounds (GET /api/light-history). */
export interface LightHistory {
  taskId: number;
  history: TaskStatus['history'];
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface Items<T> {
  items: T[];
}

/** A plan's supervision settings (GET /api/plans/:id/settings); `bulletin` only from servers that have bulletins. */
export interface PlanSettings {
  status: { yellowBehind: number; redBehind: number; useSchedule: boolean; defaultLagMonths: number; lagMonthsByMetric: Record<string, number> };
  reminders: { daysBefore: number[]; onDueDay: boolean; overdueEveryDays: number; escalateAfterDays: number; escalateRed: boolean };
  orders: { overdueDays: number; redAtClose: boolean; redRounds: number; respondDays: number };
  scoring: { base: number; reportOnTime: number; targetMet: number; lateReport: number; returned: number; redMonth: number; unmetTarget: number; unansweredOrder: number };
  bulletin?: { organ: string; numberPrefix: string; recipients: string; copyTo: string };
}

export interface SettingsView {
  planId: number;
  /** 0 while the plan uses the defaults. */
  version: number;
  settings: PlanSettings;
}

/** A reporting schedule (GET /api/schedules): the plan's (taskId null) or one task's own. */
export interface Schedule {
  id: number;
  planId: number;
  taskId: number | null;
  kind: 'monthly' | 'quarterly';
  dueDay: number;
  dueOffset: 'same' | 'next';
  version: number;
}

/** What a bulletin says (the server's src/documents/bulletin-content.ts, copied). */
export interface BulletinTask {
  number: number;
  title: string;
  hostUnits: string[];
  leaders: string[];
  light: Light;
  progress: string | null;
  reason: string;
}

export interface BulletinContent {
  issuer: string;
  documentNumber: string;
  title: string;
  recipients: string;
  period: string;
  periodLabel: string;
  asOf: string;
  date: string;
  plan: { id: number; title: string; year: number };
  timeProgress: number;
  summary: {
    tasks: number;
    lights: Record<Light, number>;
    completed: number;
    targetsReported: number;
    targetsOnPace: number;
    reportsOwed: number;
    reportsOnTime: number;
    reportsLate: number;
  };
  sections: { number: string; title: string; tasks: number; lights: Record<Light, number> }[];
  lagging: BulletinTask[];
  goodExamples: BulletinTask[];
  overdueReports: { taskNumber: number; taskTitle: string; unit: string; dueDate: string; daysLate: number }[];
  openOrders: { number: string; grade: 'blue' | 'yellow' | 'red'; taskNumber: number; unit: string; issuedAt: string; respondBy: string; status: string }[];
  remarks: string;
  copyTo: string;
  printedBy: string;
}

/** A bulletin (通报) as GET /api/bulletins and /api/bulletins/:id give it; `content` only from the latter. */
export interface Bulletin {
  id: number;
  planId: number;
  period: string;
  periodLabel: string;
  asOf: string;
  status: 'draft' | 'issued';
  serial: number | null;
  documentNumber: string | null;
  title: string;
  remarks: string;
  hasPdf: boolean;
  createdAt: string;
  createdBy: string | number | null;
  issuedAt: string | null;
  issuedBy: string | number | null;
  version: number;
  actions: string[];
  content?: BulletinContent;
}

/** A line of GET /api/events: what happened lately that the user may see, newest first. */
export interface DeskEvent {
  at: string;
  kind: string;
  /** What happened, in Chinese, from the server. */
  text: string;
  taskId: number;
  taskNumber: number;
  unit: string | null;
  actor: string | null;
}
