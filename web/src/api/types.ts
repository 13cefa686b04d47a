// Shapes of the API's answers, as in src/http/routes/** (OpenAPI at /api/docs/json).

export const ROLES = ['admin', 'hr', 'manager', 'auditor', 'employee'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'assessment.read'
  | 'assessment.manage'
  | 'appeals.decide'
  | 'org.read'
  | 'org.write'
  | 'employees.read'
  | 'employees.write'
  | 'employees.import'
  | 'users.read'
  | 'users.write'
  | 'audit.read'
  | 'self.read'
  | 'faces.read'
  | 'faces.enroll'
  | 'faces.identify'
  | 'faces.configure'
  | 'consent.read'
  | 'consent.write'
  | 'devices.read'
  | 'devices.manage'
  | 'alerts.read'
  | 'alerts.manage'
  | 'alerts.evidence'
  | 'notify.configure'
  | 'punches.read'
  | 'attendance.read'
  | 'attendance.configure'
  | 'attendance.punch'
  | 'requests.submit'
  | 'requests.approve'
  | 'months.close'
  | 'reports.read'
  | 'reports.schedule'
  | 'privacy.read'
  | 'privacy.manage'
  | 'punches.evidence'
  | 'announcements.manage'
  | 'feedback.answer'
  | 'operations.read'
  | 'operations.manage';

export interface Me {
  userId: number;
  username: string;
  roles: Role[];
  permissions: Permission[];
  employeeId: number | null;
  managedDepartmentIds: number[];
  csrfToken: string;
  mustChangePassword?: boolean;
}

export interface Paged<T> {
  total: number;
  items: T[];
}

export const EMPLOYEE_STATUSES = ['active', 'suspended', 'terminated'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

export interface Employee {
  id: number;
  employeeNo: string;
  name: string;
  departmentId: number | null;
  positionId: number | null;
  siteId: number | null;
  hireDate: string | null;
  terminationDate: string | null;
  status: EmployeeStatus;
  phone: string | null;
  email: string | null;
  hasPin: boolean;
}

export type EmployeeInput = Omit<Employee, 'id' | 'hasPin'>;

export interface Department {
  id: number;
  name: string;
  code: string | null;
  parentId: number | null;
  employeeCount: number;
  managerUserIds: number[];
}

export interface Site {
  id: number;
  name: string;
  address: string | null;
  timeZone: string;
  latitude: number | null;
  longitude: number | null;
}

export interface Position {
  id: number;
  name: string;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  employeeId: number | null;
  status: 'active' | 'disabled';
  roles: Role[];
  managedDepartmentIds: number[];
  locked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface Session {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  break?: { id: number; problem: string; at?: string; action?: string };
}

export type ImportKind = 'employees' | 'departments';

export interface ImportProblem {
  row: number;
  field: string;
  code: string;
  value?: string;
}

export interface ImportPreview {
  kind: ImportKind;
  totalRows: number;
  validRows: number;
  creates: number;
  updates: number;
  problems: ImportProblem[];
  sample: Record<string, unknown>[];
}
