/**
 * The ledger's rows as the screen and its print view show them: the plan's
 * tasks (those holding the search words `q`, searched by the server), each
 * with its light and reasons (GET /api/lights), filtered by section, leader,
 * unit and light from the address.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Light, Reason, Task } from '../api-types';
import { lightsQuery } from '../api/dashboard';
import { tasksQuery } from '../api/tasks';
import { taskUnitRefs } from '../api/units';

export type LedgerRow = Task & { light: Light | null; reasons: Reason[] };
export type LedgerFilterName = 'section' | 'leader' | 'unit' | 'light' | 'q';
export const LEDGER_FILTERS: readonly LedgerFilterName[] = ['section', 'leader', 'unit', 'light', 'q'];

export function useLedgerRows(planId: number, params: URLSearchParams) {
  const q = params.get('q')?.trim() || undefined;
  const tasks = useQuery(tasksQuery({ planId }));
  const found = useQuery({ ...tasksQuery({ planId, q }), enabled: q !== undefined, placeholderData: keepPreviousData });
  const lightList = useQuery(lightsQuery(planId));

  const all = useMemo<LedgerRow[]>(() => {
    const lights = new Map(lightList.data?.items.map((x) => [x.taskId, x]) ?? []);
    return (tasks.data?.items ?? []).map((task) => ({ ...task, light: lights.get(task.id)?.light ?? null, reasons: lights.get(task.id)?.reasons ?? [] }));
  }, [tasks.data, lightList.data]);

  const section = params.get('section') ?? undefined;
  const leader = params.get('leader') ?? undefined;
  const unit = params.get('unit') ?? undefined;
  const light = params.get('light') ?? undefined;
  const matching = q === undefined ? undefined : found.data?.items;
  const shown = useMemo(() => {
    const ids = matching === undefined ? undefined : new Set(matching.map((t) => t.id));
    return all.filter(
      (r) =>
        (ids === undefined || ids.has(r.id)) &&
        (section === undefined || String(r.sectionId) === section) &&
        (leader === undefined || r.leaderRefs.some((l) => String(l.id) === leader)) &&
        (unit === undefined || taskUnitRefs(r).some((u) => String(u.id) === unit)) &&
        (light === undefined || (r.light ?? 'none') === light),
    );
  }, [all, matching, section, leader, unit, light]);

  const filtered = LEDGER_FILTERS.some((name) => params.get(name) !== null);
  return { tasks, found, all, shown, filtered, q, searching: q !== undefined && found.isFetching };
}
