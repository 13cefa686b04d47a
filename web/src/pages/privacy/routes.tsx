// The console pages of the privacy centre and of operations, spread into the route table (src/routes.tsx).
import {
  AlertOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  LockOutlined,
  SafetyOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute, StandaloneRoute } from '../../routes';

export const privacyRoutes: ConsoleRoute[] = [
  {
    path: 'privacy/consent',
    titleKey: 'privacyCentre.nav.consent',
    icon: <FileProtectOutlined />,
    permissions: ['consent.read'],
    section: 'privacy',
    page: lazy(() => import('./ConsentPage')),
  },
  {
    path: 'privacy/retention',
    titleKey: 'privacyCentre.nav.retention',
    icon: <LockOutlined />,
    permissions: ['privacy.read'],
    section: 'privacy',
    page: lazy(() => import('./RetentionPage')),
  },
  {
    path: 'privacy/legal-holds',
    titleKey: 'privacyCentre.nav.legalHolds',
    icon: <SafetyOutlined />,
    permissions: ['privacy.read'],
    section: 'privacy',
    page: lazy(() => import('./LegalHoldsPage')),
  },
  {
    path: 'privacy/requests',
    titleKey: 'privacyCentre.nav.requests',
    icon: <AlertOutlined />,
    permissions: ['privacy.read'],
    section: 'privacy',
    page: lazy(() => import('./RequestsPage')),
  },
  {
    path: 'privacy/impact-assessment',
    titleKey: 'privacyCentre.nav.assessment',
    icon: <FileSearchOutlined />,
    permissions: ['privacy.read'],
    section: 'privacy',
    page: lazy(() => import('./ImpactAssessmentPage')),
  },
  {
    path: 'operations/status',
    titleKey: 'operations.nav.status',
    icon: <DashboardOutlined />,
    permissions: ['operations.read'],
    section: 'system',
    page: lazy(() => import('../operations/StatusPage')),
  },
  {
    path: 'operations/maintenance',
    titleKey: 'operations.nav.maintenance',
    icon: <ToolOutlined />,
    permissions: ['operations.read'],
    section: 'system',
    page: lazy(() => import('../operations/MaintenancePage')),
  },
];

/** Self-service pages of their own (phone first). */
export const privacyStandaloneRoutes: StandaloneRoute[] = [
  { path: '/me/consent', page: lazy(() => import('../me/consent/MyConsentPage')) },
];
