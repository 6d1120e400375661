/** The header's bell: the unread notifications, each a link that marks it read and opens the thing to do. */
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { unreadNotificationsQuery, useMarkRead } from '../api/notifications';
import { useT } from '../i18n';
import { notificationLink } from './notification-link';

const SHOWN = 5;

export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useQuery(unreadNotificationsQuery());
  const markRead = useMarkRead();
  const count = unread.data?.unread ?? 0;
  const go = (id: number, to: string) => {
    setOpen(false);
    markRead.mutate(id);
    void navigate(to);
  };
  const list = (
    <div style={{ width: 'min(320px, calc(100vw - 32px))' }}>
      {count === 0 ? (
        <Typography.Text type="secondary">{t('app.notifications.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={unread.data?.items.slice(0, SHOWN) ?? []}
          renderItem={(n) => {
            const to = notificationLink(n.objectType, n.objectId);
            return (
              <List.Item key={n.id} data-testid="bell-notification">
                <List.Item.Meta
                  title={
                    <a
                      href={to}
                      onClick={(e) => {
                        e.preventDefault();
                        go(n.id, to);
                      }}
                    >
                      {n.title}
                    </a>
                  }
                  description={n.body}
                />
              </List.Item>
            );
          }}
          footer={
            <Link to="/notifications" onClick={() => setOpen(false)}>
              {count > SHOWN ? t('app.notifications.more', { n: count - SHOWN }) : t('app.notifications.all')}
            </Link>
          }
        />
      )}
    </div>
  );
  return (
    <Popover content={list} title={t('app.notifications')} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Button type="text" aria-label={`${t('app.notifications')}: ${count}`} data-testid="notifications">
        <Badge count={count} size="small">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
