/** One's own notifications: list, mark one read, mark all read. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, Obj, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { listOwnNotifications, readAllNotifications, readNotification } from './notification.service.js';

const NotificationQuery = Obj({ unread: Type.Optional(Type.Boolean({ description: 'true：只看未读；false：只看已读' })) });
const NotificationView = Type.Object({}, { additionalProperties: true });

export function notificationRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/notifications',
    { config: { policy: { action: 'session.self' } }, schema: { tags: ['通知'], summary: '本人的通知（催办、督办、预警），最新的在前', querystring: NotificationQuery, response: { 200: Obj({ items: Type.Array(NotificationView), unread: Type.Integer() }), ...errorResponses } } },
    async (request) => listOwnNotifications(db, actorOf(request), request.query),
  );

  app.post(
    '/api/notifications/:id/read',
    { config: { policy: { action: 'session.self' } }, schema: { tags: ['通知'], summary: '标记一条通知为已读', params: IdParams, response: { 200: NotificationView, ...errorResponses } } },
    async (request) => readNotification(db, actorOf(request), request.params.id, deps.clock),
  );

  app.post(
    '/api/notifications/read-all',
    { config: { policy: { action: 'session.self' } }, schema: { tags: ['通知'], summary: '全部标记为已读', response: { 200: Obj({ marked: Type.Integer() }), ...errorResponses } } },
    async (request) => readAllNotifications(db, actorOf(request), deps.clock),
  );
}
