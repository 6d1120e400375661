/** The shape a round leaves the server in. */
import type { Round } from './round.model.js';

export const presentRound = (r: Round, reports?: number) => ({
  id: r.id,
  planId: r.planId,
  kind: r.kind,
  label: r.label,
  periodEnd: r.periodEnd,
  dueOn: r.dueOn,
  status: r.status,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  version: r.version,
  closedBy: r.closedBy,
  closedAt: r.closedAt,
  ...(reports === undefined ? {} : { reports }),
});
