/** Small predicates the policy files share, so that each rule reads as a sentence. */
import type { Actor } from '../../domain/actor.js';
import type { Role } from '../../domain/roles.js';
import type { TaskSubject, WorkSubject } from './subjects.js';

/** The three administrators (三员): they run the system and never work on the ledger. */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export const isAdminRole = (role: Role): boolean => ADMIN_ROLES.includes(role);

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => actor.role !== 'system' && roles.includes(actor.role);

/** A head or liaison of the unit. */
export const belongsTo = (actor: Actor, unitId: number): boolean => hasRole(actor, 'head', 'liaison') && actor.unitId === unitId;

/** The unit hosts the task or helps with it. */
export const involves = (task: TaskSubject, unitId: number): boolean => task.hostUnitIds.includes(unitId) || task.coUnitIds.includes(unitId);

/** The actor is one of the task's lead leaders. */
export const leads = (actor: Actor, task: TaskSubject): boolean =>
  hasRole(actor, 'leader') && actor.leaderId !== null && task.leaderIds.includes(actor.leaderId);

/** A head or liaison whose unit is responsible for the task. */
export const worksOn = (actor: Actor, task: TaskSubject): boolean => hasRole(actor, 'head', 'liaison') && actor.unitId !== null && involves(task, actor.unitId);

/** The unit's own people, writing about a task their unit is responsible for. */
export const writesFor = (actor: Actor, work: WorkSubject): boolean => belongsTo(actor, work.unitId) && involves(work.task, work.unitId);

/** Who may see a unit's unpublished work: the unit, its head, the task's lead leaders and the office. */
export const mayView = (actor: Actor, work: WorkSubject): boolean => hasRole(actor, 'office') || belongsTo(actor, work.unitId) || leads(actor, work.task);

/** Who reviews a unit's work: the office, the unit's head, the task's lead leaders. */
export const reviews = (actor: Actor, work: WorkSubject): boolean =>
  hasRole(actor, 'office') || (hasRole(actor, 'head') && actor.unitId === work.unitId && involves(work.task, work.unitId)) || leads(actor, work.task);

export const isAuthor = (actor: Actor, work: WorkSubject): boolean => actor.userId !== null && work.authorId === actor.userId;
