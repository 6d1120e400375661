/**
 * The rules and shapes of the access matrix, shared by the matrix test and
 * the case files of each area (test/server/access/*.matrix.ts). The
 * expected answers come from the rules written here, not from the code's own tables.
 */
import { LEADER, PEOPLE, UNIT_A, UNIT_B, setReport, taskVersion, type ApiFixture, type PersonKey, type Session, type TaskRef } from '../api-fixture.js';

export const WHO = ['anonymous', 'office', 'leader', 'headA', 'liaisonA', 'liaisonB', 'observer', 'sysadmin', 'secadmin', 'auditor', 'pending'] as const;
export type Who = (typeof WHO)[number];
export type SignedIn = Exclude<Who, 'anonymous'>;

export const label = (who: Who): string => (who === 'anonymous' ? 'anonymous client' : PEOPLE[who].label);

/** The unit a head or liaison belongs to. */
export const UNIT_OF: Partial<Record<Who, string>> = { headA: UNIT_A, liaisonA: UNIT_A, liaisonB: UNIT_B };
export const ADMIN_ROLES = new Set(['sysadmin', 'secadmin', 'auditor']);

/** The rules, one predicate per power; `who` is signed in and not held back by a password change. */
export const rules = {
  readLedger: (_who: SignedIn) => true,
  importPlan: (who: SignedIn) => who === 'office',
  /** A task's text and deadline are the notice's: the office alone corrects them, whoever hosts or leads the task. */
  updateTask: (who: SignedIn, _task: TaskRef) => who === 'office',
  manageUnits: (who: SignedIn) => who === 'office',
  readUsers: (who: SignedIn) => ADMIN_ROLES.has(who),
  manageAccount: (who: SignedIn, target: Target) => who === 'sysadmin' && !ADMIN_ROLES.has(target.role) && target.key !== who,
  unlock: (who: SignedIn, target: Target) => who === 'secadmin' && target.key !== who,
  /** A ledger account's password by the system administrator, an administrator's by the security administrator; never one's own. */
  resetPassword: (who: SignedIn, target: Target) =>
    target.key !== who && ((who === 'sysadmin' && !ADMIN_ROLES.has(target.role)) || (who === 'secadmin' && ADMIN_ROLES.has(target.role))),
  /** The system administrator asks for another role; it waits for the security administrator's grant. */
  assignRole: (who: SignedIn, target: Target, to: string) => who === 'sysadmin' && target.key !== who && !ADMIN_ROLES.has(target.role) && !ADMIN_ROLES.has(to),
  /** The security administrator puts a requested role in force, never on their own account. */
  grantRole: (who: SignedIn, target: Target) => who === 'secadmin' && target.key !== who && !ADMIN_ROLES.has(target.role),
  readAudit: (who: SignedIn) => who === 'auditor',
  manageRounds: (who: SignedIn) => who === 'office',
  /** A unit's unpublished report: the unit, the task's lead leader, the office. */
  readDraft: (who: SignedIn, task: TaskRef, unit: string) => who === 'office' || (who === 'leader' && task.leaders.includes(LEADER)) || UNIT_OF[who] === unit,
  writeDraft: (who: SignedIn, task: TaskRef, unit: string) =>
    (who === 'office' || UNIT_OF[who] === unit) && (task.hostUnits.includes(unit) || task.coUnits.includes(unit)),
  /** The unit's head, the task's lead leader or the office, but never whoever wrote it. */
  approve: (who: SignedIn, task: TaskRef, unit: string, author: SignedIn) =>
    who !== author && (who === 'office' || (who === 'leader' && task.leaders.includes(LEADER)) || (who === 'headA' && UNIT_OF[who] === unit)),
  submit: (who: SignedIn, task: TaskRef, unit: string) => who === 'headA' && UNIT_OF[who] === unit && task.hostUnits.includes(unit),
  review: (who: SignedIn) => who === 'office',
} as const;

/** An account a route acts on. */
export interface Target {
  key: PersonKey;
  role: string;
}
export const target = (key: PersonKey): Target => ({ key, role: PEOPLE[key].role });
/** The caller's own account (an anonymous caller names the spare one). */
export const own = (who: Who): Target => target(who === 'anonymous' ? 'spare' : who);

export interface Ctx {
  fx: ApiFixture;
  who: Who;
  session: Session | null;
}

export interface Variant {
  /** What the request is done to, when that matters. */
  object?: string;
  request(ctx: Ctx): Promise<{ url: string; body?: unknown }> | { url: string; body?: unknown };
  /** Public routes answer everyone; others answer who may (when signed in and not held back). */
  allowed: 'public' | 'signedIn' | ((who: SignedIn) => boolean);
  success?: 200 | 201 | 204;
  /** A success is a change and leaves its row in the audit log. */
  audited?: true;
  /** The request ends the session it is sent with: it gets one of its own. */
  ownSession?: true;
  /** Puts back what a successful request changed; returns the caller's new session if the old one ended. */
  restore?(ctx: Ctx & { session: Session }): Promise<Session | undefined>;
  /**
   * Puts back what `request` set up, whatever the answer (a refused request
   * changes nothing, but its set-up did): every variant leaves the fixture as it found it.
   */
  tearDown?(ctx: Ctx): Promise<void>;
}

export const NEW_PASSWORD = 'Lh-77-Changed!Pass9';
export const STRONG = 'Lh-88-Strong!Pass9';

/**
 * What the fixture guarantees of its two tasks (checked below), which is all
 * the rules look at: task A is hosted by unit A and led by LEADER, without
 * unit B; task B is hosted by unit B, without unit A or LEADER.
 */
export const TASK_A: TaskRef = { id: 0, key: 'A', hostUnits: [UNIT_A], coUnits: [], leaders: [LEADER] };
export const TASK_B: TaskRef = { id: 0, key: 'B', hostUnits: [UNIT_B], coUnits: [], leaders: [] };

/** A change to one of the fixture's tasks; `model` is what the rules know of it. */
export const taskPatch = (pick: (fx: ApiFixture) => TaskRef, model: TaskRef, object: string): Variant => ({
  object,
  request: async ({ fx, who }) => {
    const task = pick(fx);
    return { url: `/api/tasks/${task.id}`, body: { version: await taskVersion(fx, task.id), deadlineText: `年内（${who}）`, reason: '按通知更正' } };
  },
  allowed: (who) => rules.updateTask(who, model),
  audited: true,
});

export type ReportKey = 'a' | 'b';
export const REPORT_MODEL: Record<ReportKey, { task: TaskRef; unit: string }> = { a: { task: TASK_A, unit: UNIT_A }, b: { task: TASK_B, unit: UNIT_B } };

/** A step on one of the fixture's reports, each request starting from the given state. */
export const reportStep = (
  report: ReportKey,
  step: string,
  state: { status: string; author: PersonKey },
  allowed: (who: SignedIn, model: { task: TaskRef; unit: string }) => boolean,
  body?: unknown,
): Variant => ({
  object: `${state.status} report of ${REPORT_MODEL[report].unit} written by ${PEOPLE[state.author].label}`,
  request: async ({ fx }) => {
    const version = await setReport(fx, fx.reports[report], { status: state.status, authorKey: state.author });
    const url = `/api/reports/${fx.reports[report]}${step === '' ? '' : `/${step}`}`;
    return step === '' ? { url, body: { version, progress: '已完成年度任务的三分之一。' } } : { url, ...(body === undefined ? {} : { body }) };
  },
  allowed: (who) => allowed(who, REPORT_MODEL[report]),
  audited: true,
});
