// Shapes of the assessment and appeal API's answers (src/http/routes/assessment, src/http/routes/appeals).
export type CycleStatus = 'open' | 'computed' | 'reviewed' | 'published' | 'closed';
export type AppealStatus = 'pending' | 'upheld' | 'overturned' | 'withdrawn';
export type AppealStep = 'manager' | 'hr';

export interface Cycle {
  month: string;
  status: CycleStatus;
  computedAt: string | null;
  computedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  appealUntil: string | null;
  closedAt: string | null;
  closedBy: string | null;
  employees: number;
  pendingAppeals: number;
}

export interface ResultRow {
  employeeId: number;
  employeeNo: string;
  name: string;
  departmentName: string | null;
  attendanceRate: number | null;
  daysScheduled: number;
  daysAttended: number;
  lateCount: number;
  lateMinutes: number;
  earlyLeaveCount: number;
  earlyLeaveMinutes: number;
  absentDays: number;
  missingPunches: number;
  leaveDays: number;
  score: number;
  penaltiesFen: number;
  rewardsFen: number;
  totalFen: number;
  version: number;
}

export interface Statement extends ResultRow {
  cycle: Cycle;
  /** By leave type code; `name` is the type's configured name (absent for a type no longer configured). */
  leave: Record<string, { days: number; amount: number; unit: string; name?: string }>;
  scoreBase: number;
  scoreLines: { metric: string; points: number; text: string }[];
  ledger: { date: string | null; amountFen: number; amount: string; text: string; code: string }[];
  cause: string;
  history: { version: number; score: number; totalFen: number; cause: string; computedAt: string }[];
}

export interface PublicRow {
  name: string;
  departmentName: string | null;
  attendanceRate: number | null;
  lateCount: number;
  earlyLeaveCount: number;
  absentDays: number;
  missingPunches: number;
  score: number;
  penaltiesFen: number;
  rewardsFen: number;
  totalFen: number;
}

export interface Appeal {
  id: number;
  employeeId: number;
  employeeNo: string;
  employeeName: string;
  target: 'day' | 'month';
  date: string | null;
  month: string;
  reason: string;
  status: AppealStatus;
  chain: AppealStep[];
  currentStep: AppealStep | null;
  dueAt: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface AppealDetail extends Appeal {
  day: { statuses: string[]; lateMinutes: number; earlyLeaveMinutes: number; missingPunches: number } | null;
  events: { at: string; actor: string; action: string; step: string | null; comment: string | null }[];
  attachments: { id: number; fileName: string; size: number }[];
  canDecide: boolean;
  canWithdraw: boolean;
}

/** Fen as yuan: -2000 → '-20.00'. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 1000) / 10}%`);

/** The last twelve months before the current one, newest first ('YYYY-MM'). */
export function recentMonths(count = 12): string[] {
  const out: string[] = [];
  const d = new Date();
  for (let i = 1; i <= count; i++) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    out.push(m.toISOString().slice(0, 7));
  }
  return out;
}
