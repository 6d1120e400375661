/**
 * The signed-in frame: header (notifications, user and role, language,
 * sign-out), a menu made from the screen table and the user's actions, and
 * the current screen. On a phone (below 768 px) the menu is a drawer opened
 * from the header's menu button, and the page alone has the screen's width.
 * The signed-in checks come first (SignedIn.tsx); a user whose role awaits
 * the security administrator's grant is told so.
 */
import { Alert, Badge, Drawer, Grid, Layout, Menu, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import type { Me } from '../api-types';
import { useT } from '../i18n';
import { SCREENS, type Screen } from '../routes';
import { can } from '../api/session';
import { useDeskCounts } from '../api/desk';
import { PlanSwitcher } from '../components/PlanSwitcher';
import { GovernmentSwitcher } from './GovernmentSwitcher';
import { HEADER_HEIGHT, HeaderBar } from './HeaderBar';
import { SignedIn } from './SignedIn';

export default function AppLayout() {
  return <SignedIn>{(me) => <Frame me={me} />}</SignedIn>;
}

/** Below md (768 px) the menu is a drawer opened from the header; from md to lg the Sider shows only icons. */
function Frame({ me }: { me: Me }) {
  const t = useT();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  // Undefined before antd has read the media queries (the first render): the Sider, as on a desktop.
  const phone = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  const entries = SCREENS.filter((s) => s.menu && (!s.action || can(me, s.action)));
  const counts = useDeskCounts(entries.some((s) => s.menu?.count !== undefined));
  const selected = entries.filter((s) => pathname === s.path || pathname.startsWith(`${s.path}/`)).map((s) => s.path);
  const menu = (
    <nav aria-label={t('app.subtitle')}>
      <Menu
        mode="inline"
        selectedKeys={selected}
        onClick={() => setDrawer(false)}
        items={entries.map((s) => ({ key: s.path, icon: s.menu?.icon, label: <MenuLabel screen={s} count={s.menu?.count && counts[s.menu.count]} /> }))}
      />
    </nav>
  );
  // The header's own tools (the plan switcher, for whoever reads plans): in the header on wider screens, above the
  // menu in the drawer on phones.
  // An upper office or leader also has the government switcher (the governments below its own).
  const tools: ReactNode = can(me, 'ledger.read') ? (
    <>
      <GovernmentSwitcher me={me} />
      <PlanSwitcher />
    </>
  ) : null;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          size={260}
          title={t('app.name')}
          styles={{ body: { padding: 0 } }}
          data-testid="menu-drawer"
        >
          {tools ? <div style={{ padding: 12, display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 8 }}>{tools}</div> : null}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider breakpoint="lg" collapsedWidth={64} theme="light" width={200} style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ height: HEADER_HEIGHT, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            <Typography.Title level={4} style={{ margin: 0, color: '#b71c1c', whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Typography.Title>
          </div>
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <HeaderBar me={me} compact={phone} onOpenMenu={() => setDrawer(true)}>
          {tools}
        </HeaderBar>
        <Layout.Content style={{ padding: phone ? 12 : 16, minWidth: 0 }}>
          <main style={{ minWidth: 0, overflowWrap: 'break-word' }}>
            {me.user.rolePending ? (
              <Alert type="warning" showIcon data-testid="role-pending" style={{ marginBottom: 16 }} title={t('app.rolePending')} />
            ) : null}
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** A menu entry: its name, and the number of things awaiting the user there (the desk's count). */
function MenuLabel({ screen, count }: { screen: Screen; count: number | undefined }) {
  const t = useT();
  const name = screen.menu ? t(screen.menu.label) : screen.path;
  return (
    <Link to={screen.path}>
      {name}
      {count ? (
        <Badge
          count={count}
          size="small"
          style={{ marginInlineStart: 6 }}
          aria-label={t('menu.count', { n: count })}
          data-testid={`menu-count-${screen.path.slice(1)}`}
        />
      ) : null}
    </Link>
  );
}
