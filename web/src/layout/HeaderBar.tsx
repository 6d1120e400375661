/** The header: the app's name, unread notifications, who is signed in and as what, language and sign-out. */
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Me } from '../api-types';
import { useI18n } from '../i18n';
import { useSignOut } from '../api/session';
import { NotificationBell } from './NotificationBell';

export function HeaderBar({ me }: { me: Me }) {
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const signOut = useSignOut();
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
        <NotificationBell />
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
