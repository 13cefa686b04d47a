// Roles and what each may do. Scope (which employees) is decided separately in employee-scope.ts.
export const ROLES = ['admin', 'hr', 'manager', 'auditor', 'employee'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'org.read', // sites, departments, positions
  'org.write',
  'employees.read',
  'employees.write',
  'employees.import',
  'users.read',
  'users.write',
  'audit.read',
  'self.read', // own records, own sessions
  'faces.read', // face template metadata (counts, quality, dates; never vectors or photos), engine status
  'faces.enroll', // enroll and delete face templates, bulk enrollment
  'faces.identify', // the identify test tool; names the employee a duplicate face belongs to
  'faces.configure', // face settings such as keeping enrollment photos
  'consent.read', // biometric consent records (单独同意)
  'consent.write', // record or withdraw a biometric consent
  'devices.read', // kiosk devices: status, last seen, punches today, alerts
  'devices.manage', // register, pair, rename, move and revoke kiosks; kiosk settings
  'alerts.read', // the alert centre: anomaly and device alerts with their history (managers: their departments)
  'alerts.manage', // acknowledge, resolve or dismiss alerts and add notes (managers: their departments)
  'alerts.evidence', // view the evidence crop of an alerted punch (every view is audited)
  'notify.configure', // detector settings, alert routing, webhook channels, the delivery log
  'punches.read', // punches and refused attempts, the live punch view (managers: their departments)
  'attendance.read', // shifts, groups, calendars, rules, day results and grids (managers: their departments)
  'attendance.configure', // shifts, groups, schedules, calendars, leave types, balances, recompute, rule previews
  'attendance.punch', // manual punches entered by HR
  'requests.submit', // leave, trip, field work, 补卡 and overtime requests (employees: their own)
  'requests.approve', // decide requests (managers: the manager step for their departments)
  'months.close', // close a month after review and reopen it (月结)
  'assessment.read', // monthly assessment results, ledgers and their exports (managers: their departments)
  'assessment.manage', // assessment rules and the month cycle: compute, review, publish, close
  'appeals.decide', // decide appeals (managers: the manager step for their departments)
  'reports.read', // reports, charts, exports and the monthly data review (managers: their departments)
  'reports.schedule', // reports e-mailed on a schedule to chosen users
  'privacy.read', // retention settings, legal holds and purge reports
  'privacy.manage', // change retention, run the purge, place and release legal holds, export an employee's data
  'punches.evidence', // view a punch's sealed evidence crop (证据照片); each view is audited
  'announcements.manage', // publish and withdraw announcements, see read receipts
  'feedback.answer', // read everyone's feedback and questions about the system, and answer them
  'operations.read', // system status (database, face engine, jobs, backups, devices) and the maintenance log
  'operations.manage', // switch the maintenance mode, write maintenance log entries
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  hr: [
    'org.read',
    'org.write',
    'employees.read',
    'employees.write',
    'employees.import',
    'self.read',
    'faces.read',
    'faces.enroll',
    'faces.identify',
    'consent.read',
    'consent.write',
    'devices.read',
    'alerts.read',
    'alerts.manage',
    'alerts.evidence',
    'notify.configure',
    'punches.read',
    'attendance.read',
    'attendance.configure',
    'attendance.punch',
    'requests.submit',
    'requests.approve',
    'months.close',
    'assessment.read',
    'assessment.manage',
    'appeals.decide',
    'reports.read',
    'reports.schedule',
    'privacy.read',
    'privacy.manage',
    'operations.read',
    'operations.manage',
    'punches.evidence',
    'announcements.manage',
    'feedback.answer',
  ],
  manager: [
    'org.read',
    'employees.read',
    'self.read',
    'punches.read',
    'alerts.read',
    'alerts.manage',
    'attendance.read',
    'reports.read',
    'requests.submit',
    'requests.approve',
    'assessment.read',
    'appeals.decide',
  ],
  auditor: [
    'org.read',
    'employees.read',
    'users.read',
    'audit.read',
    'self.read',
    'faces.read',
    'consent.read',
    'devices.read',
    'alerts.read',
    'punches.read',
    'attendance.read',
    'reports.read',
    'privacy.read',
    'operations.read',
    'assessment.read',
    'punches.evidence',
  ],
  employee: ['self.read', 'requests.submit'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of grants[role]) out.add(p);
  return out;
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => grants[role].includes(permission));
}
