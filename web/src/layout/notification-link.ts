/**
 * Where a notification leads: the thing to do, from its object type and id
 * (the server's delivery.config.ts linkOf says the same for e-mail and webhooks).
 */
const LINKS: Record<string, (id: number) => string> = {
  report: (id) => `/reports/${id}`,
  task: (id) => `/tasks/${id}`,
  // A work plan's notification names its task: the plan is edited on the task's work plan screen.
  workplan: (taskId) => `/tasks/${taskId}/workplan`,
  order: () => '/orders',
  round: () => '/my',
};

export function notificationLink(objectType: string | null, objectId: number | null): string {
  if (objectType === null || objectId === null) return '/notifications';
  return LINKS[objectType]?.(objectId) ?? '/notifications';
}
