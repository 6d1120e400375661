/** Extension requests (延期申请): those pending (GET /api/extensions?status=pending), approved or rejected with the version the user saw. */
import { queryOptions, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { replaceInLists } from './cache';
import { call } from './call';
import { eventKeys } from './events';
import { deskKeys } from './desk';
import { taskKeys } from './tasks';
import type { Extension } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const extensionKeys = {
  all: ['extensions'] as const,
  pending: () => [...extensionKeys.all, 'pending'] as const,
};

export const pendingExtensionsQuery = () =>
  queryOptions({ queryKey: extensionKeys.pending(), queryFn: ({ signal }) => call('GET /api/extensions', { query: { status: 'pending' }, signal }) });

function fresh(client: QueryClient, current: Extension | undefined): void {
  if (current) replaceInLists(client, extensionKeys.all, current);
  else void client.invalidateQueries({ queryKey: extensionKeys.all });
}

type Seen = Pick<Extension, 'id' | 'version'>;
export type ExtensionStep = { step: 'approve'; extension: Seen; comment?: string } | { step: 'reject'; extension: Seen; comment: string };

function extensionStep(vars: ExtensionStep): Promise<Extension> {
  const params = { id: vars.extension.id };
  const version = vars.extension.version;
  switch (vars.step) {
    case 'approve':
      return call('POST /api/extensions/{id}/approve', { params, body: { version, ...(vars.comment ? { comment: vars.comment } : {}) } });
    case 'reject':
      return call('POST /api/extensions/{id}/reject', { params, body: { version, comment: vars.comment } });
  }
}

/** 批准 or 不予批准 with the version the user saw; an approval moves the task's deadline. */
export function useExtensionStep(callbacks: ScreenCallbacks<Extension, ExtensionStep> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: extensionStep,
    fresh,
    ...callbacks,
    onSuccess: (next, vars) => {
      void client.invalidateQueries({ queryKey: extensionKeys.all });
      void client.invalidateQueries({ queryKey: eventKeys.all });
      void client.invalidateQueries({ queryKey: deskKeys.all });
      if (vars.step === 'approve') void client.invalidateQueries({ queryKey: taskKeys.all });
      callbacks.onSuccess?.(next, vars);
    },
  });
}
