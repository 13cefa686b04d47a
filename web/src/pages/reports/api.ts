// Shapes of the reports API's answers (src/http/routes/reports/) and small helpers the report pages share.
export type ReportKind = 'daily' | 'monthly' | 'departments' | 'review';
export type ExportFormat = 'xlsx' | 'csv' | 'pdf';
export type ColumnKind = 'text' | 'count' | 'days' | 'minutes' | 'rate';
export type Cell = string | number | null;

export interface Label {
  en: string;
  'zh-CN': string;
}

export interface ReportColumn {
  key: string;
  label: Label;
  kind: ColumnKind;
}

export interface ReportTable {
  title: Label;
  subtitle: Label;
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
  totals: Record<string, Cell> | null;
}

export interface Charts {
  month: string;
  attendanceRateByDepartment: {
    departmentId: number | null;
    department: string | null;
    headcount: number;
    attendanceRate: number | null;
  }[];
  late: { counts: number[][]; byWeekday: number[]; byHour: number[]; total: number };
  overtimeByMonth: { month: string; workday: number; restDay: number; holiday: number }[];
  attendanceRateByMonth: { month: string; attendanceRate: number | null }[];
}

export type ReviewKind = 'manualDay' | 'correction' | 'nonFacePunch' | 'lowMargin';

export interface ReviewItem {
  kind: ReviewKind;
  employeeId: number;
  employeeNo: string;
  name: string;
  department: string | null;
  date: string;
  at: string | null;
  method: string | null;
  matchMargin: number | null;
  detail: string | null;
  punchId: number | null;
  requestId: number | null;
}

export interface MonthReview {
  month: string;
  reviewed: { at: string; by: string; note: string | null } | null;
  closed: boolean;
  marginBelow: number;
  counts: Record<ReviewKind, number>;
  items: ReviewItem[];
}

export interface Task {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  total: number;
  percent: number | null;
  error: string | null;
  hasFile: boolean;
  fileName: string | null;
}

export const language = (lng: string): keyof Label => (lng.startsWith('zh') ? 'zh-CN' : 'en');

/** Minutes as hours with two decimals, rates as percentages: as the exports write them. */
export function formatCell(kind: ColumnKind, value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return value;
  if (kind === 'minutes') return (Math.round((value / 60) * 100) / 100).toString();
  if (kind === 'rate') return `${Math.round(value * 10000) / 100}%`;
  return String(value);
}

export const previousMonth = () => {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

export const yesterday = () => {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
