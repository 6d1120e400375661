/** The shape a round leaves the server in. */
import type { Static } from 'typebox';
import type { Round } from './round.model.js';
import type { RoundViewSchema } from './round.schema.js';

export type RoundView = Static<typeof RoundViewSchema>;

export const presentRound = (r: Round, reports?: number): RoundView => ({
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
