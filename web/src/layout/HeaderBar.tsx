/** The header: the app's name, unread notifications, who is signed in and as what, language and sign-out. */
import { BellOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Layout, List, Popover, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Me } from '../api-types';
import { unreadNotificationsQuery } from '../api/notifications';
import { useI18n } from '../i18n';
import { useSignOut } from '../api/session';
import { PlanSwitcher } from '../components/PlanSwitcher';

const SHOWN = 5;

export function HeaderBar({ me }: { me: Me }) {
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const unread = useQuery(unreadNotificationsQuery());
  const count = unread.data?.unread ?? 0;
  const list = (
    <div style={{ width: 320 }}>
      {count === 0 ? (
        <Typography.Text type="secondary">{t('app.notifications.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={unread.data?.items.slice(0, SHOWN) ?? []}
          renderItem={(n) => (
            <List.Item key={n.id}>
              <List.Item.Meta title={n.title} description={n.body} />
            </List.Item>
          )}
          footer={count > SHOWN ? t('app.notifications.more', { n: count - SHOWN }) : undefined}
        />
      )}
    </div>
  );
  return (
    <Layout.Header
      style={{
        background: '#fff',
        padding: '0 16px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        borderBottom: '1px solid #f0f0f0',
        gap: 8,
      }}
    >
      <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
        {t('app.subtitle')}
      </Typography.Text>
      <Space size="middle" wrap={false}>
        <PlanSwitcher />
        <Popover content={list} title={t('app.notifications')} trigger="click" placement="bottomRight">
          <Button type="text" aria-label={`${t('app.notifications')}: ${count}`} data-testid="notifications">
            <Badge count={count} size="small">
              <BellOutlined style={{ fontSize: 18 }} />
            </Badge>
          </Button>
        </Popover>
        <Space size={4} data-testid="current-user">
          <UserOutlined />
          <span>{me.user.displayName || me.user.username}</span>
          <Typography.Text type="secondary">{me.user.roleLabel}</Typography.Text>
        </Space>
        <Button size="small" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
          {t('app.locale.switch')}
        </Button>
        <Button
          size="small"
          icon={<LogoutOutlined />}
          onClick={() => {
            void signOut().finally(() => navigate('/login', { replace: true }));
          }}
        >
          {t('app.signOut')}
        </Button>
      </Space>
    </Layout.Header>
  );
}
