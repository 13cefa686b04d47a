// When a scheduled report is sent and which period it covers. Daily schedules go out every morning, weekly
// ones on Monday, monthly ones on the 1st, from 07:00 in the company's zone. A daily report always covers the day
// before; a monthly summary or department statistics cover the month so far (daily, weekly) or the month just
// ended (monthly).
import { addDays, weekday } from '../time/date.js';
import { toLocal } from '../time/zone.js';

export type Frequency = 'daily' | 'weekly' | 'monthly';
export type ScheduledReport = 'daily' | 'monthly' | 'departments';

/** The local time from which the morning's schedules go out, in minutes after midnight (07:00). */
export const SEND_FROM_MINUTES = 7 * 60;

/** The company's date whose schedules may go out at `nowMs`, or null while it is still before 07:00 there. */
export function scheduleDay(nowMs: number, zone: string): string | null {
  const local = toLocal(nowMs, zone);
  return local.minutes >= SEND_FROM_MINUTES ? local.date : null;
}

export function isDue(frequency: Frequency, today: string): boolean {
  if (frequency === 'daily') return true;
  if (frequency === 'weekly') return weekday(today) === 1; // Monday
  return today.endsWith('-01');
}

export interface SchedulePeriod {
  /** Key of the run, so a schedule is sent once per period: '2026-10-05', '2026-W41' or '2026-10'. */
  key: string;
  date?: string;
  month?: string;
}

/** ISO week of a date, e.g. '2026-W41'. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3); // the Thursday of the week decides its year
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week =
    1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function periodOf(frequency: Frequency, report: ScheduledReport, today: string): SchedulePeriod {
  const yesterday = addDays(today, -1);
  const key = frequency === 'daily' ? today : frequency === 'weekly' ? isoWeek(today) : today.slice(0, 7);
  if (report === 'daily') return { key, date: yesterday };
  return { key, month: yesterday.slice(0, 7) };
}
