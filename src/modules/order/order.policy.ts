/**
 * Supervision orders (督办单): the office issues and closes them; the unit
 * they are addressed to signs for them and answers; the unit, the task's lead
 * leaders and the office read them. The subject of an order is the unit's
 * work on the task (its unitId is the unit ordered).
 */
import type { Actor } from '../../domain/actor.js';
import type { OrderAction } from '../auth/actions.js';
import { belongsTo, hasRole, mayView } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

export function orderPolicy(actor: Actor, action: OrderAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'order.issue':
      return hasRole(actor, 'office') && (subject === undefined || subject.kind === 'government' || subject.kind === 'task');
    case 'order.read':
      if (subject === undefined) return hasRole(actor, 'office', 'leader', 'head', 'liaison');
      return subject.kind === 'work' && mayView(actor, subject);
    case 'order.respond':
      if (subject === undefined) return hasRole(actor, 'head', 'liaison');
      return subject.kind === 'work' && belongsTo(actor, subject.unitId);
    case 'order.close':
      if (subject === undefined) return hasRole(actor, 'office');
      return subject.kind === 'work' && hasRole(actor, 'office');
  }
}
