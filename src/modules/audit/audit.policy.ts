/** Who may read the audit log: the auditor (审计管理员), and nobody whose actions it records for review. */
import type { Actor } from '../../domain/actor.js';
import type { AuditAction } from '../auth/actions.js';
import { hasRole } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

export function auditPolicy(actor: Actor, action: AuditAction, subject: Subject | undefined): boolean {
  switch (action) {
    case 'audit.read':
      return hasRole(actor, 'auditor') && (subject === undefined || subject.kind === 'government');
  }
}
