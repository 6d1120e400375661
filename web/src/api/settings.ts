/**
 * A plan's settings (GET /api/plans/:id/settings): the lights' thresholds,
 * reminders, order rules, scoring, the bulletin's letterhead; each part saved
 * on its own (a partial PUT) with the version the user saw. On a conflict the
 * card keeps what the user typed and offers to reload ('ask').
 */
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { call } from './call';
import type { PlanSettings, SettingsView } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const settingsKeys = {
  all: ['settings'] as const,
  plan: (planId: number) => [...settingsKeys.all, planId] as const,
};

export const settingsQuery = (planId: number) =>
  queryOptions({ queryKey: settingsKeys.plan(planId), queryFn: ({ signal }) => call('GET /api/plans/{id}/settings', { params: { id: planId }, signal }) });

/** A part (or parts) of the settings as the user changed it. */
export type SettingsPatch = { [K in keyof PlanSettings]?: Partial<PlanSettings[K]> };

/** PUT /api/plans/:id/settings with `view`'s version: the settings as the user saw them. */
export function useSaveSettings(view: SettingsView, callbacks: ScreenCallbacks<SettingsView, SettingsPatch> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: (patch: SettingsPatch) => call('PUT /api/plans/{id}/settings', { params: { id: view.planId }, body: { version: view.version, ...patch } }),
    fresh: (c, current: SettingsView | undefined) =>
      current ? c.setQueryData(settingsKeys.plan(current.planId), current) : void c.invalidateQueries({ queryKey: settingsKeys.plan(view.planId) }),
    reload: 'ask',
    ...callbacks,
    onSuccess: (next, patch) => {
      client.setQueryData(settingsKeys.plan(next.planId), next);
      callbacks.onSuccess?.(next, patch);
    },
  });
}
