/** Opening a reporting round and listing rounds, behind the authorization chokepoint. */
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { governmentSubject } from '../auth/subjects.js';
import { appendAudit } from '../audit/audit.repository.js';
import { AppError, badRequest, notFound, versionConflict } from '../errors.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import { notifyRoundOpened } from '../notification/step-notices.js';
import { insertReports } from '../report/report.repository.js';
import { addOwed, saveLights } from '../status/progress.repository.js';
import { planStatus } from '../status/status.service.js';
import type { Light } from '../../domain/status.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { labelFits, type NewRound, type Round } from './round.model.js';
import { presentRound } from './round.presenter.js';
import { closeRound, findRound, findRoundByLabel, insertRound, listRounds, planExists, reportsOwed } from './round.repository.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

export interface OpenedRound {
  round: Round;
  reports: number;
}

/**
 * roundOpener: the round and one draft report for each responsible unit on
 * each active task (each member of a unit group the task names has its own),
 * in one transaction with one audit row, so that a round is never half open.
 * The HTTP route, the scheduler and the CLI share it.
 */
export const roundOpener = {
  async open(db: Tx, actor: AuthActor, input: NewRound, clock?: Clock, delivery?: DeliveryConfig): Promise<OpenedRound> {
    authorize(actor, 'round.manage', governmentSubject(actor.governmentId));
    if (!labelFits(input.kind, input.label)) {
      throw badRequest(
        input.kind === 'monthly' ? '月度调度的期次应写作“2026-03”' : input.kind === 'quarterly' ? '季度调度的期次应写作“2026-Q1”' : '请填写调度期次',
      );
    }
    if (input.dueOn < input.periodEnd) throw badRequest('报送截止日期不能早于统计截止日期');
    return changing(db, actor.governmentId, async (trx) => {
      if (!(await planExists(trx, actor.governmentId, input.planId))) throw notFound('分解方案');
      await refuseIfArchived(trx, actor.governmentId, 'plan', input.planId);
      if (await findRoundByLabel(trx, actor.governmentId, input.planId, input.label)) {
        throw new AppError(409, 'round_exists', `该方案已有“${input.label}”期调度`);
      }
      const { owed, emptyGroups } = await reportsOwed(trx, actor.governmentId, input.planId, input.taskIds);
      if (owed.length === 0) throw badRequest('该方案没有需要报送的任务', 'no_tasks');
      const now = nowIso(clock);
      const round = await insertRound(trx, actor.governmentId, input, actor.userId, now);
      await insertReports(
        trx,
        actor.governmentId,
        owed.map((o) => ({ ...o, roundId: round.id })),
        now,
      );
      await addOwed(
        trx,
        actor.governmentId,
        input.planId,
        owed.map((o) => o.unitId),
      );
      // A group without members owes nothing: the audit row names where, as the import preview warned (empty_group).
      const unowed = [...new Set(emptyGroups.map((g) => g.name))];
      const after = { ...input, reports: owed.length, ...(unowed.length > 0 ? { groupsWithoutMembers: unowed } : {}) };
      await appendAudit(trx, actor, { action: 'round.open', objectType: 'round', objectId: round.id, after }, clock);
      // The units owing reports are told, in the same transaction: a round that opens is never silent.
      await notifyRoundOpened(
        trx,
        actor.governmentId,
        { id: round.id, label: round.label, dueOn: round.dueOn, unitIds: owed.map((o) => o.unitId) },
        now,
        delivery,
      );
      return { round, reports: owed.length };
    });
  },
};

export interface ClosedRound {
  round: Round;
  /** Each task's light at the round's period end, as written to the light history. */
  lights: { taskId: number; light: Light }[];
}

/**
 * roundCloser: the office ends a round, and each task's light at the round's
 * period end goes into the light history (task_lights), in the same
 * transaction: the trends and the red months the assessment counts are read
 * from there. The lights are judged on what is known at closing about periods
 * ending by the round's.
 */
export const roundCloser = {
  async close(db: Tx, actor: AuthActor, input: { id: number; version?: number }, clock?: Clock): Promise<ClosedRound> {
    authorize(actor, 'round.manage', governmentSubject(actor.governmentId));
    return changing(db, actor.governmentId, async (trx) => {
      const round = await findRound(trx, actor.governmentId, input.id);
      if (!round) throw notFound('调度期次');
      await refuseIfArchived(trx, actor.governmentId, 'round', round.id);
      if (round.status === 'closed') throw new AppError(409, 'round_closed', `“${round.label}”期调度已经结束`, { current: presentRound(round) });
      if (input.version !== undefined && input.version !== round.version) throw versionConflict(presentRound(round));
      const now = nowIso(clock);
      const closed = await closeRound(trx, round, actor.userId, now);
      if (!closed) throw versionConflict(presentRound(round));
      // The period end judged on what is known once the round is closed: its reports, and its own close (its
      // unsent reports are no longer owed as overdue; the assessment counts them as not sent).
      const knownBefore = new Date(Date.parse(now) + 1).toISOString();
      const status = await planStatus(trx, actor.governmentId, round.planId, round.periodEnd, { knownBefore });
      const lights = status.tasks.map((t) => ({ taskId: t.taskId, light: t.light }));
      await saveLights(trx, actor.governmentId, { planId: round.planId, roundId: round.id, asOf: round.periodEnd, lights });
      const counts: Record<Light, number> = { green: 0, yellow: 0, red: 0, none: 0 };
      for (const l of lights) counts[l.light] += 1;
      await appendAudit(
        trx,
        actor,
        {
          action: 'round.close',
          objectType: 'round',
          objectId: round.id,
          before: { status: round.status, version: round.version },
          after: { status: closed.status, version: closed.version, asOf: round.periodEnd, lights: counts },
        },
        clock,
      );
      return { round: closed, lights };
    });
  },
};

/** The rounds are the government's schedule: whoever may read the ledger may see them. */
export async function listPlanRounds(db: Tx, actor: AuthActor, planId?: number): Promise<Round[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  return listRounds(db, actor.governmentId, planId);
}
