/**
 * The authorization matrix: every role against a set of actions and objects,
 * with a user of unit A facing the objects of unit B, and a second government.
 */
import { describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../../src/domain/actor.js';
import type { Role } from '../../../src/domain/roles.js';
import { ACTIONS, type Action } from '../../../src/modules/auth/actions.js';
import { allowedActions, authorize, can } from '../../../src/modules/auth/authorize.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import type { RoleChangeSubject, Subject, TargetChangeSubject, TaskSubject, UserSubject, WorkSubject } from '../../../src/modules/auth/subjects.js';

const GOV = 1;
const OTHER_GOV = 2;
const UNIT_A = 10;
const UNIT_B = 20;
const LEADER_1 = 100;
const LEADER_2 = 200;

const actor = (userId: number, role: Role, extra: Partial<Actor> = {}): Actor => ({
  governmentId: GOV,
  userId,
  username: `${role}${userId}`,
  role,
  unitId: null,
  leaderId: null,
  ip: null,
  ...extra,
});

const ACTORS = {
  office: actor(1, 'office'),
  leader1: actor(2, 'leader', { leaderId: LEADER_1 }),
  headA: actor(3, 'head', { unitId: UNIT_A }),
  liaisonA: actor(4, 'liaison', { unitId: UNIT_A }),
  headB: actor(5, 'head', { unitId: UNIT_B }),
  observer: actor(6, 'observer'),
  sysadmin: actor(7, 'sysadmin'),
  secadmin: actor(8, 'secadmin'),
  auditor: actor(9, 'auditor'),
} as const;
type Who = keyof typeof ACTORS;
const EVERYONE = Object.keys(ACTORS) as Who[];

const task = (taskId: number, host: number[], co: number[], leaders: number[], governmentId = GOV): TaskSubject => ({
  kind: 'task',
  governmentId,
  taskId,
  hostUnitIds: host,
  coUnitIds: co,
  leaderIds: leaders,
});
const TASK_A = task(1, [UNIT_A], [], [LEADER_1]);
const TASK_B = task(2, [UNIT_B], [], [LEADER_2]);
/** Hosted by B, with A helping. */
const TASK_BA = task(3, [UNIT_B], [UNIT_A], [LEADER_2]);

const work = (t: TaskSubject, unitId: number, authorId: number | null): WorkSubject => ({
  kind: 'work',
  governmentId: t.governmentId,
  task: t,
  unitId,
  authorId,
});
const WORK_A = work(TASK_A, UNIT_A, ACTORS.liaisonA.userId);
const WORK_A_BY_HEAD = work(TASK_A, UNIT_A, ACTORS.headA.userId);
const WORK_A_BY_OFFICE = work(TASK_A, UNIT_A, ACTORS.office.userId);
const WORK_B = work(TASK_B, UNIT_B, null);
const WORK_B_ON_SHARED = work(TASK_BA, UNIT_B, null);
const WORK_A_ON_SHARED = work(TASK_BA, UNIT_A, null);

const GOVERNMENT: Subject = { kind: 'government', governmentId: GOV };
const targetChange = (t: TaskSubject, proposedBy: Who): TargetChangeSubject => ({
  kind: 'target-change',
  governmentId: t.governmentId,
  task: t,
  proposedBy: ACTORS[proposedBy].userId,
});
/** Led by nobody: the office decides its target changes. */
const TASK_UNLED = task(4, [UNIT_A], [], []);
const userSubject = (who: Who | null, role: Role): UserSubject => ({ kind: 'user', governmentId: GOV, userId: who === null ? null : ACTORS[who].userId, role });
const roleChange = (who: Who, from: Role, to: Role): RoleChangeSubject => ({
  kind: 'role-change',
  governmentId: GOV,
  userId: ACTORS[who].userId ?? 0,
  from,
  to,
});

/** [action, subject, who may] — everyone not listed may not. */
const MATRIX: [string, Action, Subject, Who[]][] = [
  ['read the ledger', 'ledger.read', GOVERNMENT, EVERYONE],
  ['read a task of unit B', 'ledger.read', TASK_B, EVERYONE],
  ['import a plan', 'plan.import', GOVERNMENT, ['office']],
  ['update a task of unit A (its text and deadline are the notice’s)', 'task.update', TASK_A, ['office']],
  ['update a task of unit B', 'task.update', TASK_B, ['office']],
  ['update a task B hosts and A helps with', 'task.update', TASK_BA, ['office']],
  ['complete (销号) a task', 'task.complete', TASK_A, ['office']],
  ['change the targets of a task of unit A', 'target.change', TASK_A, ['office']],
  ['withdraw a target change of a task of unit B', 'target.change', targetChange(TASK_B, 'office'), ['office']],
  ['decide a target change of a task leader 1 leads', 'target.decide', targetChange(TASK_A, 'office'), ['leader1']],
  ['decide a target change of a task another leader leads', 'target.decide', targetChange(TASK_B, 'office'), []],
  ['decide a target change of a task nobody leads, proposed by another clerk', 'target.decide', targetChange(TASK_UNLED, 'observer'), ['office']],
  ['decide a target change of a task nobody leads, proposed by oneself', 'target.decide', targetChange(TASK_UNLED, 'office'), []],
  ['read A’s draft', 'report.draft.read', WORK_A, ['office', 'leader1', 'headA', 'liaisonA']],
  ['read B’s draft', 'report.draft.read', WORK_B, ['office', 'headB']],
  ['read B’s draft on the shared task', 'report.draft.read', WORK_B_ON_SHARED, ['office', 'headB']],
  ['read A’s draft on the shared task', 'report.draft.read', WORK_A_ON_SHARED, ['office', 'headA', 'liaisonA']],
  ['write A’s draft', 'report.draft.write', WORK_A, ['office', 'headA', 'liaisonA']],
  ['write B’s draft', 'report.draft.write', WORK_B, ['office', 'headB']],
  ['write A’s part of the shared task', 'report.draft.write', WORK_A_ON_SHARED, ['office', 'headA', 'liaisonA']],
  ['approve A’s report by the liaison', 'report.approve', WORK_A, ['office', 'leader1', 'headA']],
  ['approve A’s report by the head', 'report.approve', WORK_A_BY_HEAD, ['office', 'leader1']],
  ['approve A’s report by the office', 'report.approve', WORK_A_BY_OFFICE, ['leader1', 'headA']],
  ['approve B’s report', 'report.approve', WORK_B, ['office', 'headB']],
  ['submit A’s report (A hosts the task)', 'report.submit', WORK_A, ['headA']],
  ['submit A’s part of the shared task (A only helps)', 'report.submit', WORK_A_ON_SHARED, []],
  ['accept or return A’s report', 'report.review', WORK_A, ['office']],
  ['accept or return a report the office wrote itself', 'report.review', WORK_A_BY_OFFICE, []],
  ['open a reporting round', 'round.manage', GOVERNMENT, ['office']],
  ['read review comments on A’s report', 'review.comment.read', WORK_A, ['office', 'leader1', 'headA', 'liaisonA']],
  ['comment on A’s report', 'review.comment.write', WORK_A, ['office', 'leader1', 'headA']],
  ['comment on B’s report', 'review.comment.write', WORK_B, ['office', 'headB']],
  ['read A’s attachments', 'attachment.read', WORK_A, ['office', 'leader1', 'headA', 'liaisonA']],
  ['read B’s attachments', 'attachment.read', WORK_B, ['office', 'headB']],
  ['attach to A’s report', 'attachment.write', WORK_A, ['office', 'headA', 'liaisonA']],
  ['list accounts', 'user.read', GOVERNMENT, ['sysadmin', 'secadmin', 'auditor']],
  ['create a liaison account', 'user.manage', userSubject(null, 'liaison'), ['sysadmin']],
  ['create an auditor account', 'user.manage', userSubject(null, 'auditor'), []],
  ['manage the observer’s account', 'user.manage', userSubject('observer', 'observer'), ['sysadmin']],
  ['manage the secadmin’s account', 'user.manage', userSubject('secadmin', 'secadmin'), []],
  ['manage the sysadmin’s own account', 'user.manage', userSubject('sysadmin', 'sysadmin'), []],
  ['make the head of A a liaison', 'role.assign', roleChange('headA', 'head', 'liaison'), ['secadmin']],
  ['make the observer a sysadmin', 'role.assign', roleChange('observer', 'observer', 'sysadmin'), []],
  ['change the secadmin’s own role', 'role.assign', roleChange('secadmin', 'secadmin', 'office'), []],
  ['unlock the office user', 'account.unlock', userSubject('office', 'office'), ['secadmin']],
  ['unlock the sysadmin', 'account.unlock', userSubject('sysadmin', 'sysadmin'), ['secadmin']],
  ['unlock oneself as secadmin', 'account.unlock', userSubject('secadmin', 'secadmin'), []],
  ['reset the liaison’s password', 'password.reset', userSubject('liaisonA', 'liaison'), ['sysadmin']],
  ['reset the office user’s password', 'password.reset', userSubject('office', 'office'), ['sysadmin']],
  ['reset the auditor’s password', 'password.reset', userSubject('auditor', 'auditor'), ['secadmin']],
  ['reset the sysadmin’s password', 'password.reset', userSubject('sysadmin', 'sysadmin'), ['secadmin']],
  ['reset one’s own password as secadmin', 'password.reset', userSubject('secadmin', 'secadmin'), []],
  ['manage units', 'unit.manage', GOVERNMENT, ['office']],
  ['read the audit log', 'audit.read', GOVERNMENT, ['auditor']],
  ['act on the observer’s own session', 'session.self', userSubject('observer', 'observer'), ['observer']],
];

describe('authorize: every role against each action and object', () => {
  for (const [title, action, subject, allowed] of MATRIX) {
    it(`${title} (${action}): ${allowed.join(', ') || 'nobody'}`, () => {
      const granted = EVERYONE.filter((who) => can(ACTORS[who], action, subject));
      expect(granted).toEqual(allowed);
    });
  }

  it('denies every role every action on another government’s objects', () => {
    const foreignTask = task(9, [UNIT_A], [], [LEADER_1], OTHER_GOV);
    const foreignSubjects: Subject[] = [
      { kind: 'government', governmentId: OTHER_GOV },
      foreignTask,
      work(foreignTask, UNIT_A, null),
      { ...WORK_A, task: foreignTask },
      { kind: 'user', governmentId: OTHER_GOV, userId: 77, role: 'observer' },
      { kind: 'role-change', governmentId: OTHER_GOV, userId: 77, from: 'observer', to: 'office' },
      { kind: 'target-change', governmentId: GOV, task: foreignTask, proposedBy: null },
    ];
    for (const who of [...Object.values(ACTORS), systemActor(GOV)]) {
      for (const action of ACTIONS) {
        for (const subject of foreignSubjects) expect(can(who, action, subject), `${who.username} ${action} ${subject.kind}`).toBe(false);
      }
    }
  });

  it('refuses a subject of the wrong kind rather than guessing', () => {
    expect(can(ACTORS.office, 'task.update', WORK_A)).toBe(false);
    expect(can(ACTORS.headA, 'report.draft.read', TASK_A)).toBe(false);
    expect(can(ACTORS.sysadmin, 'user.manage', GOVERNMENT)).toBe(false);
  });

  it('throws a typed ForbiddenError with code forbidden', () => {
    expect(() => authorize(ACTORS.headB, 'task.update', TASK_A)).toThrow(ForbiddenError);
    try {
      authorize(ACTORS.observer, 'plan.import');
    } catch (err) {
      expect(err).toBeInstanceOf(ForbiddenError);
      expect((err as ForbiddenError).code).toBe('forbidden');
      expect((err as ForbiddenError).action).toBe('plan.import');
      expect((err as ForbiddenError).message).toBe('没有权限执行此操作');
    }
    expect(() => authorize(ACTORS.office, 'task.update', TASK_B)).not.toThrow();
  });

  it('lets a user whose password change is due do nothing but change it', () => {
    const pending = { ...ACTORS.office, mustChangePassword: true };
    expect(allowedActions(pending)).toEqual(['session.self']);
    expect(can(pending, 'ledger.read', GOVERNMENT)).toBe(false);
    expect(can(pending, 'session.self', userSubject('office', 'office'))).toBe(true);
  });

  it('trusts the system actor (the operator at the command line) within its government', () => {
    const system = systemActor(GOV);
    expect(can(system, 'user.manage', userSubject(null, 'sysadmin'))).toBe(true);
    expect(can(system, 'role.assign', roleChange('observer', 'observer', 'auditor'))).toBe(true);
  });
});

describe('allowedActions: what each role may do in general', () => {
  const expected: Record<Who, Action[]> = {
    office: [
      'ledger.read',
      'plan.import',
      'task.update',
      'task.complete',
      'round.manage',
      'report.draft.read',
      'report.draft.write',
      'report.approve',
      'report.review',
      'review.comment.read',
      'review.comment.write',
      'attachment.read',
      'attachment.write',
      'plan.configure',
      'workplan.write',
      'workplan.decide',
      'extension.decide',
      'target.change',
      'target.decide',
      'order.issue',
      'order.read',
      'order.close',
      'assessment.read',
      'bulletin.read',
      'bulletin.write',
      'bulletin.issue',
      'unit.manage',
      'session.self',
      'task.assign',
      'assignment.read',
    ],
    leader1: [
      'ledger.read',
      'report.draft.read',
      'report.approve',
      'review.comment.read',
      'review.comment.write',
      'attachment.read',
      'workplan.decide',
      'extension.decide',
      'target.decide',
      'order.read',
      'assessment.read',
      'bulletin.read',
      'session.self',
      'assignment.read',
    ],
    headA: [
      'ledger.read',
      'report.draft.read',
      'report.draft.write',
      'report.approve',
      'report.submit',
      'review.comment.read',
      'review.comment.write',
      'attachment.read',
      'attachment.write',
      'workplan.write',
      'workplan.submit',
      'extension.request',
      'order.read',
      'order.respond',
      'assessment.read',
      'bulletin.read',
      'session.self',
    ],
    liaisonA: [
      'ledger.read',
      'report.draft.read',
      'report.draft.write',
      'review.comment.read',
      'attachment.read',
      'attachment.write',
      'workplan.write',
      'extension.request',
      'order.read',
      'order.respond',
      'assessment.read',
      'bulletin.read',
      'session.self',
    ],
    headB: [
      'ledger.read',
      'report.draft.read',
      'report.draft.write',
      'report.approve',
      'report.submit',
      'review.comment.read',
      'review.comment.write',
      'attachment.read',
      'attachment.write',
      'workplan.write',
      'workplan.submit',
      'extension.request',
      'order.read',
      'order.respond',
      'assessment.read',
      'bulletin.read',
      'session.self',
    ],
    observer: ['ledger.read', 'assessment.read', 'bulletin.read', 'session.self'],
    sysadmin: ['ledger.read', 'user.read', 'user.manage', 'password.reset', 'session.self'],
    secadmin: ['ledger.read', 'user.read', 'role.assign', 'account.unlock', 'password.reset', 'session.self'],
    auditor: ['ledger.read', 'user.read', 'audit.read', 'session.self'],
  };
  for (const who of EVERYONE) {
    it(who, () => expect(allowedActions(ACTORS[who])).toEqual(expected[who]));
  }

  it('gives no administrator any ledger work, and no ledger role any administration', () => {
    const ledgerWork = ACTIONS.filter(
      (a) =>
        a !== 'ledger.read' &&
        a !== 'session.self' &&
        !['user.read', 'user.manage', 'role.assign', 'account.unlock', 'password.reset', 'audit.read'].includes(a),
    );
    for (const who of ['sysadmin', 'secadmin', 'auditor'] as const) {
      expect(allowedActions(ACTORS[who]).filter((a) => ledgerWork.includes(a))).toEqual([]);
    }
    const admin: Action[] = ['user.manage', 'role.assign', 'account.unlock', 'password.reset', 'audit.read'];
    for (const who of ['office', 'leader1', 'headA', 'liaisonA', 'observer'] as const) {
      expect(allowedActions(ACTORS[who]).filter((a) => admin.includes(a))).toEqual([]);
    }
  });
});
