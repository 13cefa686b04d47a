// Shapes of the attendance API's answers (src/http/routes/attendance/**) and small helpers the pages share.
export type DayType = 'workday' | 'restDay' | 'statutoryHoliday';
export type RequestKind = 'leave' | 'businessTrip' | 'fieldWork' | 'punchCorrection' | 'overtime';
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';
export type Step = 'manager' | 'hr';

export interface RecomputeOutcome {
  mode: 'sync' | 'task' | 'none';
  days: number;
  task?: { id: number };
}

export interface Shift {
  id: number;
  code: string;
  name: string;
  definition: Record<string, unknown>;
}

export interface ScheduleVersion {
  effectiveFrom: string;
  schedule:
    | { kind: 'weekly'; days: Record<string, string | null>; followCalendar?: boolean; makeUpShift?: string }
    | { kind: 'rotating'; cycle: (string | null)[]; anchorDate: string; holidaysOff?: boolean };
}

export interface Member {
  employeeId: number | null;
  departmentId: number | null;
  from: string;
  to: string | null;
}

export interface Group {
  id: number;
  name: string;
  zone: string;
  calendarId: number | null;
  rules: Record<string, unknown>;
  versions: ScheduleVersion[];
  members: Member[];
  employeeCount: number;
}

export interface Calendar {
  id: number;
  name: string;
  weekend: number[];
  years: number[];
  usedByGroups: number;
}

export interface CalendarYear {
  year: number;
  entries: { date: string; type: DayType; name?: string }[];
  daysOff: { date: string; name?: string }[];
  days: { date: string; type: DayType; name: string | null; source: string }[];
  bundledAvailable: boolean;
}

export interface LeaveType {
  id: number;
  code: string;
  name: string;
  unit: 'day' | 'halfDay' | 'hour';
  paid: boolean;
  hasBalance: boolean;
  accrual: 'none' | 'statutoryAnnual' | 'timeOffInLieu';
  active: boolean;
}

export interface Balance {
  leaveType: string;
  year: number;
  unit: string;
  granted: number;
  used: number;
  available: number;
}

export interface AttendanceRequest {
  id: number;
  employeeId: number;
  employeeNo: string;
  employeeName: string;
  kind: RequestKind;
  status: RequestStatus;
  leaveType: string | null;
  startDate: string;
  endDate: string;
  startHalf: 'am' | 'pm' | null;
  endHalf: 'am' | 'pm' | null;
  startAt: string | null;
  endAt: string | null;
  at: string | null;
  reason: string | null;
  amount: number | null;
  chain: Step[];
  step: number;
  currentStep: Step | null;
  createdAt: string;
}

export interface RequestDetail extends AttendanceRequest {
  events: { at: string; actor: string; action: string; step: string | null; comment: string | null }[];
  attachments: { id: number; fileName: string; size: number }[];
  canDecide: boolean;
  canCancel: boolean;
}

export interface GridCell {
  statuses: string[];
  dayType: DayType;
  shift: string | null;
  workedMinutes: number;
  lateMinutes: number;
  earlyLeaveMinutes: number;
  missingPunches: number;
  absent: 'none' | 'half' | 'full';
  leaveMinutes: number;
  overtimeMinutes: number;
}

export interface Grid {
  month: string;
  closed: boolean;
  dates: string[];
  total: number;
  rows: { employeeId: number; employeeNo: string; name: string; cells: (GridCell | null)[] }[];
}

export interface FieldChange {
  field: string;
  before: string | number | null;
  after: string | number | null;
}

export interface DayExplanation {
  employee: { id: number; employeeNo: string; name: string };
  date: string;
  stored: boolean;
  version: number | null;
  cause: string | null;
  result: { statuses: string[]; dayType: DayType; shiftId: string | null; workedMinutes: number };
  reasons: { code: string; figure: string; text: string }[];
  history: { version: number; cause: string; computedAt: string; changes: FieldChange[] }[];
  punches: { id: number; at: string; method: string; note: string | null }[];
}

export interface Preview {
  month: string;
  employees: number;
  days: number;
  changedDays: number;
  changedEmployees: number;
  totals: { before: Record<string, number>; after: Record<string, number> };
  differences: {
    employeeId: number;
    employeeNo: string;
    name: string;
    date: string;
    before: { statuses: string[] };
    after: { statuses: string[] };
    changes: FieldChange[];
  }[];
  truncated: boolean;
}

/** The worst status of a day decides its colour in the grid. */
const STATUS_ORDER = [
  'absentFullDay',
  'absentHalfDay',
  'missingIn',
  'missingOut',
  'late',
  'earlyLeave',
  'leave',
  'businessTrip',
  'fieldWork',
  'overtime',
  'corrected',
  'normal',
  'holiday',
  'rest',
  'outOfScope',
] as const;

export const STATUS_COLOURS: Record<string, string> = {
  absentFullDay: '#cf1322',
  absentHalfDay: '#ff7875',
  missingIn: '#d46b08',
  missingOut: '#d46b08',
  late: '#faad14',
  earlyLeave: '#faad14',
  leave: '#722ed1',
  businessTrip: '#13c2c2',
  fieldWork: '#13c2c2',
  overtime: '#2f54eb',
  corrected: '#52c41a',
  normal: '#52c41a',
  holiday: '#bfbfbf',
  rest: '#d9d9d9',
  outOfScope: '#f0f0f0',
};

export function mainStatus(statuses: readonly string[]): string {
  for (const s of STATUS_ORDER) if (statuses.includes(s)) return s;
  return statuses[0] ?? 'rest';
}

export function currentMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
