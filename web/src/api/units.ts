/** Units (GET /api/units): created (POST) and renamed or re-kinded with the version the user saw (PATCH). */
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { replaceInLists } from './cache';
import { call } from './call';
import type { NamedRef, Task, Unit, UnitKind } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const unitKeys = {
  all: ['units'] as const,
  list: () => [...unitKeys.all, 'list'] as const,
};

export const unitsQuery = () => queryOptions({ queryKey: unitKeys.list(), queryFn: ({ signal }) => call('GET /api/units', { signal }) });

export interface UnitFields {
  name: string;
  kind: UnitKind;
}

/** Creates a unit (`unit` null) or changes the one the user saw. */
export function useSaveUnit(callbacks: ScreenCallbacks<Unit, { unit: Unit | null; fields: UnitFields }> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: ({ unit, fields }: { unit: Unit | null; fields: UnitFields }) =>
      unit ? call('PATCH /api/units/{id}', { params: { id: unit.id }, body: { version: unit.version, ...fields } }) : call('POST /api/units', { body: fields }),
    fresh: (c, current: Unit | undefined) => (current ? replaceInLists(c, unitKeys.all, current) : void c.invalidateQueries({ queryKey: unitKeys.all })),
    ...callbacks,
    onSuccess: (saved, vars) => {
      void client.invalidateQueries({ queryKey: unitKeys.all });
      callbacks.onSuccess?.(saved, vars);
    },
  });
}

/**
 * Every unit a task involves, each once: those it names, and the members of the unit groups among them, who report
 * in the group's place (a report's unitId may be a member's).
 */
export function taskUnitRefs(task: Pick<Task, 'hostUnitRefs' | 'coUnitRefs' | 'hostMemberRefs' | 'coMemberRefs'>): NamedRef[] {
  const all = [...task.hostUnitRefs, ...task.coUnitRefs, ...task.hostMemberRefs, ...task.coMemberRefs];
  return all.filter((u, i) => all.findIndex((v) => v.id === u.id) === i);
}
