/**
 * The frame of the print views: the signed-in checks of the app's layout
 * (who is signed in, a password change due) without its menu and header, so
 * that the page holds only what prints.
 */
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api';
import { ErrorState, Loading } from '../components/States';
import { useMe } from '../api/session';

export default function PrintLayout() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  // 401: the API client is already on its way to /login.
  if (me.isError)
    return me.error instanceof ApiError && me.error.status === 401 ? <Loading /> : <ErrorState error={me.error} retry={() => void me.refetch()} />;
  if (me.data.mustChangePassword) {
    return <Navigate to={`/login?change=1&next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return (
    <main>
      <Outlet />
    </main>
  );
}
