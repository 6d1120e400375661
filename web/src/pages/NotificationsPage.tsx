/** The user's notifications (GET /api/notifications): each a link to the thing to do (opening it marks it read); read one at a time or all at once. */
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Badge, Button, Card, Grid, List, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { messageOf } from '../api';
import { notificationsQuery, useMarkAllRead, useMarkRead } from '../api/notifications';
import { EmptyState, QueryView } from '../components/States';
import { useT } from '../i18n';
import { notificationLink } from '../layout/notification-link';

export default function NotificationsPage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const list = useQuery(notificationsQuery());
  const onError = (e: Error) => void message.error(messageOf(e));
  const markOne = useMarkRead({ onError });
  const markAll = useMarkAllRead({ onError });
  const unread = list.data?.items.filter((n) => n.readAt === null).length ?? 0;
  // On a phone the button goes under the notification, which keeps the screen's width.
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('notif.title')}
        </Typography.Title>
        <Button onClick={() => markAll.mutate()} disabled={unread === 0} loading={markAll.isPending}>
          {t('notif.markAll')}
        </Button>
      </Space>
      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('notif.none')} />
          ) : (
            <Card size="small">
              <List
                itemLayout={phone ? 'vertical' : 'horizontal'}
                dataSource={data.items}
                pagination={data.items.length > 20 ? { pageSize: 20, size: 'small' } : false}
                renderItem={(n) => (
                  <List.Item
                    data-testid="notification"
                    data-read={n.readAt ? 'yes' : 'no'}
                    actions={
                      n.readAt === null
                        ? [
                            <Button
                              key="read"
                              size="small"
                              type="link"
                              onClick={() => markOne.mutate(n.id)}
                              loading={markOne.isPending && markOne.variables === n.id}
                            >
                              {t('notif.markRead')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={
                        <Space align="baseline">
                          <span style={{ whiteSpace: 'nowrap' }}>
                            {n.readAt === null ? <Badge status="processing" text={t('notif.unread')} /> : <Badge status="default" text={t('notif.read')} />}
                          </span>
                          <a
                            href={notificationLink(n.objectType, n.objectId)}
                            data-testid="notification-link"
                            style={{ fontWeight: n.readAt === null ? 600 : 400 }}
                            onClick={(e) => {
                              e.preventDefault();
                              if (n.readAt === null) markOne.mutate(n.id);
                              void navigate(notificationLink(n.objectType, n.objectId));
                            }}
                          >
                            {n.title}
                          </a>
                        </Space>
                      }
                      description={
                        <span>
                          {n.body}
                          <br />
                          <Typography.Text type="secondary">{n.createdAt.replace('T', ' ').slice(0, 16)}</Typography.Text>
                        </span>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          )
        }
      </QueryView>
    </Space>
  );
}
