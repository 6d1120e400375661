/**
 * The app's screens: one entry per address. A screen is a lazily loaded page
 * (its own chunk) in web/src/pages/, the action it needs from the server's
 * `actions` (GET /api/me), and, if it has one, its menu entry. The menu and
 * the router are both made from this table. To add a screen:
 *
 *   1. web/src/pages/RoundsPage.tsx with `export default function RoundsPage()`;
 *   2. here: screen({ path: '/rounds', help: 'help.rounds', load: () => import('./pages/RoundsPage'),
 *      action: 'round.manage', menu: { label: 'menu.rounds', icon: <…Outlined /> } });
 *   3. its strings in i18n.ts (`menu.rounds`, …, and its help `help.rounds`), Chinese and English;
 *   4. optionally `prefetch`, to start its main query (from its resource module in api/, which imports no
 *      screen) while its code loads.
 *
 * Nothing on the server changes: it answers every such address with the app.
 *
 * /login lives outside this table (router.tsx): it is the only screen shown
 * without a session.
 */
import { AuditOutlined, CalendarOutlined, DashboardOutlined, FormOutlined, TableOutlined, UploadOutlined } from '@ant-design/icons';
import { AlertOutlined, ApartmentOutlined, BarChartOutlined, BellOutlined, CheckSquareOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { FileSearchOutlined, FileTextOutlined, SettingOutlined } from '@ant-design/icons';
import type { QueryClient } from '@tanstack/react-query';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { ActionName } from './api-types';
import type { MessageKey } from './i18n';
import { dashboardQuery } from './api/dashboard';
import type { DeskCount } from './api/desk';
import { chosenPlanIdNow } from './api/plans';

export interface ScreenEntry {
  /** The address, as react-router writes it (`/tasks/:id`). */
  path: string;
  /** Loads the page's module (`() => import('./pages/XPage')`, default export): its own chunk. */
  load: () => Promise<{ default: ComponentType }>;
  /** What the user must be allowed (an action of GET /api/me); without it the page shows 403 and has no menu entry. */
  action?: ActionName;
  /** A few sentences on what the screen is for and the usual steps, opened by the help button (layout/ScreenHelp.tsx). */
  help: MessageKey;
  /** The menu entry, in table order; `count`: the desk's count of what awaits the user there (GET /api/desk/counts). */
  menu?: { label: MessageKey; icon: ReactNode; count?: DeskCount };
  /** A print view: shown in the print frame (layout/PrintLayout.tsx), without the menu and header. */
  print?: boolean;
  /** Starts the screen's main query while its code loads (a query of web/src/api/); only for a user who may see it. */
  prefetch?: (client: QueryClient, params: Record<string, string | undefined>) => Promise<void>;
}

export interface Screen extends ScreenEntry {
  /** The page as React renders it, loaded the first time the address is visited. */
  page: LazyExoticComponent<ComponentType>;
}

const screen = (entry: ScreenEntry): Screen => ({ ...entry, page: lazy(entry.load) });

export const SCREENS: Screen[] = [
  screen({
    path: '/dashboard',
    help: 'help.dashboard',
    load: () => import('./pages/DashboardPage'),
    action: 'ledger.read',
    menu: { label: 'menu.dashboard', icon: <DashboardOutlined /> },
    prefetch: (client) => client.prefetchQuery(dashboardQuery(chosenPlanIdNow())),
  }),
  screen({
    path: '/ledger',
    help: 'help.ledger',
    load: () => import('./pages/LedgerPage'),
    action: 'ledger.read',
    menu: { label: 'menu.ledger', icon: <TableOutlined /> },
  }),
  screen({
    path: '/ledger/print',
    load: () => import('./pages/LedgerPrintPage'),
    action: 'ledger.read',
    help: 'help.print',
    print: true,
  }),
  screen({
    path: '/tasks/:id',
    help: 'help.task',
    load: () => import('./pages/TaskPage'),
    action: 'ledger.read',
  }),
  screen({
    path: '/tasks/:id/print',
    load: () => import('./pages/TaskPrintPage'),
    action: 'ledger.read',
    help: 'help.print',
    print: true,
  }),
  screen({
    path: '/governments/:id',
    help: 'help.government',
    load: () => import('./pages/GovernmentPage'),
    action: 'assignment.read',
  }),
  screen({
    path: '/my',
    help: 'help.myWork',
    load: () => import('./pages/MyWorkPage'),
    action: 'report.draft.write',
    menu: { label: 'menu.myWork', icon: <FormOutlined />, count: 'my' },
  }),
  screen({
    path: '/reports/:id',
    help: 'help.report',
    load: () => import('./pages/ReportPage'),
    action: 'ledger.read',
  }),
  screen({
    path: '/tasks/:id/workplan',
    help: 'help.workplan',
    load: () => import('./pages/WorkPlanPage'),
    action: 'ledger.read',
  }),
  screen({
    path: '/import',
    help: 'help.import',
    load: () => import('./pages/ImportPage'),
    action: 'plan.import',
    menu: { label: 'menu.import', icon: <UploadOutlined /> },
  }),
  screen({
    path: '/rounds',
    help: 'help.rounds',
    load: () => import('./pages/RoundsPage'),
    action: 'ledger.read',
    menu: { label: 'menu.rounds', icon: <CalendarOutlined /> },
  }),
  screen({
    path: '/review',
    help: 'help.review',
    load: () => import('./pages/ReviewPage'),
    action: 'report.review',
    menu: { label: 'menu.review', icon: <AuditOutlined />, count: 'review' },
  }),
  screen({
    path: '/decisions',
    help: 'help.decisions',
    load: () => import('./pages/DecisionsPage'),
    action: 'workplan.decide',
    menu: { label: 'menu.decisions', icon: <CheckSquareOutlined />, count: 'decisions' },
  }),
  screen({
    path: '/orders',
    help: 'help.orders',
    load: () => import('./pages/OrdersPage'),
    action: 'order.read',
    menu: { label: 'menu.orders', icon: <AlertOutlined /> },
  }),
  screen({
    path: '/assessment',
    help: 'help.assessment',
    load: () => import('./pages/AssessmentPage'),
    action: 'assessment.read',
    menu: { label: 'menu.assessment', icon: <BarChartOutlined /> },
  }),
  screen({
    path: '/bulletins',
    help: 'help.bulletins',
    load: () => import('./pages/BulletinsPage'),
    action: 'bulletin.read',
    menu: { label: 'menu.bulletins', icon: <FileTextOutlined /> },
  }),
  screen({
    path: '/bulletins/:id',
    help: 'help.bulletin',
    load: () => import('./pages/BulletinPage'),
    action: 'bulletin.read',
  }),
  screen({
    path: '/bulletins/:id/print',
    load: () => import('./pages/BulletinPrintPage'),
    action: 'bulletin.read',
    help: 'help.print',
    print: true,
  }),
  screen({
    path: '/settings',
    help: 'help.settings',
    load: () => import('./pages/SettingsPage'),
    action: 'plan.configure',
    menu: { label: 'menu.settings', icon: <SettingOutlined /> },
  }),
  screen({
    path: '/admin/users',
    help: 'help.users',
    load: () => import('./pages/UsersPage'),
    action: 'user.read',
    menu: { label: 'menu.users', icon: <TeamOutlined /> },
  }),
  screen({
    path: '/admin/audit',
    help: 'help.audit',
    load: () => import('./pages/AuditPage'),
    action: 'audit.read',
    menu: { label: 'menu.audit', icon: <FileSearchOutlined /> },
  }),
  screen({
    path: '/admin/units',
    help: 'help.units',
    load: () => import('./pages/UnitsPage'),
    action: 'unit.manage',
    menu: { label: 'menu.units', icon: <ApartmentOutlined /> },
  }),
  screen({
    path: '/notifications',
    help: 'help.notifications',
    load: () => import('./pages/NotificationsPage'),
    menu: { label: 'menu.notifications', icon: <BellOutlined /> },
  }),
  screen({
    path: '/profile',
    help: 'help.profile',
    load: () => import('./pages/ProfilePage'),
    menu: { label: 'menu.profile', icon: <UserOutlined /> },
  }),
];
/** Where a signed-in user lands at `/`. */
export const HOME = '/dashboard';

/** A safe place to return to after signing in: a path of this site, never another site's address. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : HOME;
}
