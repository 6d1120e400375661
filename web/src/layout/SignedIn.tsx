/**
 * The signed-in checks every frame makes before it draws: who is signed in
 * (loading, an error, or a 401 on its way to /login), and a password change
 * due, which sends the user to it first. The app's layout and the print
 * views' frame both stand behind it.
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api';
import type { Me } from '../api-types';
import { ErrorState, Loading } from '../components/States';
import { useMe } from '../api/session';

export function SignedIn({ children }: { children: (me: Me) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  // 401: the API client is already on its way to /login.
  if (me.isError)
    return me.error instanceof ApiError && me.error.status === 401 ? <Loading /> : <ErrorState error={me.error} retry={() => void me.refetch()} />;
  if (me.data.mustChangePassword) {
    return <Navigate to={`/login?change=1&next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return children(me.data);
}
