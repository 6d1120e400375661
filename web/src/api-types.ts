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
