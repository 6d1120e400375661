/**
 * Who may see and change accounts. The three administrators are separated
 * (三员分立): the system administrator keeps accounts and sets their roles
 * (user.manage), the security administrator grants those roles and unlocks
 * (role.assign, account.unlock), the auditor only reads. A password is reset
 * (password.reset) by the system administrator for a ledger account and by
 * the security administrator for an administrator's account (ADR 0025). None of them may act
 * on their own account through those powers, and accounts holding an
 * administrator role are created and changed only by the operator at the
 * command line (the system actor), so no administrator can mint another.
 */
import type { Actor } from '../../domain/actor.js';
import type { UserAction } from '../auth/actions.js';
import { hasRole, isAdminRole } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

export function userPolicy(actor: Actor, action: UserAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'user.read':
      return hasRole(actor, 'sysadmin', 'secadmin', 'auditor') && (subject === undefined || subject.kind === 'government' || subject.kind === 'user');
    case 'user.manage':
      if (!hasRole(actor, 'sysadmin')) return false;
      return subject === undefined || (subject.kind === 'user' && !isSelf(actor, subject.userId) && !isAdminRole(subject.role));
    case 'role.assign':
      if (!hasRole(actor, 'secadmin')) return false;
      return (
        subject === undefined || (subject.kind === 'role-change' && !isSelf(actor, subject.userId) && !isAdminRole(subject.from) && !isAdminRole(subject.to))
      );
    case 'account.unlock':
      if (!hasRole(actor, 'secadmin')) return false;
      return subject === undefined || (subject.kind === 'user' && !isSelf(actor, subject.userId));
    case 'password.reset':
      // A ledger account's by the system administrator who keeps it; an administrator's by the security administrator
      // (the system administrator may not reach another administrator); nobody's own (ADR 0025).
      if (subject !== undefined && (subject.kind !== 'user' || isSelf(actor, subject.userId))) return false;
      if (hasRole(actor, 'sysadmin')) return subject === undefined || !isAdminRole(subject.role);
      if (hasRole(actor, 'secadmin')) return subject === undefined || isAdminRole(subject.role);
      return false;
    case 'session.self':
      // One's own sessions, password and profile; also the only thing open while a password change is due.
      if (actor.role === 'system' || actor.userId === null) return false;
      return subject === undefined || (subject.kind === 'user' && isSelf(actor, subject.userId));
  }
}

const isSelf = (actor: Actor, userId: number | null): boolean => userId !== null && actor.userId === userId;
