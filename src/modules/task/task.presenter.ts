/** A task as the API shows it: the ledger's row with its owners, targets and projects. */
import type { LedgerTask } from './task.model.js';

export interface TaskView {
  id: number;
  planId: number;
  key: string;
  number: number;
  section: string | null;
  sectionId: number | null;
  text: string;
  deadline: string | null;
  deadlineText: string | null;
  status: string;
  version: number;
  leaders: string[];
  hostUnits: string[];
  coUnits: string[];
  leaderRefs: { id: number; name: string }[];
  hostUnitRefs: { id: number; name: string }[];
  coUnitRefs: { id: number; name: string }[];
  targets: { id: number; text: string; metric: string; kind: string; value: number | null; unit: string | null; qualifiers: string[] }[];
  projects: { id: number; name: string; stage: string }[];
}

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
    targets: t.targets.map(({ id, text, metric, kind, value, unit, qualifiers }) => ({ id, text, metric, kind, value, unit, qualifiers })),
    projects: t.projects.map(({ id, name, stage }) => ({ id, name, stage })),
  };
}
