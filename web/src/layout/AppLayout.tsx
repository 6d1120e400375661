/**
 * The signed-in frame: header (notifications, user and role, language,
 * sign-out), a menu made from the screen table and the user's actions, and
 * the current screen. A user whose password change is due is sent to it; a
 * user whose role awaits the security administrator's grant is told so.
 */
import { Alert, Layout, Menu, Typography } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Link } from 'react-router';
import { ApiError } from '../api';
import type { Me } from '../api-types';
import { ErrorState, Loading } from '../components/States';
import { useT } from '../i18n';
import { SCREENS } from '../routes';
import { can, useMe } from '../api/session';
import { HeaderBar } from './HeaderBar';

export default function AppLayout() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  // 401: the API client is already on its way to /login.
  if (me.isError)
    return me.error instanceof ApiError && me.error.status === 401 ? <Loading /> : <ErrorState error={me.error} retry={() => void me.refetch()} />;
  if (me.data.mustChangePassword) {
    return <Navigate to={`/login?change=1&next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <Frame me={me.data} />;
}

function Frame({ me }: { me: Me }) {
  const t = useT();
  const { pathname } = useLocation();
  const entries = SCREENS.filter((s) => s.menu && (!s.action || can(me, s.action)));
  const selected = entries.filter((s) => pathname === s.path || pathname.startsWith(`${s.path}/`)).map((s) => s.path);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={64} theme="light" width={200} style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Typography.Title level={4} style={{ margin: 0, color: '#b71c1c' }}>
            {t('app.name')}
          </Typography.Title>
        </div>
        <nav aria-label={t('app.subtitle')}>
          <Menu
            mode="inline"
            selectedKeys={selected}
            items={entries.map((s) => ({ key: s.path, icon: s.menu?.icon, label: <Link to={s.path}>{s.menu ? t(s.menu.label) : s.path}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <HeaderBar me={me} />
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <main>
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
