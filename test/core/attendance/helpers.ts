// Test helpers: build day inputs from local clock times so each scenario reads like an HR example.

import assert from 'node:assert/strict';
import { type DayInput, evaluateDay } from '../../../src/core/attendance/evaluate-day.js';
import type { Punch } from '../../../src/core/attendance/punches.js';
import type { Reason, ReasonCode } from '../../../src/core/attendance/reasons.js';
import type { DayRequest } from '../../../src/core/attendance/requests.js';
import type { DayResult } from '../../../src/core/attendance/result.js';
import type { RuleOverrides } from '../../../src/core/attendance/rules.js';
import type { FixedShift, Shift } from '../../../src/core/attendance/shift.js';
import { parseClock } from '../../../src/core/time/clock.js';
import { fromLocal } from '../../../src/core/time/zone.js';

export const SH = 'Asia/Shanghai';
export const MONDAY = '2025-03-03';

export const OFFICE: FixedShift = {
  kind: 'fixed',
  id: 'office',
  segments: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
};

export const NIGHT: FixedShift = { kind: 'fixed', id: 'night', segments: [{ start: '22:00', end: '06:00' }] };

/** '09:12', '08:58:40' or '06:02+1' on `date` in `zone` → epoch ms. */
export function localAt(date: string, clock: string, zone = SH): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(\+1)?$/.exec(clock);
  if (!m) throw new Error(`bad clock ${clock}`);
  const minutes = parseClock(`${m[1]}:${m[2]}`) + (m[4] ? 1440 : 0);
  return fromLocal(date, minutes, zone) + Number(m[3] ?? 0) * 1000;
}

export function punchesAt(date: string, clocks: readonly string[], zone = SH): Punch[] {
  return clocks.map((c, i) => ({ at: new Date(localAt(date, c, zone)).toISOString(), id: `p${i + 1}` }));
}

export interface DayOptions {
  date?: string;
  zone?: string;
  dayType?: DayInput['dayType'];
  shift?: Shift | null;
  clocks?: string[];
  rules?: RuleOverrides;
  requests?: DayRequest[];
  holidayName?: string;
}

export function day(o: DayOptions = {}): DayResult {
  const date = o.date ?? MONDAY;
  const zone = o.zone ?? SH;
  return evaluateDay({
    employeeId: 'e1',
    date,
    zone,
    dayType: o.dayType ?? 'workday',
    holidayName: o.holidayName,
    shift: o.shift === undefined ? OFFICE : o.shift,
    rules: o.rules,
    punches: punchesAt(date, o.clocks ?? [], zone),
    requests: o.requests,
  });
}

export function iso(date: string, clock: string, zone = SH): string {
  return new Date(localAt(date, clock, zone)).toISOString();
}

export function reasonsOf(r: DayResult, code: ReasonCode): Reason[] {
  return r.reasons.filter((x) => x.code === code);
}

/** The day has a reason with this code whose params include `params`. */
export function assertReason(
  r: DayResult,
  code: ReasonCode,
  params: Record<string, string | number> = {},
): void {
  const found = reasonsOf(r, code);
  assert.ok(found.length > 0, `no reason ${code}; reasons: ${r.reasons.map((x) => x.code).join(', ')}`);
  const match = found.some((x) => Object.entries(params).every(([k, v]) => x.params[k] === v));
  assert.ok(
    match,
    `reason ${code} params ${JSON.stringify(found.map((x) => x.params))} do not include ${JSON.stringify(params)}`,
  );
}

export function ot(
  r: DayResult,
): { kind: string; minutes: number; compensation: string; payPercent: number | null } | null {
  return r.overtime[0] ?? null;
}
