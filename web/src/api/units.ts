/**
 * The unit directory (GET /api/units), kept by the office: a unit created (POST), renamed or re-kinded (PATCH),
 * its aliases set (PUT …/aliases) and a group's members set (PUT …/members), each with the version the user saw.
 */
import { queryOptions, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { replaceInLists } from './cache';
import { call } from './call';
import { taskKeys } from './tasks';
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
  /** Only when creating: a new unit's aliases. */
  aliases?: string[];
}

const fresh = (c: QueryClient, current: Unit | undefined) =>
  current ? replaceInLists(c, unitKeys.all, current) : void c.invalidateQueries({ queryKey: unitKeys.all });

/** The directory changed: the units, and the tasks that show units' names and groups' members. */
function useDirectoryChanged(): () => void {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: unitKeys.all });
    void client.invalidateQueries({ queryKey: taskKeys.all });
  };
}

/** Creates a unit (`unit` null) or changes the one the user saw. */
export function useSaveUnit(callbacks: ScreenCallbacks<Unit, { unit: Unit | null; fields: UnitFields }> = {}) {
  const changed = useDirectoryChanged();
  return useVersionedMutation({
    mutationFn: ({ unit, fields }: { unit: Unit | null; fields: UnitFields }) =>
      unit
        ? call('PATCH /api/units/{id}', { params: { id: unit.id }, body: { version: unit.version, name: fields.name, kind: fields.kind } })
        : call('POST /api/units', { body: fields }),
    fresh,
    ...callbacks,
    onSuccess: (saved, vars) => {
      changed();
      callbacks.onSuccess?.(saved, vars);
    },
  });
}

/** Sets the aliases of the unit the user saw (all of them: the list replaces the stored one). */
export function useSetAliases(callbacks: ScreenCallbacks<Unit, { unit: Unit; aliases: string[] }> = {}) {
  const changed = useDirectoryChanged();
  return useVersionedMutation({
    mutationFn: ({ unit, aliases }: { unit: Unit; aliases: string[] }) =>
      call('PUT /api/units/{id}/aliases', { params: { id: unit.id }, body: { version: unit.version, aliases } }),
    fresh,
    ...callbacks,
    onSuccess: (saved, vars) => {
      changed();
      callbacks.onSuccess?.(saved, vars);
    },
  });
}

/** Sets the members of the group the user saw (all of them: the list replaces the stored one). */
export function useSetMembers(callbacks: ScreenCallbacks<Unit, { group: Unit; memberIds: number[] }> = {}) {
  const changed = useDirectoryChanged();
  return useVersionedMutation({
    mutationFn: ({ group, memberIds }: { group: Unit; memberIds: number[] }) =>
      call('PUT /api/units/{id}/members', { params: { id: group.id }, body: { version: group.version, memberIds } }),
    fresh,
    ...callbacks,
    onSuccess: (saved, vars) => {
      changed();
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
