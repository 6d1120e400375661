/**
 * Supervision orders (督办单): the list (GET /api/orders), issuing one
 * (POST /api/orders), and the steps 签收, 回复, 办结, each with the version
 * the user saw.
 */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { replaceInLists } from './cache';
import { call } from './call';
import { eventKeys } from './events';
import type { BodyOf, Order } from './types.gen';
import { notificationKeys } from './notifications';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const orderKeys = {
  all: ['orders'] as const,
  list: (planId?: number) => [...orderKeys.all, 'list', planId ?? 'all'] as const,
};

/** The orders of a plan (every plan's without `planId`). */
export const ordersQuery = (planId?: number) =>
  queryOptions({ queryKey: orderKeys.list(planId), queryFn: ({ signal }) => call('GET /api/orders', { query: { planId }, signal }) });

function changed(client: QueryClient, order: Order): void {
  replaceInLists(client, orderKeys.all, order);
  void client.invalidateQueries({ queryKey: orderKeys.all });
  void client.invalidateQueries({ queryKey: notificationKeys.all });
  void client.invalidateQueries({ queryKey: eventKeys.all });
}

function fresh(client: QueryClient, current: Order | undefined): void {
  if (current) replaceInLists(client, orderKeys.all, current);
  else void client.invalidateQueries({ queryKey: orderKeys.all });
}

/** POST /api/orders; an empty respond-by takes the plan's default. */
export function useIssueOrder({ onSuccess, onError }: { onSuccess?: (order: Order) => void; onError?: (error: Error) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ respondBy, ...order }: BodyOf<'POST /api/orders'>) => call('POST /api/orders', { body: { ...order, ...(respondBy ? { respondBy } : {}) } }),
    onSuccess: (order) => {
      changed(client, order);
      onSuccess?.(order);
    },
    ...(onError ? { onError } : {}),
  });
}

type Seen = Pick<Order, 'id' | 'version'>;
export type OrderStep = { step: 'sign'; order: Seen } | { step: 'respond'; order: Seen; response: string } | { step: 'close'; order: Seen; comment: string };

function orderStep(vars: OrderStep): Promise<Order> {
  const params = { id: vars.order.id };
  const version = vars.order.version;
  switch (vars.step) {
    case 'sign':
      return call('POST /api/orders/{id}/sign', { params, body: { version } });
    case 'respond':
      return call('POST /api/orders/{id}/respond', { params, body: { version, response: vars.response } });
    case 'close':
      return call('POST /api/orders/{id}/close', { params, body: { version, comment: vars.comment } });
  }
}

/** A workflow step on an order (签收, 回复, 办结) with the version the user saw. */
export function useOrderStep(callbacks: ScreenCallbacks<Order, OrderStep> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: orderStep,
    fresh,
    ...callbacks,
    onSuccess: (next, vars) => {
      changed(client, next);
      callbacks.onSuccess?.(next, vars);
    },
  });
}
