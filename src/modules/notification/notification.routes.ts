/** One's own notifications: list, mark one read, mark all read. */
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { MarkedSchema, NotificationListSchema, NotificationQuery, NotificationViewSchema } from './notification.schema.js';
import { listOwnNotifications, readAllNotifications, readNotification } from './notification.service.js';

export function notificationRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/notifications',
    {
      config: { policy: { action: 'session.self' } },
      schema: {
        tags: ['通知'],
        summary: '本人的通知（催办、督办、预警），最新的在前',
        querystring: NotificationQuery,
        response: { 200: NotificationListSchema, ...errorResponses },
      },
    },
    async (request) => listOwnNotifications(db, actorOf(request), request.query),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { policy: { action: 'session.self' } },
      schema: { tags: ['通知'], summary: '标记一条通知为已读', params: IdParams, response: { 200: NotificationViewSchema, ...errorResponses } },
    },
    async (request) => readNotification(db, actorOf(request), request.params.id, deps.clock),
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { policy: { action: 'session.self' } },
      schema: { tags: ['通知'], summary: '全部标记为已读', response: { 200: MarkedSchema, ...errorResponses } },
    },
    async (request) => readAllNotifications(db, actorOf(request), deps.clock),
  );
}
