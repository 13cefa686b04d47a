// Types of the records and self-service API (see src/http/routes/records and src/http/routes/me).

export interface CalendarDay {
  date: string;
  evaluated: boolean;
  dayType: string | null;
  holidayName: string | null;
  shift: string | null;
  scheduled: string | null;
  statuses: string[];
  punches: string[];
  workedMinutes: number;
  lateMinutes: number;
  earlyLeaveMinutes: number;
  absent: 'none' | 'half' | 'full';
  leaveMinutes: number;
  overtimeMinutes: number;
  reasons: { code: string; text: string }[];
}

export interface EmployeeCalendar {
  employee: { id: number; employeeNo: string; name: string; departmentId: number | null };
  month: string;
  today: string;
  days: CalendarDay[];
  summary: {
    late: number;
    earlyLeave: number;
    missing: number;
    absent: number;
    leave: number;
    lateMinutes: number;
    overtimeMinutes: number;
  };
}

export interface PunchLogItem {
  id: number;
  at: string;
  method: string;
  direction: 'in' | 'out' | null;
  flags: string[];
  note: string | null;
  employee: { id: number; employeeNo: string; name: string };
  department: { id: number; name: string } | null;
  site: { id: number; name: string } | null;
  device: { id: number; name: string } | null;
  hasEvidence: boolean;
}

export const PUNCH_METHODS = ['face', 'pin', 'qr', 'manual', 'import'] as const;

export type TodayState = 'present' | 'late' | 'absent' | 'onLeave' | 'away' | 'notYetIn' | 'off';

export const STATE_COLOURS: Record<TodayState, string> = {
  present: '#52c41a',
  late: '#faad14',
  absent: '#cf1322',
  onLeave: '#722ed1',
  away: '#13c2c2',
  notYetIn: '#8c8c8c',
  off: '#d9d9d9',
};
