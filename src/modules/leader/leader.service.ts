/** Lead leaders, read by everyone who reads the ledger. */
import type { Tx } from '../../store/tx.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { listLeaders, type Leader } from './leader.repository.js';

export async function leadersOf(db: Tx, actor: AuthActor): Promise<Leader[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  return listLeaders(db, actor.governmentId);
}
