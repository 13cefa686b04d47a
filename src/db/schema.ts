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
  /** Set when the employee accepted a newer notice version (migration 0012). */
  superseded_at: Generated<string | null>;
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
    | 'inactive'
    | 'not_rolled_out';
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

// Attendance (migration 0005). Declared as a second part of `Database` (interfaces merge).
export interface Database {
  shifts: ShiftsTable;
  holiday_calendars: HolidayCalendarsTable;
  calendar_days: CalendarDaysTable;
  attendance_groups: AttendanceGroupsTable;
  attendance_group_members: AttendanceGroupMembersTable;
  schedule_overrides: ScheduleOverridesTable;
  employee_work_profiles: EmployeeWorkProfilesTable;
  leave_types: LeaveTypesTable;
  leave_balances: LeaveBalancesTable;
  leave_ledger: LeaveLedgerTable;
  attendance_requests: AttendanceRequestsTable;
  request_events: RequestEventsTable;
  request_attachments: RequestAttachmentsTable;
  day_results: DayResultsTable;
  day_result_history: DayResultHistoryTable;
  month_locks: MonthLocksTable;
}

export interface ShiftsTable {
  id: Generated<number>;
  code: string;
  name: string;
  definition: string;
  created_at: string;
  updated_at: string;
}

export interface HolidayCalendarsTable {
  id: Generated<number>;
  name: string;
  weekend: string;
  created_at: string;
  updated_at: string;
}

export interface CalendarDaysTable {
  calendar_id: number;
  date: string;
  kind: 'entry' | 'dayOff';
  type: 'workday' | 'restDay' | 'statutoryHoliday';
  name: string | null;
}

export interface AttendanceGroupsTable {
  id: Generated<number>;
  name: string;
  zone: string;
  calendar_id: number | null;
  rules: string;
  versions: string;
  created_at: string;
  updated_at: string;
}

export interface AttendanceGroupMembersTable {
  id: Generated<number>;
  group_id: number;
  employee_id: number | null;
  department_id: number | null;
  from_date: string;
  to_date: string | null;
}

export interface ScheduleOverridesTable {
  id: Generated<number>;
  group_id: number;
  date: string;
  employee_id: number | null;
  shift_code: string | null;
  day_type: 'workday' | 'restDay' | 'statutoryHoliday' | null;
}

export interface EmployeeWorkProfilesTable {
  employee_id: number;
  first_work_date: string | null;
  updated_at: string;
}

export interface LeaveTypesTable {
  id: Generated<number>;
  code: string;
  name: string;
  unit: 'day' | 'halfDay' | 'hour';
  paid: number;
  has_balance: number;
  accrual: 'none' | 'statutoryAnnual' | 'timeOffInLieu';
  active: number;
  created_at: string;
  updated_at: string;
}

export interface LeaveBalancesTable {
  id: Generated<number>;
  employee_id: number;
  leave_type: string;
  year: number;
  unit: 'day' | 'halfDay' | 'hour';
  granted: number;
  used: number;
  updated_at: string;
}

export interface LeaveLedgerTable {
  id: Generated<number>;
  employee_id: number;
  leave_type: string;
  year: number;
  granted_delta: number;
  used_delta: number;
  reason: 'accrual' | 'approval' | 'cancellation' | 'adjustment' | 'overtime';
  request_id: number | null;
  note: string | null;
  at: string;
  by_user_id: number | null;
}

export interface AttendanceRequestsTable {
  id: Generated<number>;
  employee_id: number;
  kind: 'leave' | 'businessTrip' | 'fieldWork' | 'punchCorrection' | 'overtime';
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  leave_type: string | null;
  start_date: string;
  end_date: string;
  start_half: 'am' | 'pm' | null;
  end_half: 'am' | 'pm' | null;
  start_at: string | null;
  end_at: string | null;
  at: string | null;
  compensation: 'pay' | 'timeOffInLieu' | null;
  reason: string | null;
  amount: number | null;
  balance_year: number | null;
  chain: string;
  step: number;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
}

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  step: string | null;
  comment: string | null;
}

export interface RequestAttachmentsTable {
  id: Generated<number>;
  request_id: number;
  file_name: string;
  content_type: string;
  size: number;
  data: Buffer;
  /** 1 once `data` is sealed with the data key; 0 for a file stored before migration 0015. */
  sealed: Generated<number>;
  created_at: string;
  created_by_user_id: number | null;
}

export interface DayResultsTable {
  employee_id: number;
  date: string;
  group_id: number | null;
  day_type: string;
  shift_code: string | null;
  statuses: string;
  scheduled_minutes: number;
  worked_minutes: number;
  late_minutes: number;
  early_leave_minutes: number;
  missing_punches: number;
  absent: 'none' | 'half' | 'full';
  leave_minutes: number;
  overtime_minutes: number;
  lieu_minutes: number;
  result: string;
  result_hash: string;
  version: number;
  cause: string;
  computed_at: string;
}

export interface DayResultHistoryTable {
  id: Generated<number>;
  employee_id: number;
  date: string;
  version: number;
  statuses: string;
  result: string;
  cause: string;
  computed_at: string;
  replaced_at: string;
}

export interface MonthLocksTable {
  month: string;
  status: 'closed' | 'open';
  closed_at: string | null;
  closed_by_user_id: number | null;
  reopened_at: string | null;
  reopened_by_user_id: number | null;
  note: string | null;
}

export type ShiftRow = Selectable<ShiftsTable>;
export type AttendanceGroupRow = Selectable<AttendanceGroupsTable>;
export type LeaveTypeRow = Selectable<LeaveTypesTable>;
export type AttendanceRequestRow = Selectable<AttendanceRequestsTable>;
export type DayResultRow = Selectable<DayResultsTable>;

// Privacy (migration 0007).
export interface Database {
  legal_holds: LegalHoldsTable;
  purge_reports: PurgeReportsTable;
  privacy_requests: PrivacyRequestsTable;
}

export interface LegalHoldsTable {
  id: Generated<number>;
  employee_id: number;
  reason: string;
  created_at: string;
  created_by_user_id: number | null;
  created_by_name: string;
  released_at: string | null;
  released_by_user_id: number | null;
  released_by_name: string | null;
}

export interface PurgeReportsTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string;
  trigger: 'schedule' | 'manual';
  actor_name: string;
  counts: string;
  settings: string;
  held_employees: Generated<number>;
}

export interface PrivacyRequestsTable {
  id: Generated<number>;
  employee_id: number;
  kind: 'correction' | 'deletion';
  details: string;
  status: 'pending' | 'completed' | 'rejected';
  created_at: string;
  created_by_name: string;
  decided_at: string | null;
  decided_by_name: string | null;
  resolution: string | null;
  actions: string | null;
}

// Privacy and operations (migration 0012).
export interface Database {
  consent_notices: ConsentNoticesTable;
  maintenance_log: MaintenanceLogTable;
}

export interface ConsentNoticesTable {
  id: Generated<number>;
  version: string;
  status: 'draft' | 'published';
  content: string;
  created_at: string;
  created_by_name: string;
  updated_at: string;
  published_at: string | null;
  published_by_name: string | null;
}

export interface MaintenanceLogTable {
  id: Generated<number>;
  kind: 'maintenance' | 'incident' | 'drill';
  title: string;
  message: string | null;
  mode: number;
  started_at: string;
  planned_end: string | null;
  ended_at: string | null;
  what_happened: string;
  actions: string;
  created_by_name: string;
  updated_at: string;
}

// Alerts and notifications (migration 0010).
export interface UsersTable {
  email: string | null;
}

export interface Database {
  notices: NoticesTable;
  notify_channels: NotifyChannelsTable;
  notify_outbox: NotifyOutboxTable;
  notify_deliveries: NotifyDeliveriesTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
}

export interface NoticesTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NotifyChannelsTable {
  id: Generated<number>;
  kind: 'wecom' | 'dingtalk' | 'feishu' | 'webhook';
  name: string;
  url: string;
  /** Sealed signing secret (purpose `webhook_secret:<id>`). */
  secret: Uint8Array | null;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface NotifyOutboxTable {
  id: Generated<number>;
  channel: 'email' | 'webhook';
  channel_id: number | null;
  kind: string;
  summary: string;
  payload: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotifyDeliveriesTable {
  id: Generated<number>;
  outbox_id: number;
  at: string;
  ok: number;
  detail: string | null;
  duration_ms: Generated<number>;
}

export interface AlertsTable {
  id: Generated<number>;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  status: 'open' | 'acknowledged' | 'resolved' | 'false_positive';
  employee_id: number | null;
  device_id: number | null;
  site_id: number | null;
  dedupe_key: string;
  details: string;
  evidence: string;
  occurred_at: string;
  created_at: string;
  updated_at: string;
}

export interface AlertEventsTable {
  id: Generated<number>;
  alert_id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: 'opened' | 'status' | 'note' | 'repeated';
  status: string | null;
  note: string | null;
}

// Reports (migration 0008).
export interface Database {
  month_reviews: MonthReviewsTable;
  report_schedules: ReportSchedulesTable;
}

export interface MonthReviewsTable {
  month: string;
  reviewed_at: string;
  reviewed_by_user_id: number | null;
  reviewed_by_name: string;
  note: string | null;
  counts: string;
}

export interface ReportSchedulesTable {
  id: Generated<number>;
  name: string;
  report: 'daily' | 'monthly' | 'departments';
  format: 'xlsx' | 'csv' | 'pdf';
  frequency: 'daily' | 'weekly' | 'monthly';
  department_id: number | null;
  language: 'zh-CN' | 'en';
  recipients: string;
  enabled: Generated<number>;
  created_at: string;
  created_by_user_id: number | null;
  updated_at: string;
  last_period: string | null;
  last_sent_at: string | null;
  last_error: string | null;
}

// Workspace (migration 0009): announcements with read receipts, feedback with answers.
export interface Database {
  announcements: AnnouncementsTable;
  announcement_reads: AnnouncementReadsTable;
  feedback: FeedbackTable;
}

export interface AnnouncementsTable {
  id: Generated<number>;
  kind: 'rule' | 'system' | 'maintenance';
  title: string;
  body: string;
  window_start: string | null;
  window_end: string | null;
  published_at: string;
  withdrawn_at: string | null;
  created_by_user_id: number | null;
  created_by_name: string;
}

export interface AnnouncementReadsTable {
  announcement_id: number;
  user_id: number;
  read_at: string;
}

export interface FeedbackTable {
  id: Generated<number>;
  user_id: number | null;
  user_name: string;
  category: 'question' | 'problem' | 'suggestion';
  subject: string;
  body: string;
  status: 'open' | 'answered';
  answer: string | null;
  answered_at: string | null;
  answered_by_user_id: number | null;
  answered_by_name: string | null;
  created_at: string;
}

// Assessment (0011): the month cycle, monthly results with their ledger, appeals.
export interface Database {
  assessment_cycles: AssessmentCyclesTable;
  assessment_results: AssessmentResultsTable;
  assessment_result_history: AssessmentResultHistoryTable;
  appeals: AppealsTable;
  appeal_events: AppealEventsTable;
  appeal_attachments: AppealAttachmentsTable;
}

export interface AssessmentCyclesTable {
  month: string;
  status: 'computed' | 'reviewed' | 'published' | 'closed';
  computed_at: string | null;
  computed_by_name: string | null;
  reviewed_at: string | null;
  reviewed_by_name: string | null;
  published_at: string | null;
  published_by_name: string | null;
  appeal_until: string | null;
  closed_at: string | null;
  closed_by_name: string | null;
  rules: string;
}

export interface AssessmentResultsTable {
  id: Generated<number>;
  month: string;
  employee_id: number;
  summary: string;
  score: number;
  score_lines: string;
  ledger: string;
  total_fen: number;
  grade: string | null;
  version: number;
  cause: string;
  computed_at: string;
}

export interface AssessmentResultHistoryTable {
  id: Generated<number>;
  month: string;
  employee_id: number;
  version: number;
  score: number;
  total_fen: number;
  summary: string;
  ledger: string;
  cause: string;
  computed_at: string;
}

export interface AppealsTable {
  id: Generated<number>;
  employee_id: number;
  target: 'day' | 'month';
  date: string | null;
  month: string;
  reason: string;
  status: 'pending' | 'upheld' | 'overturned' | 'withdrawn';
  chain: string;
  step: number;
  due_at: string;
  reminded_step: number | null;
  correction: string | null;
  outcome: string | null;
  created_at: string;
  created_by_user_id: number | null;
  decided_at: string | null;
  decided_by_name: string | null;
}
export type AppealRow = Selectable<AppealsTable>;

export interface AppealEventsTable {
  id: Generated<number>;
  appeal_id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  step: string | null;
  comment: string | null;
  details: string | null;
}

export interface AppealAttachmentsTable {
  id: Generated<number>;
  appeal_id: number;
  file_name: string;
  content_type: string;
  size: number;
  data: Buffer;
  /** 1 once `data` is sealed with the data key; 0 for a file stored before migration 0015. */
  sealed: Generated<number>;
  created_at: string;
  created_by_user_id: number | null;
}

// Scale: request counters shared by server instances (migration 0013).
export interface Database {
  rate_limits: RateLimitsTable;
  table_versions: TableVersionsTable;
}

/** Change counters of tables, kept by triggers (employees, departments). */
export interface TableVersionsTable {
  name: string;
  version: number;
}

export interface RateLimitsTable {
  key: string;
  count: number;
  /** Epoch milliseconds at which the window ends. */
  reset_at: number;
}
