/** The shape a round leaves the server in; in the list, with its one figure for every role and the caller's own part. */
import type { Static } from 'typebox';
import type { Round } from './round.model.js';
import type { RoundCounts } from './round.repository.js';
import type { RoundFigureSchema, RoundScopedFigureSchema, RoundViewSchema } from './round.schema.js';

export type RoundView = Static<typeof RoundViewSchema>;
export type RoundFigure = Static<typeof RoundFigureSchema>;
export type RoundScopedFigure = Static<typeof RoundScopedFigureSchema>;

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

const NONE: RoundCounts = { owed: 0, sent: 0, onTime: 0, accepted: 0 };
const share = (c: RoundCounts): number | null => (c.owed === 0 ? null : c.sent / c.owed);

export const presentFigure = (c: RoundCounts = NONE): RoundFigure => ({ owed: c.owed, sent: c.sent, onTime: c.onTime, accepted: c.accepted, share: share(c) });

export const presentScoped = (scope: RoundScopedFigure['scope'], c: RoundCounts = NONE): RoundScopedFigure => ({
  scope,
  owed: c.owed,
  sent: c.sent,
  share: share(c),
});

/** A round as the list shows it: its figure, the same for everyone, and the caller's own part. */
export const presentListedRound = (r: Round, figure: RoundFigure, mine: RoundScopedFigure | null): RoundView => ({ ...presentRound(r), figure, mine });
