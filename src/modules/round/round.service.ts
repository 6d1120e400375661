/** Opening a reporting round and listing rounds, behind the authorization chokepoint. */
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { atomically, type Clock } from '../auth/unit-of-work.js';
import { governmentSubject } from '../auth/subjects.js';
import { appendAudit } from '../audit/audit.repository.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { insertReports } from '../report/report.repository.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { labelFits, type NewRound, type Round } from './round.model.js';
import { findRoundByLabel, insertRound, listRounds, planExists, responsibleUnits } from './round.repository.js';

export interface OpenedRound {
  round: Round;
  reports: number;
}

/**
 * roundOpener: the round and one draft report for each responsible unit on
 * each active task, in one transaction with one audit row, so that a round
 * is never half open. The HTTP route, the scheduler and the CLI share it.
 */
export const roundOpener = {
  async open(db: Tx, actor: AuthActor, input: NewRound, clock?: Clock): Promise<OpenedRound> {
    authorize(actor, 'round.manage', governmentSubject(actor.governmentId));
    if (!labelFits(input.kind, input.label)) {
      throw badRequest(input.kind === 'monthly' ? '月度调度的期次应写作“2026-03”' : input.kind === 'quarterly' ? '季度调度的期次应写作“2026-Q1”' : '请填写调度期次');
    }
    if (input.dueOn < input.periodEnd) throw badRequest('报送截止日期不能早于统计截止日期');
    return atomically(db, async (trx) => {
      if (!(await planExists(trx, actor.governmentId, input.planId))) throw notFound('分解方案');
      if (await findRoundByLabel(trx, actor.governmentId, input.planId, input.label)) {
        throw new AppError(409, 'round_exists', `该方案已有“${input.label}”期调度`);
      }
      const owed = await responsibleUnits(trx, actor.governmentId, input.planId);
      if (owed.length === 0) throw badRequest('该方案没有需要报送的任务', 'no_tasks');
      const now = nowIso(clock);
      const round = await insertRound(trx, actor.governmentId, input, actor.userId, now);
      await insertReports(trx, actor.governmentId, owed.map((o) => ({ ...o, roundId: round.id })), now);
      await appendAudit(trx, actor, { action: 'round.open', objectType: 'round', objectId: round.id, after: { ...input, reports: owed.length } }, clock);
      return { round, reports: owed.length };
    });
  },
};

/** The rounds are the government's schedule: whoever may read the ledger may see them. */
export async function listPlanRounds(db: Tx, actor: AuthActor, planId?: number): Promise<Round[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  return listRounds(db, actor.governmentId, planId);
}
