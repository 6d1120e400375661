/**
 * The list of rounds with their figures: each round's reports sent of those
 * owed, counted over all its reports, so that the office, a liaison and an
 * observer read the same number; and beside it the caller's own part (their
 * unit's reports, or those on the tasks a leader leads), labelled as such.
 * Counts only: no report's content reaches anyone who may not read it.
 */
import type { AuthActor } from '../auth/authorize.js';
import type { Tx } from '../../store/tx.js';
import { presentFigure, presentListedRound, presentScoped, type RoundView } from './round.presenter.js';
import { roundCounts, type RoundCounts } from './round.repository.js';
import { listPlanRounds } from './round.service.js';

export async function listRoundsWithFigures(db: Tx, actor: AuthActor, planId?: number): Promise<RoundView[]> {
  const rounds = await listPlanRounds(db, actor, planId);
  const ids = rounds.map((r) => r.id);
  const all = await roundCounts(db, actor.governmentId, ids, { all: true });
  const own = await ownPart(db, actor, ids);
  return rounds.map((r) => presentListedRound(r, presentFigure(all.get(r.id)), own === null ? null : presentScoped(own.scope, own.counts.get(r.id))));
}

/** A unit's head or liaison: their unit's reports; a leader: those on the tasks they lead; anyone else has no part of their own. */
async function ownPart(db: Tx, actor: AuthActor, ids: readonly number[]): Promise<{ scope: 'unit' | 'leader'; counts: Map<number, RoundCounts> } | null> {
  if ((actor.role === 'head' || actor.role === 'liaison') && actor.unitId !== null)
    return { scope: 'unit', counts: await roundCounts(db, actor.governmentId, ids, { unitId: actor.unitId }) };
  if (actor.role === 'leader' && actor.leaderId !== null)
    return { scope: 'leader', counts: await roundCounts(db, actor.governmentId, ids, { leaderId: actor.leaderId }) };
  return null;
}
