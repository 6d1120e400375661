/**
 * Who works on a task's refinement (细化分解) and its deadline: the host unit
 * writes the work plan and asks for more time, its head submits the plan, and
 * the task's lead leader decides both. A task without a lead leader has them
 * decided by the office, so that no request waits for nobody.
 */
import type { Actor } from '../../domain/actor.js';
import type { Role } from '../../domain/roles.js';
import type { PlanWorkAction } from '../auth/actions.js';
import { belongsTo, hasRole, isAuthor, leads } from '../auth/policy-helpers.js';
import type { Subject, WorkSubject } from '../auth/subjects.js';

const IN_GENERAL: Record<PlanWorkAction, Role[]> = {
  'workplan.write': ['office', 'head', 'liaison'],
  'workplan.submit': ['head'],
  'workplan.decide': ['office', 'leader'],
  'extension.request': ['head', 'liaison'],
  'extension.decide': ['office', 'leader'],
};

export function workPlanPolicy(actor: Actor, action: PlanWorkAction, subject: Subject | undefined): boolean {
  if (subject === undefined) return hasRole(actor, ...IN_GENERAL[action]);
  return subject.kind === 'work' && decide(actor, action, subject);
}

/** The unit hosts the task: only a host unit refines it and answers for its deadline. */
const hosts = (work: WorkSubject): boolean => work.task.hostUnitIds.includes(work.unitId);

/** The lead leader decides; the office stands in when the task has none. */
const decides = (actor: Actor, work: WorkSubject): boolean => leads(actor, work.task) || (hasRole(actor, 'office') && work.task.leaderIds.length === 0);

function decide(actor: Actor, action: PlanWorkAction, work: WorkSubject): boolean {
  switch (action) {
    case 'workplan.write':
      return hosts(work) && (hasRole(actor, 'office') || belongsTo(actor, work.unitId));
    case 'workplan.submit':
      return hosts(work) && hasRole(actor, 'head') && belongsTo(actor, work.unitId);
    case 'workplan.decide':
      // Four eyes: whoever wrote the plan does not approve it.
      return decides(actor, work) && !isAuthor(actor, work);
    case 'extension.request':
      return hosts(work) && belongsTo(actor, work.unitId);
    case 'extension.decide':
      return decides(actor, work) && !isAuthor(actor, work);
  }
}
