/**
 * Who may see and make bulletins (通报). The office drafts, revises and
 * issues them; a draft is the office's working paper. An issued bulletin is
 * published to everyone who works the ledger, as the printed one is handed
 * round (a list shows them only the issued ones); the three administrators run the system and have no part in it.
 */
import type { Actor } from '../../domain/actor.js';
import type { BulletinAction } from '../auth/actions.js';
import { hasRole } from '../auth/policy-helpers.js';
import type { Subject } from '../auth/subjects.js';

export function bulletinPolicy(actor: Actor, action: BulletinAction, subject: Subject | undefined): boolean {
  if (subject !== undefined && subject.kind !== 'government' && subject.kind !== 'bulletin') return false;
  switch (action) {
    case 'bulletin.read':
      if (hasRole(actor, 'office')) return true;
      return hasRole(actor, 'leader', 'head', 'liaison', 'observer') && (subject?.kind !== 'bulletin' || subject.issued);
    case 'bulletin.write':
      // An issued bulletin is a record: it is never rewritten.
      return hasRole(actor, 'office') && !(subject?.kind === 'bulletin' && subject.issued);
    case 'bulletin.issue':
      // Without a bulletin: whether the actor issues bulletins at all (the route's check, the client's buttons).
      if (subject === undefined) return hasRole(actor, 'office');
      return hasRole(actor, 'office') && subject.kind === 'bulletin' && !subject.issued;
  }
}
