// Table types for Kysely. Instants are ISO-8601 UTC strings, dates 'YYYY-MM-DD', booleans 0/1, JSON as text,
// so that SQLite and PostgreSQL store and sort them the same way.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  employee_id: number | null;
  locale: string | null;
  status: 'active' | 'disabled';
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: number;
  role: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface SitesTable {
  id: Generated<number>;
  name: string;
  address: string | null;
  time_zone: string;
  latitude: number | null;
  longitude: number | null;
  created_at: string;
  updated_at: string;
}

export interface DepartmentsTable {
  id: Generated<number>;
  name: string;
  code: string | null;
  parent_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface DepartmentManagersTable {
  department_id: number;
  user_id: number;
}

export interface PositionsTable {
  id: Generated<number>;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface EmployeesTable {
  id: Generated<number>;
  employee_no: string;
  name: string;
  department_id: number | null;
  position_id: number | null;
  site_id: number | null;
  hire_date: string | null;
  termination_date: string | null;
  status: 'active' | 'suspended' | 'terminated';
  phone: string | null;
  email: string | null;
  pin_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  sites: SitesTable;
  departments: DepartmentsTable;
  department_managers: DepartmentManagersTable;
  positions: PositionsTable;
  employees: EmployeesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  biometric_consents: BiometricConsentsTable;
  face_templates: FaceTemplatesTable;
  devices: DevicesTable;
  punches: PunchesTable;
  punch_attempts: PunchAttemptsTable;
  device_alerts: DeviceAlertsTable;
  job_runs: JobRunsTable;
  tasks: TasksTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SiteRow = Selectable<SitesTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type PositionRow = Selectable<PositionsTable>;
export type EmployeeRow = Selectable<EmployeesTable>;
export type NewEmployee = Insertable<EmployeesTable>;
export type AuditRow = Selectable<AuditLogTable>;

export interface BiometricConsentsTable {
  id: Generated<number>;
  employee_id: number;
  notice_version: string;
  method: 'self_service' | 'hr_paper';
  accepted_at: string;
  recorded_by_user_id: number | null;
  document: Buffer | null;
  withdrawn_at: string | null;
  withdrawn_by_user_id: number | null;
}

export interface FaceTemplatesTable {
  id: Generated<number>;
  employee_id: number;
  model: string;
  model_version: string;
  template: Buffer;
  quality: string;
  source: 'upload' | 'webcam' | 'bulk' | 'kiosk';
  photo: Buffer | null;
  created_at: string;
  created_by_user_id: number | null;
}

export interface DevicesTable {
  id: Generated<number>;
  name: string;
  site_id: number | null;
  direction: 'in' | 'out' | 'both';
  status: 'pending' | 'active' | 'revoked';
  token_hash: string | null;
  pairing_code_hash: string | null;
  pairing_expires_at: string | null;
  app_version: string | null;
  face_backend: string | null;
  camera: string | null;
  clock_offset_ms: number | null;
  last_seen_at: string | null;
  last_punch_at: string | null;
  created_at: string;
  updated_at: string;
  revoked_at: string | null;
  paired_at: string | null;
  failure_streak: Generated<number>;
}

export interface PunchesTable {
  id: Generated<number>;
  employee_id: number;
  at: string;
  site_id: number | null;
  device_id: number | null;
  method: 'face' | 'pin' | 'qr' | 'manual' | 'import';
  direction: 'in' | 'out' | null;
  idempotency_key: string | null;
  device_time: string | null;
  clock_skew_ms: number | null;
  match_score: number | null;
  match_margin: number | null;
  flags: string;
  evidence: Buffer | null;
  evidence_expires_at: string | null;
  note: string | null;
  created_at: string;
  created_by_user_id: number | null;
}

export interface PunchAttemptsTable {
  id: Generated<number>;
  device_id: number | null;
  at: string;
  outcome:
    | 'unknown'
    | 'spoof'
    | 'quality'
    | 'challenge_failed'
    | 'duplicate'
    | 'bad_pin'
    | 'bad_qr'
    | 'inactive';
  reason: string | null;
  employee_id: number | null;
  scores: string;
  evidence: Buffer | null;
  evidence_expires_at: string | null;
  created_at: string;
  method: 'face' | 'pin' | 'qr' | null;
  idempotency_key: string | null;
  device_time: string | null;
}

export interface DeviceAlertsTable {
  id: Generated<number>;
  device_id: number;
  kind: 'offline' | 'failures';
  at: string;
  details: string;
  resolved_at: string | null;
}

export type FaceTemplateRow = Selectable<FaceTemplatesTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type PunchRow = Selectable<PunchesTable>;

export interface JobRunsTable {
  id: Generated<number>;
  job: string;
  slot: string;
  instance: string;
  status: 'running' | 'ok' | 'failed';
  started_at: string;
  finished_at: string | null;
  result: string | null;
}

export interface TasksTable {
  id: Generated<number>;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  total: number;
  message: string | null;
  result: string | null;
  file_name: string | null;
  error: string | null;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export type TaskRow = Selectable<TasksTable>;
