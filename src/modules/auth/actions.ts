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
 * | task.update           | yes    | tasks they lead | tasks of their unit   |          |          |          |         |
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
 * | user.read             |        |               |                         |          | yes      | yes      | yes     |
 * | user.manage           |        |               |                         |          | ledger accounts |   |         |
 * | unit.manage           |        |               |                         |          | yes      |          |         |
 * | role.assign           |        |               |                         |          |          | ledger roles |     |
 * | account.unlock        |        |               |                         |          |          | yes      |         |
 * | audit.read            |        |               |                         |          |          |          | yes     |
 * | session.self          | yes    | yes           | yes                     | yes      | yes      | yes      | yes     |
 *
 * Nobody approves their own work, manages their own account or assigns their
 * own role. Administrator accounts and roles (三员) are created and changed
 * only by the operator at the command line (the system actor), so one
 * administrator cannot mint or promote another.
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
  'user.read',
  'user.manage',
  'unit.manage',
  'role.assign',
  'account.unlock',
  'audit.read',
  'session.self',
] as const;

export type Action = (typeof ACTIONS)[number];

export type TaskAction = Extract<Action, 'ledger.read' | 'plan.import' | 'task.update' | 'task.complete'>;
export type WorkAction = Extract<Action, `report.${string}` | `review.${string}` | `attachment.${string}`>;
export type UserAction = Extract<Action, 'user.read' | 'user.manage' | 'role.assign' | 'account.unlock' | 'session.self'>;
export type RoundAction = Extract<Action, 'round.manage'>;
export type UnitAction = Extract<Action, 'unit.manage'>;
export type AuditAction = Extract<Action, 'audit.read'>;

export const isAction = (value: string): value is Action => (ACTIONS as readonly string[]).includes(value);
