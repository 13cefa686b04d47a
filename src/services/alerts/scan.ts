// The anomaly scan: runs the detectors over the punches and refused attempts recorded since the last scan, and
// brings the kiosks' device alerts (offline, failure streaks) into the alert centre. Started in the background
// after each punch (the punch itself stays fast) and by a job every few minutes; the cursor and the alerts'
// unique keys make a scan that runs twice, or on two servers at once, raise each alert once. The scan shares the
// server's event loop with the punches that start it, so it reads in small queries and yields often.
import type { Kysely } from 'kysely';
import {
  detectAttemptAnomalies,
  detectDeviceClock,
  detectDeviceClockOffset,
} from '../../core/anomaly/devices.js';
import {
  type AbsenceFact,
  detectLowMargin,
  detectNonFaceDevice,
  detectNonFacePerson,
  detectPunchOnLeave,
  detectPunchTerminated,
  detectRefusedFormerEmployee,
  expectedToUseFace,
} from '../../core/anomaly/punch-checks.js';
import { defaultSeverity } from '../../core/anomaly/settings.js';
import { detectImpossibleTravel, detectSiteHopping } from '../../core/anomaly/travel.js';
import type { AttemptFact, Finding, PunchFact, SiteFact } from '../../core/anomaly/types.js';
import { detectUnusualTime, type LocalPunch } from '../../core/anomaly/unusual-time.js';
import { departmentChain, type FaceRolloutEntry, faceRolloutCovers } from '../../core/org/face-rollout.js';
import { localDateOf, toLocal } from '../../core/time/zone.js';
import type { Database, PunchRow } from '../../db/schema.js';
import { readSettings } from '../attendance/settings.js';
import { nowIso, type ServiceContext } from '../context.js';
import { ensureFaceRuntime } from '../face/runtime.js';
import { raiseFindings } from './raise.js';
import { readAlertSettings } from './settings.js';

export const CURSOR_KEY = 'alerts.cursor';
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const BATCH = 500;

interface Cursor {
  punch: number;
  attempt: number;
  deviceAlert: number;
}

async function readCursor(db: Kysely<Database>): Promise<Cursor> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', CURSOR_KEY)
    .executeTakeFirst();
  const stored = row ? (JSON.parse(row.value) as Partial<Cursor>) : {};
  return { punch: stored.punch ?? 0, attempt: stored.attempt ?? 0, deviceAlert: stored.deviceAlert ?? 0 };
}

async function saveCursor(ctx: ServiceContext, next: Cursor) {
  const now = nowIso(ctx);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await readCursor(trx);
    const merged = JSON.stringify({
      punch: Math.max(current.punch, next.punch),
      attempt: Math.max(current.attempt, next.attempt),
      deviceAlert: Math.max(current.deviceAlert, next.deviceAlert),
    });
    await trx
      .insertInto('settings')
      .values({ key: CURSOR_KEY, value: merged, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: merged, updated_at: now }))
      .execute();
  });
}

const toFact = (
  p: Pick<
    PunchRow,
    | 'id'
    | 'employee_id'
    | 'at'
    | 'site_id'
    | 'device_id'
    | 'method'
    | 'direction'
    | 'match_score'
    | 'match_margin'
    | 'clock_skew_ms'
  >,
): PunchFact => ({
  id: p.id,
  employeeId: p.employee_id,
  at: Date.parse(p.at),
  siteId: p.site_id,
  deviceId: p.device_id,
  method: p.method,
  direction: p.direction,
  matchScore: p.match_score,
  matchMargin: p.match_margin,
  clockSkewMs: p.clock_skew_ms,
});

const PUNCH_COLUMNS = [
  'id',
  'employee_id',
  'at',
  'site_id',
  'device_id',
  'method',
  'direction',
  'match_score',
  'match_margin',
  'clock_skew_ms',
] as const;

/** Employees whose history one query reads: a smaller query blocks the event loop for less time on SQLite. */
const HISTORY_CHUNK = 25;
/** Devices whose recent PIN/QR punches one query reads, for the same reason. */
const DEVICE_CHUNK = 20;
/** The longest stretch of checks run without letting waiting requests in. */
const SLICE_MS = 10;

/**
 * Lets waiting requests run. On SQLite every query runs synchronously, so a scan that never waits for a timer
 * or I/O would hold the server's one event loop from start to end.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A `breathe` that only yields once `SLICE_MS` of work has passed since the last yield. */
function pacer() {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await breathe();
    since = performance.now();
  };
}

interface Timed {
  id: number;
  at: number;
}

/** The order the checks see earlier events in: by time, then by id. */
const byTime = (a: Timed, b: Timed) => a.at - b.at || a.id - b.id;

/**
 * In `sorted` (by time, then id), the index of the first event not before `at` (and, at `at` itself, not before
 * `id`): the events before it are exactly those the checks count as earlier.
 */
function firstNotBefore(sorted: readonly Timed[], at: number, id = Number.NEGATIVE_INFINITY): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const q = sorted[mid];
    if (q.at < at || (q.at === at && q.id < id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Events grouped by a key, each group sorted by time, then id. */
function groupByTime<T extends Timed, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  for (const list of groups.values()) list.sort(byTime);
  return groups;
}

/** The events of `sorted` from `from` (inclusive) up to, not including, the event (at, id). */
function windowBefore<T extends Timed>(sorted: readonly T[], from: number, at: number, id: number): T[] {
  return sorted.slice(firstNotBefore(sorted, from), firstNotBefore(sorted, at, id));
}

async function scanPunches(
  ctx: ServiceContext,
  after: number,
  settings: Awaited<ReturnType<typeof readAlertSettings>>,
  companyZone: string,
  faceRollout: readonly FaceRolloutEntry[],
) {
  const db = ctx.db.kysely;
  const d = settings.detectors;
  const rows = await db
    .selectFrom('punches')
    .select(PUNCH_COLUMNS)
    .where('id', '>', after)
    .orderBy('id')
    .limit(BATCH)
    .execute();
  if (rows.length === 0) return { last: after, findings: [] as Finding[] };
  const punches = rows.map(toFact);
  const employeeIds = [...new Set(punches.map((p) => p.employeeId))];
  const minAt = Math.min(...punches.map((p) => p.at));
  const maxAt = Math.max(...punches.map((p) => p.at));
  const lookback = Math.max(
    d.unusualTime.historyDays * 2 + 14,
    d.nonFacePerson.periodDays,
    d.siteHopping.periodHours / 24 + 1,
  );

  const [siteRows, employees, requests] = await Promise.all([
    db.selectFrom('sites').select(['id', 'name', 'latitude', 'longitude', 'time_zone']).execute(),
    db
      .selectFrom('employees')
      .select(['id', 'status', 'termination_date', 'site_id', 'department_id'])
      .where('id', 'in', employeeIds)
      .execute(),
    db
      .selectFrom('attendance_requests')
      .select(['id', 'employee_id', 'kind', 'start_date', 'end_date', 'start_at', 'end_at', 'leave_type'])
      .where('employee_id', 'in', employeeIds)
      .where('status', '=', 'approved')
      .where('kind', 'in', ['leave', 'businessTrip'])
      .where('end_date', '>=', new Date(minAt - DAY_MS).toISOString().slice(0, 10))
      .where('start_date', '<=', new Date(maxAt + DAY_MS).toISOString().slice(0, 10))
      .execute(),
  ]);
  // The employees' history, a few employees at a time (on SQLite each query holds the event loop).
  const history: PunchFact[] = [];
  // Whether each has a face template of the model in use and a consent in force, for the PIN/QR count.
  const faceStanding = new Map<number, { enrolled: boolean; consented: boolean }>();
  const model = d.nonFacePerson.enabled ? ensureFaceRuntime(ctx).model : null;
  for (let i = 0; i < employeeIds.length; i += HISTORY_CHUNK) {
    const ids = employeeIds.slice(i, i + HISTORY_CHUNK);
    await breathe();
    const chunk = await db
      .selectFrom('punches')
      .select(PUNCH_COLUMNS)
      .where('employee_id', 'in', ids)
      .where('at', '>=', new Date(minAt - lookback * DAY_MS).toISOString())
      .where('at', '<=', new Date(maxAt).toISOString())
      .execute();
    for (const row of chunk) history.push(toFact(row));
    if (!model) continue;
    await breathe();
    const standing = await db
      .selectFrom('employees as e')
      .select((eb) => [
        'e.id',
        eb
          .exists(
            eb
              .selectFrom('face_templates as t')
              .select('t.id')
              .whereRef('t.employee_id', '=', 'e.id')
              .where('t.model', '=', model.name)
              .where('t.model_version', '=', model.version),
          )
          .as('enrolled'),
        eb
          .exists(
            eb
              .selectFrom('biometric_consents as c')
              .select('c.id')
              .whereRef('c.employee_id', '=', 'e.id')
              .where('c.withdrawn_at', 'is', null)
              .where('c.superseded_at', 'is', null),
          )
          .as('consented'),
      ])
      .where('e.id', 'in', ids)
      .execute();
    for (const r of standing) {
      faceStanding.set(r.id, { enrolled: Boolean(r.enrolled), consented: Boolean(r.consented) });
    }
  }
  // The department tree, for the roll-out scope (an empty scope covers everyone).
  const departments =
    model && faceRollout.length > 0
      ? (await db.selectFrom('departments').select(['id', 'parent_id']).execute()).map((n) => ({
          id: n.id,
          parentId: n.parent_id,
        }))
      : [];
  await breathe();
  const sites = new Map<number, SiteFact & { zone: string }>(
    siteRows.map((s) => [
      s.id,
      { id: s.id, name: s.name, latitude: s.latitude, longitude: s.longitude, zone: s.time_zone },
    ]),
  );
  const employeeById = new Map(employees.map((e) => [e.id, e]));
  const byEmployee = groupByTime(history, (p) => p.employeeId);
  const absencesOf = new Map<number, AbsenceFact[]>();
  for (const r of requests) {
    const list = absencesOf.get(r.employee_id) ?? [];
    list.push({
      requestId: r.id,
      kind: r.kind as AbsenceFact['kind'],
      startDate: r.start_date,
      endDate: r.end_date,
      startAt: r.start_at ? Date.parse(r.start_at) : null,
      endAt: r.end_at ? Date.parse(r.end_at) : null,
      leaveType: r.leave_type,
    });
    absencesOf.set(r.employee_id, list);
  }
  // The PIN/QR punches at the batch's devices in the window, a few devices at a time: in a rush the window
  // holds many punches per device.
  const deviceIds = [...new Set(punches.map((p) => p.deviceId).filter((x): x is number => x !== null))];
  const deviceRecent: PunchFact[] = [];
  for (let i = 0; i < deviceIds.length; i += DEVICE_CHUNK) {
    const chunk = await db
      .selectFrom('punches')
      .select(PUNCH_COLUMNS)
      .where('device_id', 'in', deviceIds.slice(i, i + DEVICE_CHUNK))
      .where('method', 'in', ['pin', 'qr'])
      .where('at', '>=', new Date(minAt - d.nonFaceDevice.windowMinutes * MINUTE_MS).toISOString())
      .where('at', '<=', new Date(maxAt).toISOString())
      .execute();
    for (const row of chunk) deviceRecent.push(toFact(row));
    await breathe();
  }
  const byDevice = groupByTime(deviceRecent, (p) => p.deviceId);

  // The punch's site, else the employee's, else the company's zone.
  const zoneOf = (p: PunchFact) =>
    (p.siteId !== null ? sites.get(p.siteId)?.zone : undefined) ??
    sites.get(employeeById.get(p.employeeId)?.site_id ?? -1)?.zone ??
    companyZone;
  const localOf = (p: PunchFact): LocalPunch => ({ punch: p, ...toLocal(p.at, zoneOf(p)) });
  // Each history punch in local time, computed once for all the batch's punches of that employee.
  const localHistory = new Map<number, LocalPunch[]>();
  const localOwn = (employeeId: number, own: readonly PunchFact[]) => {
    let list = localHistory.get(employeeId);
    if (!list) {
      list = own.map(localOf);
      localHistory.set(employeeId, list);
    }
    return list;
  };

  // The department chain of each employee, worked out once for the batch.
  const chains = new Map<number, number[]>();
  const chainOf = (employeeId: number) => {
    let chain = chains.get(employeeId);
    if (!chain) {
      chain = departmentChain(departments, employeeById.get(employeeId)?.department_id ?? null);
      chains.set(employeeId, chain);
    }
    return chain;
  };
  // The roll-out as the kiosk decides `face_not_rolled_out`: the scope on the punch's date in the company's zone.
  const expectsFace = (p: PunchFact) =>
    expectedToUseFace({
      enrolled: faceStanding.get(p.employeeId)?.enrolled ?? false,
      consented: faceStanding.get(p.employeeId)?.consented ?? false,
      rolledOut:
        faceRollout.length === 0 ||
        faceRolloutCovers(faceRollout, chainOf(p.employeeId), localDateOf(p.at, companyZone)),
    });

  const pace = pacer();
  const findings: Finding[] = [];
  for (const p of punches) {
    await pace();
    const own = byEmployee.get(p.employeeId) ?? [];
    // The employee's punches before this one: a prefix of their history (sorted by time, then id).
    const earlierCount = firstNotBefore(own, p.at, p.id);
    const current = localOf(p);
    const emp = employeeById.get(p.employeeId);
    const absences = absencesOf.get(p.employeeId) ?? [];
    // Punches entered by HR or imported are corrections, not events at a door: only a former employee is checked.
    if (p.method === 'manual' || p.method === 'import') {
      const f = emp
        ? detectPunchTerminated(
            p,
            current.date,
            { status: emp.status, terminationDate: emp.termination_date },
            d.punchTerminated,
          )
        : null;
      if (f) findings.push(f);
      continue;
    }
    // Each check is given only the punches its window can count (the same ones, in the same order).
    const candidates = [
      detectUnusualTime(current, localOwn(p.employeeId, own).slice(0, earlierCount), d.unusualTime),
      detectSiteHopping(
        p,
        windowBefore(own, p.at - d.siteHopping.periodHours * HOUR_MS, p.at, p.id),
        d.siteHopping,
      ),
      detectImpossibleTravel(p, earlierCount > 0 ? own[earlierCount - 1] : null, sites, d.impossibleTravel),
      detectLowMargin(p, d.lowMargin),
      detectPunchOnLeave(p, current.date, absences, d.punchOnLeave),
      emp
        ? detectPunchTerminated(
            p,
            current.date,
            { status: emp.status, terminationDate: emp.termination_date },
            d.punchTerminated,
          )
        : null,
      detectNonFacePerson(
        p,
        windowBefore(own, p.at - d.nonFacePerson.periodDays * DAY_MS, p.at, p.id),
        d.nonFacePerson.enabled && p.method !== 'face' && expectsFace(p),
        d.nonFacePerson,
      ),
      detectNonFaceDevice(
        p,
        p.deviceId === null
          ? []
          : windowBefore(
              byDevice.get(p.deviceId) ?? [],
              p.at - d.nonFaceDevice.windowMinutes * MINUTE_MS,
              p.at,
              p.id,
            ),
        d.nonFaceDevice,
      ),
      detectDeviceClock(p, d.deviceClock),
    ];
    for (const f of candidates) if (f) findings.push(f);
  }
  return { last: rows[rows.length - 1].id, findings };
}

async function scanAttempts(
  ctx: ServiceContext,
  after: number,
  settings: Awaited<ReturnType<typeof readAlertSettings>>,
  companyZone: string,
) {
  const db = ctx.db.kysely;
  const d = settings.detectors;
  const rows = await db
    .selectFrom('punch_attempts')
    .select(['id', 'device_id', 'at', 'outcome', 'employee_id'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(BATCH)
    .execute();
  if (rows.length === 0) return { last: after, findings: [] as Finding[] };
  const toAttempt = (r: (typeof rows)[number]): AttemptFact => ({
    id: r.id,
    deviceId: r.device_id,
    at: Date.parse(r.at),
    outcome: r.outcome,
    employeeId: r.employee_id,
  });
  const attempts = rows.map(toAttempt);
  const window = Math.max(d.deviceFailures.windowMinutes, d.spoof.windowMinutes) * MINUTE_MS;
  const deviceIds = [...new Set(attempts.map((a) => a.deviceId).filter((x): x is number => x !== null))];
  const recent =
    deviceIds.length === 0
      ? []
      : (
          await db
            .selectFrom('punch_attempts')
            .select(['id', 'device_id', 'at', 'outcome', 'employee_id'])
            .where('device_id', 'in', deviceIds)
            .where('at', '>=', new Date(Math.min(...attempts.map((a) => a.at)) - window).toISOString())
            .where('id', '<=', rows[rows.length - 1].id)
            .execute()
        ).map(toAttempt);
  const refusedIds = [
    ...new Set(attempts.filter((a) => a.outcome === 'inactive').map((a) => a.employeeId)),
  ].filter((x): x is number => x !== null);
  const refused = new Map(
    (refusedIds.length === 0
      ? []
      : await db
          .selectFrom('employees')
          .leftJoin('sites', 'sites.id', 'employees.site_id')
          .select(['employees.id', 'employees.status', 'employees.termination_date', 'sites.time_zone'])
          .where('employees.id', 'in', refusedIds)
          .execute()
    ).map((e) => [e.id, { status: e.status, terminationDate: e.termination_date, zone: e.time_zone }]),
  );
  // The sites of the devices that refused a former employee, for the local date of the attempt.
  const refusedDevices = [
    ...new Set(attempts.filter((a) => a.outcome === 'inactive').map((a) => a.deviceId)),
  ].filter((x): x is number => x !== null);
  const deviceZones = new Map(
    (refusedDevices.length === 0
      ? []
      : await db
          .selectFrom('devices')
          .innerJoin('sites', 'sites.id', 'devices.site_id')
          .select(['devices.id', 'sites.time_zone'])
          .where('devices.id', 'in', refusedDevices)
          .execute()
    ).map((r) => [r.id, r.time_zone]),
  );
  await breathe();
  const byDevice = groupByTime(recent, (r) => r.deviceId);
  const pace = pacer();
  const findings: Finding[] = [];
  for (const a of attempts) {
    await pace();
    // The device's attempts in the window before this one, in time order (the checks count only those).
    const before =
      a.deviceId === null ? [] : windowBefore(byDevice.get(a.deviceId) ?? [], a.at - window, a.at, a.id);
    findings.push(...detectAttemptAnomalies(a, before, d));
    const employee = a.employeeId === null ? undefined : refused.get(a.employeeId);
    // The device's site, else the employee's, else the company's zone (as for punches).
    const zone =
      (a.deviceId !== null ? deviceZones.get(a.deviceId) : undefined) ?? employee?.zone ?? companyZone;
    const former = detectRefusedFormerEmployee(a, employee, toLocal(a.at, zone).date, d.punchTerminated);
    if (former) findings.push(former);
  }
  return { last: rows[rows.length - 1].id, findings };
}

/** The kiosks' own alerts become alert-centre alerts; a resolved device alert resolves its twin. */
async function syncDeviceAlerts(ctx: ServiceContext, after: number, enabled: boolean) {
  const db = ctx.db.kysely;
  const rows = await db
    .selectFrom('device_alerts')
    .leftJoin('devices', 'devices.id', 'device_alerts.device_id')
    .select([
      'device_alerts.id',
      'device_alerts.device_id',
      'device_alerts.kind',
      'device_alerts.at',
      'device_alerts.details',
      'device_alerts.resolved_at',
      'devices.site_id',
    ])
    .where('device_alerts.id', '>', after)
    .orderBy('device_alerts.id')
    .limit(BATCH)
    .execute();
  const findings: Finding[] = enabled
    ? rows
        .filter((r) => r.resolved_at === null)
        .map((r) => {
          const kind = r.kind === 'offline' ? 'device_offline' : 'device_failures';
          return {
            kind,
            severity: defaultSeverity[kind],
            key: `device_alert:${r.id}`,
            occurredAt: Date.parse(r.at),
            deviceId: r.device_id,
            siteId: r.site_id,
            details: { ...(JSON.parse(r.details) as Record<string, unknown>), deviceAlertId: r.id },
            evidence: {},
          } satisfies Finding;
        })
    : [];
  // Device alerts resolved since (a heartbeat came back): resolve their open twins.
  const open = await db
    .selectFrom('alerts')
    .select(['id', 'dedupe_key'])
    .where('status', 'in', ['open', 'acknowledged'])
    .where('dedupe_key', 'like', 'device_alert:%')
    .execute();
  const twinOf = new Map(open.map((a) => [Number(a.dedupe_key.slice('device_alert:'.length)), a.id]));
  const resolved =
    twinOf.size === 0
      ? []
      : await db
          .selectFrom('device_alerts')
          .select('id')
          .where('id', 'in', [...twinOf.keys()])
          .where('resolved_at', 'is not', null)
          .execute();
  const twins = resolved.map((r) => ({ id: twinOf.get(r.id) as number }));
  const at = nowIso(ctx);
  for (const t of twins) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('alerts')
        .set({ status: 'resolved', updated_at: at })
        .where('id', '=', t.id)
        .execute();
      await trx
        .insertInto('alert_events')
        .values({
          alert_id: t.id,
          at,
          actor_user_id: null,
          actor_name: 'system',
          action: 'status',
          status: 'resolved',
          note: 'device back online',
        })
        .execute();
    });
  }
  return { last: rows.length > 0 ? rows[rows.length - 1].id : after, findings };
}

export interface ScanResult {
  punches: number;
  attempts: number;
  raised: number[];
}

const running = new WeakMap<ServiceContext, Promise<ScanResult>>();

async function scanOnce(ctx: ServiceContext): Promise<ScanResult> {
  const settings = await readAlertSettings(ctx.db.kysely);
  const { companyZone, faceRollout } = await readSettings(ctx.db.kysely);
  const cursor = await readCursor(ctx.db.kysely);
  const punches = await scanPunches(ctx, cursor.punch, settings, companyZone, faceRollout);
  await breathe();
  const attempts = await scanAttempts(ctx, cursor.attempt, settings, companyZone);
  await breathe();
  const devices = await syncDeviceAlerts(ctx, cursor.deviceAlert, settings.detectors.deviceOffline.enabled);
  await breathe();
  const clocks = (
    await ctx.db.kysely
      .selectFrom('devices')
      .select(['id', 'site_id', 'clock_offset_ms'])
      .where('status', '=', 'active')
      .where('clock_offset_ms', 'is not', null)
      .execute()
  )
    .map((dv) =>
      detectDeviceClockOffset(
        { id: dv.id, siteId: dv.site_id, clockOffsetMs: dv.clock_offset_ms },
        ctx.now().getTime(),
        settings.detectors.deviceClock,
      ),
    )
    .filter((f): f is Finding => f !== null);
  // Raising a finding is a transaction and its notices, all synchronous on SQLite: paced like the checks.
  const findings = [...punches.findings, ...attempts.findings, ...devices.findings, ...clocks];
  const raised: number[] = [];
  const pace = pacer();
  for (const finding of findings) {
    await pace();
    raised.push(...(await raiseFindings(ctx, [finding], settings.routing)));
  }
  await saveCursor(ctx, { punch: punches.last, attempt: attempts.last, deviceAlert: devices.last });
  return { punches: punches.last - cursor.punch, attempts: attempts.last - cursor.attempt, raised };
}

/** Scans everything new (in batches), one run at a time in this process. */
export function scanAnomalies(ctx: ServiceContext): Promise<ScanResult> {
  const previous = running.get(ctx) ?? Promise.resolve(null);
  const next = previous
    .catch(() => null)
    .then(async () => {
      const total: ScanResult = { punches: 0, attempts: 0, raised: [] };
      for (let i = 0; i < 20; i++) {
        // Between batches, the requests that came in meanwhile (the punches of a rush) go first.
        if (i > 0) await breathe();
        const r = await scanOnce(ctx);
        total.punches += r.punches;
        total.attempts += r.attempts;
        total.raised.push(...r.raised);
        if (r.punches < BATCH && r.attempts < BATCH) break;
      }
      return total;
    })
    .finally(() => {
      if (running.get(ctx) === next) running.delete(ctx);
    });
  running.set(ctx, next);
  return next;
}

const kicks = new WeakMap<ServiceContext, NodeJS.Timeout>();
const lastKickedScan = new WeakMap<ServiceContext, number>();

/**
 * Kicked scans start at least this far apart. Each scan reads the recent punches around its batch (the
 * detectors' windows), whatever the batch's size: at a rush, a scan every 200 ms read the same window five
 * times a second. Alerts come at most a couple of seconds later instead.
 */
export const SCAN_SPACING_MS = 2000;

/** Starts a scan shortly, in the background (a burst of punches makes one scan). */
export function kickAnomalyScan(ctx: ServiceContext, delayMs = 200): void {
  if (kicks.has(ctx)) return;
  const spaced = (lastKickedScan.get(ctx) ?? Number.NEGATIVE_INFINITY) + SCAN_SPACING_MS - Date.now();
  const timer = setTimeout(
    () => {
      kicks.delete(ctx);
      lastKickedScan.set(ctx, Date.now());
      scanAnomalies(ctx).catch((error) => ctx.log.warn({ err: error }, 'anomaly scan failed'));
    },
    Math.max(delayMs, spaced),
  );
  timer.unref();
  kicks.set(ctx, timer);
}
