// "Try a rule change on last month's data": the engine runs over a month of stored punches and requests
// twice, with the saved configuration and with a draft change, and the days that differ are listed. Nothing
// is saved.

import { evaluateRange } from '../../core/attendance/range.js';
import type { DayResult } from '../../core/attendance/result.js';
import type { ScheduleVersion } from '../../core/attendance/roster.js';
import type { RuleOverrides } from '../../core/attendance/rules.js';
import { invalid, notFound } from '../../core/errors.js';
import { addDays } from '../../core/time/date.js';
import type { Actor } from '../actor.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { todayOf } from './changes.js';
import { diffDays, type FieldChange } from './diff.js';
import { loadApprovedRequests, loadPunches } from './inputs.js';
import { buildModel, engineShiftOf, loadRawModel } from './model.js';
import { CHUNK_EMPLOYEES } from './recompute.js';
import { monthDates } from './results.service.js';
import { checkRules, checkShift, checkVersions } from './validation.js';

export interface DraftChange {
  shifts?: { code: string; definition: Record<string, unknown> }[];
  groups?: {
    id: number;
    rules?: RuleOverrides;
    versions?: ScheduleVersion[];
    zone?: string;
    calendarId?: number | null;
  }[];
}

export interface PreviewDifference {
  employeeId: number;
  employeeNo: string;
  name: string;
  date: string;
  before: { statuses: string[] };
  after: { statuses: string[] };
  changes: FieldChange[];
}

const TOTALS = ['lateMinutes', 'earlyLeaveMinutes', 'workedMinutes', 'missingIn', 'missingOut'] as const;

function emptyTotals(): Record<string, number> {
  const t: Record<string, number> = { days: 0, absentDays: 0, overtimeMinutes: 0, lateCount: 0 };
  for (const k of TOTALS) t[k] = 0;
  return t;
}

function addTotals(t: Record<string, number>, days: DayResult[]) {
  for (const d of days) {
    t.days++;
    for (const k of TOTALS) t[k] += d[k];
    t.lateCount += d.lateCount;
    t.absentDays += d.absent === 'full' ? 1 : d.absent === 'half' ? 0.5 : 0;
    t.overtimeMinutes += d.overtime.reduce((s, o) => s + o.minutes, 0);
  }
}

export async function previewChange(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { draft: DraftChange; month?: string; limit?: number },
) {
  authorize(actor, 'attendance.configure');
  const today = await todayOf(ctx);
  const month = input.month ?? addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const dates = monthDates(month);
  const from = dates[0];
  const to = [dates[dates.length - 1], today].sort()[0]; // the earlier of the two dates
  if (to < from) throw invalid('the month has not started');

  const raw = await loadRawModel(ctx.db.kysely);
  const draftRaw = structuredClone(raw);
  const touchedGroups = new Set<number>();
  for (const s of input.draft.shifts ?? []) {
    const shift = checkShift(s.code, s.definition);
    const i = draftRaw.shifts.findIndex((x) => x.id === s.code);
    if (i >= 0) draftRaw.shifts[i] = shift;
    else draftRaw.shifts.push(engineShiftOf(s.code, JSON.stringify(s.definition)));
  }
  const codes = new Set(draftRaw.shifts.map((s) => s.id));
  for (const g of input.draft.groups ?? []) {
    const target = draftRaw.groups.find((x) => x.id === g.id);
    if (!target) throw notFound('attendance group', g.id);
    if (g.rules !== undefined) {
      checkRules(g.rules);
      target.rules = g.rules;
    }
    if (g.versions !== undefined) {
      checkVersions(g.versions, codes);
      target.versions = g.versions;
    }
    if (g.zone !== undefined) target.zone = g.zone;
    if (g.calendarId !== undefined) target.calendarId = g.calendarId;
    touchedGroups.add(g.id);
  }
  const before = buildModel(raw);
  const after = buildModel(draftRaw);
  // Everyone in a changed group; a changed shift can be anyone's.
  const ids = new Set<number>();
  if ((input.draft.shifts ?? []).length > 0)
    for (const set of after.groupMembers.values()) for (const id of set) ids.add(id);
  for (const g of touchedGroups) {
    for (const id of before.groupMembers.get(g) ?? []) ids.add(id);
    for (const id of after.groupMembers.get(g) ?? []) ids.add(id);
  }
  const employeeIds = [...ids].sort((a, b) => a - b);
  const limit = Math.min(input.limit ?? 500, 5000);
  const differences: PreviewDifference[] = [];
  const beforeTotals = emptyTotals();
  const afterTotals = emptyTotals();
  let changedDays = 0;
  const changedEmployees = new Set<number>();
  const names = new Map(
    (employeeIds.length
      ? await ctx.db.kysely.selectFrom('employees').select(['id', 'employee_no', 'name']).execute()
      : []
    ).map((e) => [e.id, e]),
  );
  for (let i = 0; i < employeeIds.length; i += CHUNK_EMPLOYEES) {
    const chunk = employeeIds.slice(i, i + CHUNK_EMPLOYEES);
    const [punches, requests] = await Promise.all([
      loadPunches(ctx.db.kysely, chunk, from, to),
      loadApprovedRequests(ctx.db.kysely, chunk, from, to),
    ]);
    for (const id of chunk) {
      const common = {
        employeeId: String(id),
        from,
        to,
        punches: punches.get(id) ?? [],
        requests: requests.get(id) ?? [],
      };
      const a = evaluateRange({ ...common, context: before.context, leaveTypes: before.leaveTypes });
      const b = evaluateRange({ ...common, context: after.context, leaveTypes: after.leaveTypes });
      addTotals(beforeTotals, a);
      addTotals(afterTotals, b);
      for (let k = 0; k < a.length; k++) {
        const changes = diffDays(a[k], b[k]);
        if (changes.length === 0) continue;
        changedDays++;
        changedEmployees.add(id);
        if (differences.length < limit) {
          const e = names.get(id);
          differences.push({
            employeeId: id,
            employeeNo: e?.employee_no ?? String(id),
            name: e?.name ?? '',
            date: a[k].date,
            before: { statuses: a[k].statuses },
            after: { statuses: b[k].statuses },
            changes,
          });
        }
      }
    }
  }
  await audit(ctx, actor, {
    action: 'attendance.preview',
    details: { month, employees: employeeIds.length, changedDays, draft: input.draft },
  });
  return {
    month,
    from,
    to,
    employees: employeeIds.length,
    days: beforeTotals.days,
    changedDays,
    changedEmployees: changedEmployees.size,
    totals: { before: beforeTotals, after: afterTotals },
    differences,
    truncated: changedDays > differences.length,
  };
}
