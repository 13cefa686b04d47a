// The console pages of the alerts area, spread into the route table (src/routes.tsx).
import { AlertOutlined, BellOutlined, ControlOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../routes';

const AlertsPage = lazy(() => import('./AlertsPage'));

export const alertsRoutes: ConsoleRoute[] = [
  {
    path: 'alerts',
    titleKey: 'alerts.nav.centre',
    icon: <AlertOutlined />,
    permissions: ['alerts.read'],
    section: 'alerts',
    page: AlertsPage,
  },
  // A notice's link opens one alert in the centre.
  {
    path: 'alerts/:id',
    titleKey: 'alerts.nav.centre',
    icon: <AlertOutlined />,
    permissions: ['alerts.read'],
    page: AlertsPage,
  },
  {
    path: 'alert-settings',
    titleKey: 'alerts.nav.settings',
    icon: <ControlOutlined />,
    permissions: ['notify.configure'],
    section: 'alerts',
    page: lazy(() => import('./AlertSettingsPage')),
  },
  {
    path: 'notifications',
    titleKey: 'alerts.nav.notifications',
    icon: <BellOutlined />,
    permissions: [],
    section: 'personal',
    page: lazy(() => import('../notifications/NotificationsPage')),
  },
];
