// Leave (请假): types with a unit and pay, balances, statutory annual leave (年休假) and time off in
// lieu (调休) earned from rest-day overtime.

import { addDays, addYears, daysBetween, daysInYear, wholeYearsBetween } from '../time/date.js';
import type { DayRequest, LeaveRequest } from './requests.js';
import { isDateRange } from './requests.js';

export type LeaveUnit = 'day' | 'halfDay' | 'hour';

export interface LeaveType {
  id: string;
  name?: string;
  /** The smallest amount that can be requested and the unit of the balance. */
  unit: LeaveUnit;
  paid: boolean;
  /** Whether the type has a balance to deduct from (annual leave, time off in lieu); default false. */
  hasBalance?: boolean;
}

export const BUILTIN_LEAVE_TYPES: readonly LeaveType[] = [
  { id: 'annual', name: '年休假', unit: 'halfDay', paid: true, hasBalance: true },
  { id: 'timeOffInLieu', name: '调休', unit: 'hour', paid: true, hasBalance: true },
  { id: 'sick', name: '病假', unit: 'halfDay', paid: true },
  { id: 'personal', name: '事假', unit: 'hour', paid: false },
  { id: 'marriage', name: '婚假', unit: 'day', paid: true },
  { id: 'maternity', name: '产假', unit: 'day', paid: true },
  { id: 'paternity', name: '陪产假', unit: 'day', paid: true },
  { id: 'bereavement', name: '丧假', unit: 'day', paid: true },
];

/** Whether a leave request's shape fits its type's unit (a day-unit leave cannot be for hours). */
export function leaveUnitProblem(type: LeaveType, request: LeaveRequest): string | null {
  if (isDateRange(request)) {
    if (type.unit === 'day' && (request.startHalf === 'pm' || request.endHalf === 'am')) {
      return `leave type ${type.id} is taken in whole days, request ${request.id} uses a half day`;
    }
    return null;
  }
  if (type.unit !== 'hour') {
    return `leave type ${type.id} is taken in ${type.unit === 'day' ? 'days' : 'half days'}, request ${request.id} gives exact times`;
  }
  return null;
}

/**
 * The amount one day's leave takes from a balance, in the type's unit: halves touched × 0.5 for day and
 * half-day types (a whole-day type always takes a whole day), minutes ÷ 60 for hour types.
 */
export function leaveAmountForDay(unit: LeaveUnit, leaveMinutes: number, halvesTouched: number): number {
  if (leaveMinutes <= 0) return 0;
  if (unit === 'hour') return Math.round((leaveMinutes / 60) * 100) / 100;
  if (unit === 'day') return 1;
  return Math.min(2, halvesTouched) * 0.5;
}

export interface LeaveBalance {
  leaveType: string;
  unit: LeaveUnit;
  /** Granted for the period (accrued, carried over, earned). */
  granted: number;
  used: number;
}

export class InsufficientBalanceError extends Error {
  constructor(
    readonly balance: LeaveBalance,
    readonly requested: number,
  ) {
    super(
      `leave ${balance.leaveType}: ${requested} ${balance.unit} requested, ${available(balance)} ${balance.unit} available`,
    );
    this.name = 'InsufficientBalanceError';
  }
}

export function available(balance: LeaveBalance): number {
  return round2(balance.granted - balance.used);
}

/** Deduct on approval; refuses to go below zero unless allowed. */
export function deductBalance(balance: LeaveBalance, amount: number, allowNegative = false): LeaveBalance {
  if (!(amount >= 0)) throw new RangeError(`amount to deduct must be zero or more, got ${amount}`);
  if (!allowNegative && amount > available(balance) + 1e-9)
    throw new InsufficientBalanceError(balance, amount);
  return { ...balance, used: round2(balance.used + amount) };
}

/** Restore on cancellation of an approved request. */
export function restoreBalance(balance: LeaveBalance, amount: number): LeaveBalance {
  if (!(amount >= 0)) throw new RangeError(`amount to restore must be zero or more, got ${amount}`);
  if (amount > balance.used + 1e-9) {
    throw new RangeError(`cannot restore ${amount} ${balance.unit}: only ${balance.used} used`);
  }
  return { ...balance, used: round2(balance.used - amount) };
}

export function grantBalance(balance: LeaveBalance, amount: number): LeaveBalance {
  return { ...balance, granted: round2(balance.granted + amount) };
}

/**
 * Statutory paid annual leave (《职工带薪年休假条例》 art. 3) by cumulative working years:
 * under 1 year none, 1 to under 10 years 5 days, 10 to under 20 years 10 days, 20 years or more 15 days.
 */
export function statutoryAnnualLeaveDays(cumulativeYears: number): 0 | 5 | 10 | 15 {
  if (cumulativeYears < 1) return 0;
  if (cumulativeYears < 10) return 5;
  if (cumulativeYears < 20) return 10;
  return 15;
}

export interface AnnualLeaveInput {
  /** When the employee first started working anywhere (cumulative working years count from here). */
  firstWorkDate: string;
  /** When the employee joined this company. */
  hireDate: string;
  year: number;
  /** Last day employed, if the employee leaves during the year. */
  leaveDate?: string;
  /**
   * 'proRata' (《企业职工带薪年休假实施办法》 art. 5): the part of the year employed and eligible, each part at
   * the tier of its working years, summed and rounded down to whole days; 'yearStart': the tier at 1 January.
   */
  method?: 'proRata' | 'yearStart';
}

export interface AnnualLeaveEntitlement {
  days: number;
  method: 'proRata' | 'yearStart';
  /** The parts of the year that earned leave, each with its tier. */
  parts: { from: string; to: string; tierDays: number; days: number }[];
}

export function annualLeaveEntitlement(input: AnnualLeaveInput): AnnualLeaveEntitlement {
  const method = input.method ?? 'proRata';
  const yearStart = `${input.year}-01-01`;
  const yearEnd = `${input.year}-12-31`;
  if (method === 'yearStart') {
    const years = wholeYearsBetween(input.firstWorkDate, yearStart);
    const employed = input.hireDate <= yearEnd && (!input.leaveDate || input.leaveDate >= yearStart);
    const tierDays = employed ? statutoryAnnualLeaveDays(years) : 0;
    return {
      days: tierDays,
      method,
      parts: tierDays ? [{ from: yearStart, to: yearEnd, tierDays, days: tierDays }] : [],
    };
  }
  const from = maxDate(yearStart, input.hireDate);
  const to = input.leaveDate && input.leaveDate < yearEnd ? input.leaveDate : yearEnd;
  if (to < from) return { days: 0, method, parts: [] };
  // Split the employed part of the year at the anniversaries where the tier changes (1, 10, 20 years).
  const cuts = [1, 10, 20]
    .map((y) => addYears(input.firstWorkDate, y))
    .filter((d) => d > from && d <= to)
    .sort();
  const bounds = [from, ...cuts];
  const yearDays = daysInYear(input.year);
  const parts: AnnualLeaveEntitlement['parts'] = [];
  let exact = 0;
  for (let i = 0; i < bounds.length; i++) {
    const partFrom = bounds[i];
    const partTo = i + 1 < bounds.length ? dayBefore(bounds[i + 1]) : to;
    const tierDays = statutoryAnnualLeaveDays(wholeYearsBetween(input.firstWorkDate, partFrom));
    const days = (tierDays * (daysBetween(partFrom, partTo) + 1)) / yearDays;
    if (tierDays > 0)
      parts.push({ from: partFrom, to: partTo, tierDays, days: Math.round(days * 100) / 100 });
    exact += days;
  }
  // Less than a whole day after pro-rating is not granted (实施办法 art. 5).
  return { days: Math.floor(exact + 1e-9), method, parts };
}

/** Minutes of time off in lieu earned: rest-day overtime that was converted rather than paid. */
export function lieuMinutesEarned(
  days: readonly { overtime: readonly { kind: string; minutes: number; compensation: string }[] }[],
): number {
  let minutes = 0;
  for (const day of days) {
    for (const o of day.overtime) if (o.compensation === 'timeOffInLieu') minutes += o.minutes;
  }
  return minutes;
}

export function leaveRequestsOf(requests: readonly DayRequest[]): LeaveRequest[] {
  return requests.filter((r): r is LeaveRequest => r.kind === 'leave');
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function dayBefore(date: string): string {
  return addDays(date, -1);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
