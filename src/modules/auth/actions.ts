/**
 * The closed vocabulary of what a user may try to do. Every service method
 * starts with `authorize(actor, action, subject)`; the client receives
 * `allowedActions(actor)` and renders its buttons from it, so a role's powers
 * are decided here and in the policy files only.
 *
 * Who may do what (subject rules in the policy files):
 *
 * | action                | office | leader        | head / liaison          | observer | sysadmin | secadmin | auditor |
 * |-----------------------|--------|---------------|-------------------------|----------|----------|----------|---------|
 * | ledger.read           | yes    | yes           | yes                     | yes      | yes      | yes      | yes     |
 * | plan.import           | yes    |               |                         |          |          |          |         |
 * | task.update           | yes    |               |                         |          |          |          |         |
 * | task.complete (销号)  | yes    |               |                         |          |          |          |         |
 * | round.manage (调度)   | yes    |               |                         |          |          |          |         |
 * | report.draft.read     | yes    | tasks they lead | their unit's          |          |          |          |         |
 * | report.draft.write    | yes    |               | their unit's            |          |          |          |         |
 * | report.approve        | yes    | tasks they lead | head: their unit's    |          |          |          |         |
 * | report.submit         |        |               | head: their unit hosts  |          |          |          |         |
 * | report.review         | yes    |               |                         |          |          |          |         |
 * | review.comment.read   | yes    | tasks they lead | their unit's          |          |          |          |         |
 * | review.comment.write  | yes    | tasks they lead | head: their unit's    |          |          |          |         |
 * | attachment.read       | yes    | tasks they lead | their unit's          |          |          |          |         |
 * | attachment.write      | yes    |               | their unit's            |          |          |          |         |
 * | plan.configure        | yes    |               |                         |          |          |          |         |
 * | workplan.write        | yes    |               | their unit hosts        |          |          |          |         |
 * | workplan.submit       |        |               | head: their unit hosts  |          |          |          |         |
 * | workplan.decide       | no lead leader | tasks they lead |               |          |          |          |         |
 * | extension.request     |        |               | their unit hosts        |          |          |          |         |
 * | extension.decide      | no lead leader | tasks they lead |               |          |          |          |         |
 * | target.change (指标)  | yes    |               |                         |          |          |          |         |
 * | target.decide         | no lead leader | tasks they lead |               |          |          |          |         |
 * | order.issue (督办)    | yes    |               |                         |          |          |          |         |
 * | order.read            | yes    | tasks they lead | their unit's          |          |          |          |         |
 * | order.respond         |        |               | their unit's            |          |          |          |         |
 * | order.close           | yes    |               |                         |          |          |          |         |
 * | assessment.read       | yes    | yes           | yes                     | yes      |          |          |         |
 * | bulletin.read         | yes    | issued        | issued                  | issued   |          |          |         |
 * | bulletin.write        | yes    |               |                         |          |          |          |         |
 * | bulletin.issue        | yes    |               |                         |          |          |          |         |
 * | user.read             |        |               |                         |          | yes      | yes      | yes     |
 * | user.manage           |        |               |                         |          | ledger accounts and their roles | | |
 * | unit.manage           | yes    |               |                         |          |          |          |         |
 * | role.assign (grant)   |        |               |                         |          |          | ledger roles |     |
 * | account.unlock        |        |               |                         |          |          | yes      |         |
 * | password.reset        |        |               |                         |          | ledger accounts | administrators' |  |
 * | audit.read            |        |               |                         |          |          |          | yes     |
 * | session.self          | yes    | yes           | yes                     | yes      | yes      | yes      | yes     |
 * | task.assign (下达)    | yes    |               |                         |          |          |          |         |
 * | assignment.read (汇总) | yes   | yes           |                         |          |          |          |         |
 *
 * task.update changes a task's text or deadline, which are the notice's: the
 * office alone, with a reason; a deadline otherwise moves only by an approved
 * extension (extension.decide) or a re-import of the notice (plan.import).
 *
 * A unit's tasks include those of the unit groups it belongs to (各镇街 for a
 * town): where a task names a group with members, each member hosts or helps
 * in the group's place (task.access.ts, modules/unit/unit-groups.ts). The
 * office keeps the unit directory (unit.manage), groups' members included.
 *
 * target.change changes a task's targets (retype, rename, measure or not,
 * split, merge, add, delete, owners, combine rule): the office alone, with a
 * reason. Before the task's first round it applies at once; after it, it is a
 * request (指标调整) that target.decide settles: the task's lead leader, or
 * the office for a task without one, never whoever proposed it (ADR 0020).
 *
 * Unpublished work plans and extension requests are read under
 * report.draft.read (the unit's unpublished work); an approved work plan is
 * part of the ledger. A task without a lead leader has its plans and
 * extensions decided by the office.
 *
 * Nobody approves their own work, manages their own account or grants their
 * own role. Administrator accounts and roles (三员) are created and changed
 * only by the operator at the command line (the system actor), so one
 * administrator cannot mint or promote another. A ledger role the system
 * administrator sets (user.manage) takes effect only when the security
 * administrator grants it (role.assign); until then, and until a password
 * set by someone else is changed, the account may only use session.self
 * (authorize.ts, ADR 0018). A forgotten password is reset (password.reset)
 * by the system administrator for a ledger account and by the security
 * administrator for an administrator's, never one's own (ADR 0025).
 *
 * task.assign hands one of the government's tasks down to governments below
 * it (下达), with shares of its targets; assignment.read is the roll-up (汇总)
 * of what the lower governments accepted on the tasks handed down. Both act on
 * the caller's own government's task: a lower government's data is read only
 * through the assignment, never by its own routes (ADR 0031).
 */
export const ACTIONS = [
  'ledger.read',
  'plan.import',
  'task.update',
  'task.complete',
  'round.manage',
  'report.draft.read',
  'report.draft.write',
  'report.approve',
  'report.submit',
  'report.review',
  'review.comment.read',
  'review.comment.write',
  'attachment.read',
  'attachment.write',
  'plan.configure',
  'workplan.write',
  'workplan.submit',
  'workplan.decide',
  'extension.request',
  'extension.decide',
  'target.change',
  'target.decide',
  'order.issue',
  'order.read',
  'order.respond',
  'order.close',
  'assessment.read',
  'bulletin.read',
  'bulletin.write',
  'bulletin.issue',
  'user.read',
  'user.manage',
  'unit.manage',
  'role.assign',
  'account.unlock',
  'password.reset',
  'audit.read',
  'session.self',
  'task.assign',
  'assignment.read',
] as const;

export type Action = (typeof ACTIONS)[number];

export type TaskAction = Extract<Action, 'ledger.read' | 'plan.import' | 'task.update' | 'task.complete'>;
export type WorkAction = Extract<Action, `report.${string}` | `review.${string}` | `attachment.${string}`>;
export type UserAction = Extract<Action, 'user.read' | 'user.manage' | 'role.assign' | 'account.unlock' | 'password.reset' | 'session.self'>;
export type RoundAction = Extract<Action, 'round.manage' | 'plan.configure'>;
export type PlanWorkAction = Extract<Action, `workplan.${string}` | `extension.${string}`>;
export type OrderAction = Extract<Action, `order.${string}`>;
export type AssessmentAction = Extract<Action, 'assessment.read'>;
export type BulletinAction = Extract<Action, `bulletin.${string}`>;
export type TargetAction = Extract<Action, `target.${string}`>;
export type UnitAction = Extract<Action, 'unit.manage'>;
export type AuditAction = Extract<Action, 'audit.read'>;
export type AssignmentAction = Extract<Action, 'task.assign' | 'assignment.read'>;

export const isAction = (value: string): value is Action => (ACTIONS as readonly string[]).includes(value);
