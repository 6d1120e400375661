/** The router: /login alone, every other screen inside the signed-in layout (routes.tsx). */
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { setUnauthenticatedHandler } from './api';
import { CrashState, Loading, NotFoundState } from './components/States';
import { queryClient } from './query-client';
import { HOME, SCREENS, type Screen } from './routes';
import { can, meQuery } from './api/session';
import { ScreenPage } from './layout/ScreenPage';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const loadLayout = () => import('./layout/AppLayout');
const AppLayout = lazy(loadLayout);
const PrintLayout = lazy(() => import('./layout/PrintLayout'));

const suspended = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

/**
 * The loaders only start work and return at once: the layout's code, who is
 * signed in, and the screen's code and main query all load side by side
 * instead of one after the other.
 */
async function prefetchScreen(screen: Screen, params: Record<string, string | undefined>): Promise<void> {
  if (!screen.prefetch) return;
  const me = await queryClient.ensureQueryData(meQuery).catch(() => null);
  if (me && !me.mustChangePassword && (!screen.action || can(me, screen.action))) await screen.prefetch(queryClient, params);
}

/** A screen of the table as a route: its page, and its loader starting its code and main query. */
const screenRoute = (screen: Screen) => ({
  path: screen.path.slice(1),
  element: <ScreenPage screen={screen} />,
  loader: ({ params }: { params: Record<string, string | undefined> }) => {
    void screen.load();
    void prefetchScreen(screen, params);
    return null;
  },
});

export const router = createBrowserRouter([
  { path: '/login', element: suspended(<LoginPage />), errorElement: <CrashState />, hydrateFallbackElement: <Loading /> },
  {
    path: '/',
    element: suspended(<AppLayout />),
    errorElement: <CrashState />,
    hydrateFallbackElement: <Loading />,
    loader: () => {
      void loadLayout();
      void queryClient.prefetchQuery(meQuery);
      return null;
    },
    children: [
      { index: true, element: <Navigate to={HOME} replace /> },
      ...SCREENS.filter((screen) => !screen.print).map(screenRoute),
      { path: '*', element: <NotFoundState /> },
    ],
  },
  {
    // The print views: the same checks, without the menu and header.
    element: suspended(<PrintLayout />),
    errorElement: <CrashState />,
    hydrateFallbackElement: <Loading />,
    loader: () => {
      void queryClient.prefetchQuery(meQuery);
      return null;
    },
    children: SCREENS.filter((screen) => screen.print).map(screenRoute),
  },
]);

setUnauthenticatedHandler(() => {
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  void router.navigate(`/login?next=${encodeURIComponent(`${pathname}${search}`)}`, { replace: true });
});
