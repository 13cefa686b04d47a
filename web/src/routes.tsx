// The route table of the web app. To add a page: write it under pages/<area>/, then add one entry here.
// `consoleRoutes` appear inside the console layout (menu + header) and need a session; `section` puts them in
// the menu, and `permissions` decides who sees and opens them. `standaloneRoutes` (a kiosk screen, say) get
// the whole window and handle their own access.
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  MessageOutlined,
  NotificationOutlined,
  QrcodeOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TableOutlined,
  TabletOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Permission } from './api/types';
import { alertsRoutes } from './pages/alerts/routes';
import { privacyRoutes, privacyStandaloneRoutes } from './pages/privacy/routes';

export type TranslationKey = ParseKeys;

export interface ConsoleRoute {
  /** Path under the console root, without the leading slash (e.g. "employees"). */
  path: string;
  /** Translation key of the menu label and the page title. */
  titleKey: TranslationKey;
  icon: ReactNode;
  /** Any one of these permissions opens the page; an empty list means every logged-in user. */
  permissions: Permission[];
  /** The menu section it is listed in; without one the page is reachable but not in the menu. */
  section?: MenuSectionKey;
  page: LazyExoticComponent<ComponentType>;
}

export interface StandaloneRoute {
  /** Full path, e.g. "/kiosk/*". */
  path: string;
  page: LazyExoticComponent<ComponentType>;
}

/** Menu sections, in menu order. */
export const menuSections = [
  { key: 'workspace', titleKey: 'workspace.title' },
  { key: 'organisation', titleKey: 'nav.sections.organisation' },
  { key: 'attendance', titleKey: 'attendance.nav.section' },
  { key: 'reports', titleKey: 'reports.title' },
  { key: 'assessment', titleKey: 'assessment.title' },
  { key: 'alerts', titleKey: 'alerts.title' },
  { key: 'privacy', titleKey: 'privacyCentre.title' },
  { key: 'system', titleKey: 'nav.sections.system' },
  { key: 'personal', titleKey: 'nav.sections.personal' },
] as const satisfies readonly { key: string; titleKey: TranslationKey }[];
export type MenuSectionKey = (typeof menuSections)[number]['key'];

export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'dashboard',
    titleKey: 'workspace.nav.dashboard',
    icon: <DashboardOutlined />,
    permissions: ['attendance.read'],
    section: 'workspace',
    page: lazy(() => import('./pages/dashboard/DashboardPage')),
  },
  {
    // The menu entry (and employees' landing page) of /me, a standalone page that fits a phone: this path
    // forwards there.
    path: 'me/home',
    titleKey: 'workspace.nav.me',
    icon: <HomeOutlined />,
    permissions: ['self.read'],
    section: 'workspace',
    page: lazy(() => import('./pages/me/ToMePage')),
  },
  {
    path: 'records',
    titleKey: 'workspace.nav.records',
    icon: <UnorderedListOutlined />,
    permissions: ['punches.read'],
    section: 'workspace',
    page: lazy(() => import('./pages/records/RecordsPage')),
  },
  {
    path: 'employee-calendar',
    titleKey: 'workspace.nav.calendar',
    icon: <CalendarOutlined />,
    permissions: ['attendance.read'],
    section: 'workspace',
    page: lazy(() => import('./pages/records/EmployeeCalendarPage')),
  },
  {
    path: 'announcements',
    titleKey: 'workspace.nav.announcements',
    icon: <NotificationOutlined />,
    permissions: [],
    section: 'workspace',
    page: lazy(() => import('./pages/announcements/AnnouncementsPage')),
  },
  {
    path: 'feedback',
    titleKey: 'workspace.nav.feedback',
    icon: <MessageOutlined />,
    permissions: [],
    section: 'workspace',
    page: lazy(() => import('./pages/feedback/FeedbackPage')),
  },
  {
    path: 'help',
    titleKey: 'workspace.nav.help',
    icon: <QuestionCircleOutlined />,
    permissions: [],
    section: 'workspace',
    page: lazy(() => import('./pages/help/HelpPage')),
  },
  {
    path: 'employees',
    titleKey: 'nav.employees',
    icon: <TeamOutlined />,
    permissions: ['employees.read'],
    section: 'organisation',
    page: lazy(() => import('./pages/employees/EmployeesPage')),
  },
  {
    path: 'departments',
    titleKey: 'nav.departments',
    icon: <ApartmentOutlined />,
    permissions: ['org.read'],
    section: 'organisation',
    page: lazy(() => import('./pages/departments/DepartmentsPage')),
  },
  {
    path: 'sites',
    titleKey: 'nav.sites',
    icon: <EnvironmentOutlined />,
    permissions: ['org.read'],
    section: 'organisation',
    page: lazy(() => import('./pages/sites/SitesPage')),
  },
  {
    path: 'positions',
    titleKey: 'nav.positions',
    icon: <IdcardOutlined />,
    permissions: ['org.read'],
    section: 'organisation',
    page: lazy(() => import('./pages/positions/PositionsPage')),
  },
  {
    path: 'faces',
    titleKey: 'faces.title',
    icon: <ScanOutlined />,
    permissions: ['faces.read', 'faces.enroll', 'faces.identify'],
    section: 'organisation',
    page: lazy(() => import('./pages/faces/FacesPage')),
  },
  {
    path: 'import',
    titleKey: 'nav.import',
    icon: <CloudUploadOutlined />,
    permissions: ['employees.import'],
    section: 'organisation',
    page: lazy(() => import('./pages/import/ImportPage')),
  },
  {
    path: 'users',
    titleKey: 'nav.users',
    icon: <SafetyCertificateOutlined />,
    permissions: ['users.read'],
    section: 'system',
    page: lazy(() => import('./pages/users/UsersPage')),
  },
  {
    path: 'audit',
    titleKey: 'nav.audit',
    icon: <AuditOutlined />,
    permissions: ['audit.read'],
    section: 'system',
    page: lazy(() => import('./pages/audit/AuditPage')),
  },
  {
    path: 'devices',
    titleKey: 'devices.title',
    icon: <TabletOutlined />,
    permissions: ['devices.read'],
    section: 'system',
    page: lazy(() => import('./pages/devices/DevicesPage')),
  },
  {
    path: 'punches/live',
    titleKey: 'punches.title',
    icon: <ClockCircleOutlined />,
    permissions: ['punches.read'],
    section: 'system',
    page: lazy(() => import('./pages/punches/LivePunchesPage')),
  },
  {
    path: 'me/punch-code',
    titleKey: 'punchCode.title',
    icon: <QrcodeOutlined />,
    permissions: ['self.read'],
    section: 'personal',
    page: lazy(() => import('./pages/me/PunchCodePage')),
  },
  {
    path: 'attendance/grid',
    titleKey: 'attendance.nav.grid',
    icon: <TableOutlined />,
    permissions: ['attendance.read'],
    section: 'attendance',
    page: lazy(() => import('./pages/attendance/MonthGridPage')),
  },
  {
    path: 'attendance/requests',
    titleKey: 'attendance.nav.requests',
    icon: <FileTextOutlined />,
    permissions: ['requests.submit', 'attendance.read'],
    section: 'attendance',
    page: lazy(() => import('./pages/attendance/RequestsPage')),
  },
  {
    path: 'attendance/approvals',
    titleKey: 'attendance.nav.approvals',
    icon: <CheckSquareOutlined />,
    permissions: ['requests.approve'],
    section: 'attendance',
    page: lazy(() => import('./pages/attendance/ApprovalsPage')),
  },
  {
    path: 'attendance/schedule',
    titleKey: 'attendance.nav.schedule',
    icon: <ScheduleOutlined />,
    permissions: ['attendance.read'],
    section: 'attendance',
    page: lazy(() => import('./pages/attendance/ScheduleGridPage')),
  },
  {
    path: 'attendance/groups',
    titleKey: 'attendance.nav.groups',
    icon: <ClusterOutlined />,
    permissions: ['attendance.read'],
    section: 'attendance',
    page: lazy(() => import('./pages/attendance/GroupsPage')),
  },
  {
    path: 'attendance/shifts',
    titleKey: 'attendance.nav.shifts',
    icon: <FieldTimeOutlined />,
    permissions: ['attendance.read'],
    section: 'attendance',
    page: lazy(() => import('./pages/attendance/ShiftsPage')),
  },
  {
    path: 'attendance/calendars',
    titleKey: 'attendance.nav.calendars',
    icon: <CalendarOutlined />,
    permissions: ['attendance.read'],
    section: 'attendance',
    page: lazy(() => import('./pages/attendance/CalendarPage')),
  },
  {
    path: 'attendance/leave-types',
    titleKey: 'attendance.nav.leaveTypes',
    icon: <SolutionOutlined />,
    permissions: ['attendance.read'],
    section: 'attendance',
    page: lazy(() => import('./pages/attendance/LeaveTypesPage')),
  },
  {
    path: 'attendance/settings',
    titleKey: 'attendance.nav.settings',
    icon: <SettingOutlined />,
    permissions: ['attendance.configure'],
    section: 'attendance',
    page: lazy(() => import('./pages/attendance/SettingsPage')),
  },
  {
    path: 'reports/daily',
    titleKey: 'reports.nav.daily',
    icon: <FileTextOutlined />,
    permissions: ['reports.read'],
    section: 'reports',
    page: lazy(() => import('./pages/reports/DailyReportPage')),
  },
  {
    path: 'reports/monthly',
    titleKey: 'reports.nav.monthly',
    icon: <TableOutlined />,
    permissions: ['reports.read'],
    section: 'reports',
    page: lazy(() => import('./pages/reports/MonthlyReportPage')),
  },
  {
    path: 'reports/departments',
    titleKey: 'reports.nav.departments',
    icon: <ApartmentOutlined />,
    permissions: ['reports.read'],
    section: 'reports',
    page: lazy(() => import('./pages/reports/DepartmentsReportPage')),
  },
  {
    path: 'reports/review',
    titleKey: 'reports.nav.review',
    icon: <CheckSquareOutlined />,
    permissions: ['reports.read'],
    section: 'reports',
    page: lazy(() => import('./pages/reports/DataReviewPage')),
  },
  {
    path: 'reports/schedules',
    titleKey: 'reports.nav.schedules',
    icon: <ScheduleOutlined />,
    permissions: ['reports.schedule'],
    section: 'reports',
    page: lazy(() => import('./pages/reports/SchedulesPage')),
  },
  {
    path: 'assessment/months',
    titleKey: 'assessment.nav.cycle',
    icon: <SolutionOutlined />,
    permissions: ['assessment.read'],
    section: 'assessment',
    page: lazy(() => import('./pages/assessment/CyclePage')),
  },
  {
    path: 'assessment/publication',
    titleKey: 'assessment.nav.publication',
    icon: <TableOutlined />,
    permissions: [],
    section: 'assessment',
    page: lazy(() => import('./pages/assessment/PublicationPage')),
  },
  {
    path: 'appeals',
    titleKey: 'assessment.nav.appeals',
    icon: <CheckSquareOutlined />,
    permissions: ['appeals.decide'],
    section: 'assessment',
    page: lazy(() => import('./pages/appeals/AppealsPage')),
  },
  {
    path: 'assessment/settings',
    titleKey: 'assessment.nav.settings',
    icon: <SettingOutlined />,
    permissions: ['assessment.manage'],
    section: 'assessment',
    page: lazy(() => import('./pages/assessment/SettingsPage')),
  },
  {
    path: 'me/statements',
    titleKey: 'assessment.nav.myStatements',
    icon: <FileTextOutlined />,
    permissions: [],
    section: 'personal',
    page: lazy(() => import('./pages/me/statements/MyStatementsPage')),
  },
  {
    path: 'me/appeals',
    titleKey: 'assessment.nav.myAppeals',
    icon: <AuditOutlined />,
    permissions: [],
    section: 'personal',
    page: lazy(() => import('./pages/me/appeals/MyAppealsPage')),
  },
  {
    path: 'account',
    titleKey: 'nav.account',
    icon: <UserOutlined />,
    permissions: [],
    section: 'personal',
    page: lazy(() => import('./pages/account/AccountPage')),
  },
  ...alertsRoutes,
  ...privacyRoutes,
];

export const standaloneRoutes: StandaloneRoute[] = [
  { path: '/me', page: lazy(() => import('./pages/me/MePage')) },
  ...privacyStandaloneRoutes,
];

export function canOpen(route: ConsoleRoute, can: (permission: Permission) => boolean): boolean {
  return route.permissions.length === 0 || route.permissions.some(can);
}

/** The first menu page the user may open: where "/" leads after login. */
export function homePath(can: (permission: Permission) => boolean): string {
  const first = consoleRoutes.find((r) => r.section && canOpen(r, can));
  return `/${first?.path ?? 'account'}`;
}
