/**
 * The header: the app's name, unread notifications, who is signed in and as what, language and sign-out.
 * Its height is fixed (HEADER_HEIGHT) and nothing in it wraps: the name gives way (ellipsis) before anything
 * else. On a phone (`compact`) a menu button opens the layout's menu drawer, and who is signed in, the language
 * and sign-out fold into the user button's dropdown. `children` are the header's own tools (a plan switcher,
 * say), in a flexible area between the name and the bell; on a phone the layout shows them in the drawer.
 */
import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Me } from '../api-types';
import { useI18n } from '../i18n';
import { useSignOut } from '../api/session';
import { NotificationBell } from './NotificationBell';

/** The header's one height, in px, on every screen (the Sider's name box matches it). */
export const HEADER_HEIGHT = 56;

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

export function HeaderBar({ me, compact = false, onOpenMenu, children }: { me: Me; compact?: boolean; onOpenMenu?: () => void; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Layout.Header
      data-testid="app-header"
      style={{
        background: '#fff',
        height: HEADER_HEIGHT,
        lineHeight: `${HEADER_HEIGHT}px`,
        padding: compact ? '0 8px' : '0 16px',
        display: 'flex',
        alignItems: 'center',
        borderBottom: '1px solid #f0f0f0',
        gap: compact ? 4 : 8,
        overflow: 'hidden',
        ...(compact ? { position: 'sticky', top: 0, zIndex: 100 } : {}),
      }}
    >
      {compact ? (
        <Button type="text" icon={<MenuOutlined style={{ fontSize: 18 }} />} aria-label={t('app.menu.open')} data-testid="menu-button" onClick={onOpenMenu} />
      ) : null}
      <Typography.Text strong ellipsis style={{ flex: '1 1 auto', minWidth: 0 }}>
        {compact ? <span style={{ color: '#b71c1c', marginRight: 8 }}>{t('app.name')}</span> : null}
        {t('app.subtitle')}
      </Typography.Text>
      {!compact && children ? (
        <div style={{ flex: '0 1 auto', minWidth: 0, display: 'flex', alignItems: 'center', gap: 8, overflow: 'hidden' }}>{children}</div>
      ) : null}
      <Space size={compact ? 4 : 'middle'} wrap={false} style={{ flex: 'none' }}>
        <NotificationBell />
        {compact ? <UserMenu me={me} /> : <UserBar me={me} />}
      </Space>
    </Layout.Header>
  );
}

const nameOf = (me: Me): string => me.user.displayName || me.user.username;

/** Sign out, then to /login. */
function useLeave(): () => void {
  const navigate = useNavigate();
  const signOut = useSignOut();
  return () => {
    void signOut().finally(() => navigate('/login', { replace: true }));
  };
}

/** Wider screens: who is signed in and as what, the language switch and sign-out, side by side. */
function UserBar({ me }: { me: Me }) {
  const { t, locale, setLocale } = useI18n();
  const leave = useLeave();
  return (
    <>
      <Space size={4} align="center" data-testid="current-user" style={{ ...NO_WRAP, maxWidth: 280, overflow: 'hidden', lineHeight: 1.5 }}>
        <UserOutlined />
        <Typography.Text ellipsis style={{ maxWidth: 160 }}>
          {nameOf(me)}
        </Typography.Text>
        <Typography.Text type="secondary" style={NO_WRAP}>
          {me.user.roleLabel}
        </Typography.Text>
      </Space>
      <Button size="small" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
        {t('app.locale.switch')}
      </Button>
      <Button size="small" icon={<LogoutOutlined />} onClick={leave}>
        {t('app.signOut')}
      </Button>
    </>
  );
}

/** Phones: one button; its dropdown holds who is signed in and as what, the language switch and sign-out. */
function UserMenu({ me }: { me: Me }) {
  const { t, locale, setLocale } = useI18n();
  const leave = useLeave();
  const name = nameOf(me);
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      popupRender={(menu) => (
        <div
          style={{ background: '#fff', borderRadius: 4, boxShadow: '0 6px 16px rgba(0, 0, 0, 0.12)', maxWidth: 'calc(100vw - 16px)' }}
          data-testid="user-menu"
        >
          <div style={{ padding: '10px 16px 6px', lineHeight: 1.5 }}>
            <Typography.Text strong style={{ display: 'block' }} data-testid="user-menu-name">
              {name}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="user-menu-role">
              {me.user.roleLabel}
            </Typography.Text>
          </div>
          {menu}
        </div>
      )}
      menu={{
        style: { boxShadow: 'none' },
        items: [
          { type: 'divider' },
          { key: 'locale', icon: <GlobalOutlined />, label: t('app.locale.switch') },
          { key: 'signOut', icon: <LogoutOutlined />, label: t('app.signOut') },
        ],
        onClick: ({ key }) => {
          if (key === 'locale') setLocale(locale === 'zh' ? 'en' : 'zh');
          else if (key === 'signOut') leave();
        },
      }}
    >
      <Button
        type="text"
        icon={<UserOutlined style={{ fontSize: 18 }} />}
        aria-label={t('app.user.menu', { name, role: me.user.roleLabel })}
        data-testid="current-user"
      />
    </Dropdown>
  );
}
