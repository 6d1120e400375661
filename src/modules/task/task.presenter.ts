/** A task as the API shows it: the ledger's row with its owners, targets and projects. */
import type { Static } from 'typebox';
import { membersStandingIn } from '../unit/unit-groups.js';
import type { LedgerTask } from './task.model.js';
import type { TaskViewSchema } from './task.schema.js';

export type TaskView = Static<typeof TaskViewSchema>;

export function presentTask(t: LedgerTask): TaskView {
  return {
    id: t.id,
    planId: t.planId,
    key: t.key,
    number: t.number,
    section: t.section?.number ?? null,
    sectionId: t.section?.id ?? null,
    text: t.text,
    deadline: t.deadline,
    deadlineText: t.deadlineText,
    status: t.status,
    version: t.version,
    leaders: t.leaders.map((l) => l.name),
    hostUnits: t.hostUnits.map((u) => u.name),
    coUnits: t.coUnits.map((u) => u.name),
    leaderRefs: t.leaders,
    hostUnitRefs: t.hostUnits,
    coUnitRefs: t.coUnits,
    hostMemberRefs: membersStandingIn(t.hostUnits, t.responsible.hosts),
    coMemberRefs: membersStandingIn(t.coUnits, t.responsible.cos),
    targets: t.targets.map(({ id, text, metric, kind, value, unit, qualifiers, scope, measured, combine }) => ({
      id,
      text,
      metric,
      kind,
      value,
      unit,
      qualifiers,
      scope,
      measured,
      combine,
    })),
    projects: t.projects.map(({ id, name, stage }) => ({ id, name, stage })),
    sourceTaskId: t.source?.taskId ?? null,
    sourceGovernmentId: t.source?.governmentId ?? null,
    sourceGovernmentName: t.source?.governmentName ?? null,
    sourceKey: t.source?.key ?? null,
  };
}
