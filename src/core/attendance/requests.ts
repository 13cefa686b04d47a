// Approved requests that change how a day is evaluated: leave (请假), business trip (出差),
// field work (外勤), punch correction (补卡) and overtime (加班申请).

import { type InstantInput, parseInstant } from '../time/instant.js';
import type { Interval } from './intervals.js';
import type { Compensation } from './rules.js';

export type HalfDay = 'am' | 'pm';

/** A request over whole dates; a half lets it start in the afternoon or end after the morning. */
export interface DateRange {
  startDate: string;
  endDate: string;
  /** 'pm': the first date counts from the afternoon only. */
  startHalf?: HalfDay;
  /** 'am': the last date counts for the morning only. */
  endHalf?: HalfDay;
}

/** A request over an exact time range (hour-based leave, a field visit). */
export interface InstantRange {
  start: InstantInput;
  end: InstantInput;
}

export type RequestStatus = 'approved' | 'pending' | 'rejected' | 'cancelled';

interface RequestBase {
  id: string;
  employeeId?: string;
  /** Only approved requests change a day; default 'approved'. */
  status?: RequestStatus;
}

export type LeaveRequest = RequestBase & { kind: 'leave'; leaveType: string } & (DateRange | InstantRange);
export type BusinessTripRequest = RequestBase & { kind: 'businessTrip' } & (DateRange | InstantRange);
export type FieldWorkRequest = RequestBase & { kind: 'fieldWork' } & (DateRange | InstantRange);
export type OvertimeRequest = RequestBase & { kind: 'overtime'; compensation?: Compensation } & InstantRange;
export interface PunchCorrectionRequest extends RequestBase {
  kind: 'punchCorrection';
  /** The instant the missing punch is corrected to. */
  at: InstantInput;
}

export type DayRequest =
  | LeaveRequest
  | BusinessTripRequest
  | FieldWorkRequest
  | OvertimeRequest
  | PunchCorrectionRequest;

export type RangeRequest = LeaveRequest | BusinessTripRequest | FieldWorkRequest;

export function isApproved(request: DayRequest): boolean {
  return (request.status ?? 'approved') === 'approved';
}

export function isDateRange(request: DateRange | InstantRange): request is DateRange {
  return 'startDate' in request;
}

/** The part of a day a range request covers, given the day's region and half-day split. */
export function requestIntervalOnDay(
  request: DateRange | InstantRange,
  date: string,
  day: Interval,
  halfSplit: number,
): Interval | null {
  if (isDateRange(request)) {
    if (date < request.startDate || date > request.endDate) return null;
    let start = day.start;
    let end = day.end;
    if (date === request.startDate && request.startHalf === 'pm') start = Math.max(start, halfSplit);
    if (date === request.endDate && request.endHalf === 'am') end = Math.min(end, halfSplit);
    return end > start ? { start, end } : null;
  }
  const start = Math.max(parseInstant(request.start), day.start);
  const end = Math.min(parseInstant(request.end), day.end);
  return end > start ? { start, end } : null;
}

/** Readable problems with a request's shape (empty when valid). */
export function requestProblems(request: DayRequest): string[] {
  const problems: string[] = [];
  const where = `request ${request.id}`;
  try {
    if (request.kind === 'punchCorrection') {
      parseInstant(request.at);
    } else if (isDateRange(request as DateRange | InstantRange)) {
      const r = request as DateRange;
      if (r.endDate < r.startDate) problems.push(`${where}: endDate is before startDate`);
      if (r.startDate === r.endDate && r.startHalf === 'pm' && r.endHalf === 'am') {
        problems.push(`${where}: starts in the afternoon and ends in the morning of the same date`);
      }
    } else {
      const r = request as InstantRange;
      if (parseInstant(r.end) <= parseInstant(r.start)) problems.push(`${where}: end is not after start`);
    }
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  return problems;
}
