// The anomaly scan: runs the detectors over the punches and refused attempts recorded since the last scan, and
// brings the kiosks' device alerts (offline, failure streaks) into the alert centre. Started in the background
// after each punch (the punch itself stays fast) and by a job every few minutes; the cursor and the alerts'
// unique keys make a scan that runs twice, or on two servers at once, raise each alert once.
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
} from '../../core/anomaly/punch-checks.js';
import { defaultSeverity } from '../../core/anomaly/settings.js';
import { detectImpossibleTravel, detectSiteHopping } from '../../core/anomaly/travel.js';
import type { AttemptFact, Finding, PunchFact, SiteFact } from '../../core/anomaly/types.js';
import { detectUnusualTime, type LocalPunch } from '../../core/anomaly/unusual-time.js';
import { toLocal } from '../../core/time/zone.js';
import type { Database, PunchRow } from '../../db/schema.js';
import { nowIso, type ServiceContext } from '../context.js';
import { raiseFindings } from './raise.js';
import { readAlertSettings } from './settings.js';

export const CURSOR_KEY = 'alerts.cursor';
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const BATCH = 500;
const DEFAULT_ZONE = 'Asia/Shanghai';

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

async function scanPunches(
  ctx: ServiceContext,
  after: number,
  settings: Awaited<ReturnType<typeof readAlertSettings>>,
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

  const [historyRows, siteRows, employees, requests] = await Promise.all([
    db
      .selectFrom('punches')
      .select(PUNCH_COLUMNS)
      .where('employee_id', 'in', employeeIds)
      .where('at', '>=', new Date(minAt - lookback * DAY_MS).toISOString())
      .where('at', '<=', new Date(maxAt).toISOString())
      .execute(),
    db.selectFrom('sites').select(['id', 'name', 'latitude', 'longitude', 'time_zone']).execute(),
    db
      .selectFrom('employees')
      .select(['id', 'status', 'termination_date', 'site_id'])
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
  const sites = new Map<number, SiteFact & { zone: string }>(
    siteRows.map((s) => [
      s.id,
      { id: s.id, name: s.name, latitude: s.latitude, longitude: s.longitude, zone: s.time_zone },
    ]),
  );
  const employeeById = new Map(employees.map((e) => [e.id, e]));
  const byEmployee = new Map<number, PunchFact[]>();
  for (const p of historyRows.map(toFact).sort((a, b) => a.at - b.at || a.id - b.id)) {
    const list = byEmployee.get(p.employeeId) ?? [];
    list.push(p);
    byEmployee.set(p.employeeId, list);
  }
  const deviceIds = [...new Set(punches.map((p) => p.deviceId).filter((x): x is number => x !== null))];
  const deviceRecent =
    deviceIds.length === 0
      ? []
      : (
          await db
            .selectFrom('punches')
            .select(PUNCH_COLUMNS)
            .where('device_id', 'in', deviceIds)
            .where('method', 'in', ['pin', 'qr'])
            .where('at', '>=', new Date(minAt - d.nonFaceDevice.windowMinutes * MINUTE_MS).toISOString())
            .where('at', '<=', new Date(maxAt).toISOString())
            .execute()
        ).map(toFact);

  const zoneOf = (p: PunchFact) =>
    (p.siteId !== null ? sites.get(p.siteId)?.zone : undefined) ??
    sites.get(employeeById.get(p.employeeId)?.site_id ?? -1)?.zone ??
    DEFAULT_ZONE;
  const localOf = (p: PunchFact): LocalPunch => ({ punch: p, ...toLocal(p.at, zoneOf(p)) });

  const findings: Finding[] = [];
  for (const p of punches) {
    const own = byEmployee.get(p.employeeId) ?? [];
    const earlier = own.filter((q) => q.at < p.at || (q.at === p.at && q.id < p.id));
    const current = localOf(p);
    const emp = employeeById.get(p.employeeId);
    const absences: AbsenceFact[] = requests
      .filter((r) => r.employee_id === p.employeeId)
      .map((r) => ({
        requestId: r.id,
        kind: r.kind as AbsenceFact['kind'],
        startDate: r.start_date,
        endDate: r.end_date,
        startAt: r.start_at ? Date.parse(r.start_at) : null,
        endAt: r.end_at ? Date.parse(r.end_at) : null,
        leaveType: r.leave_type,
      }));
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
    const candidates = [
      detectUnusualTime(current, earlier.map(localOf), d.unusualTime),
      detectSiteHopping(p, earlier, d.siteHopping),
      detectImpossibleTravel(p, earlier.at(-1) ?? null, sites, d.impossibleTravel),
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
      detectNonFacePerson(p, earlier, d.nonFacePerson),
      detectNonFaceDevice(
        p,
        deviceRecent.filter((q) => q.at < p.at || (q.at === p.at && q.id < p.id)),
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
          .select(['id', 'status', 'termination_date'])
          .where('id', 'in', refusedIds)
          .execute()
    ).map((e) => [e.id, { status: e.status, terminationDate: e.termination_date }]),
  );
  const findings: Finding[] = [];
  for (const a of attempts) {
    const before = recent.filter((r) => r.at < a.at || (r.at === a.at && r.id < a.id));
    findings.push(...detectAttemptAnomalies(a, before, d));
    const former = detectRefusedFormerEmployee(
      a,
      a.employeeId === null ? undefined : refused.get(a.employeeId),
      toLocal(a.at, DEFAULT_ZONE).date,
      d.punchTerminated,
    );
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
  const cursor = await readCursor(ctx.db.kysely);
  const punches = await scanPunches(ctx, cursor.punch, settings);
  const attempts = await scanAttempts(ctx, cursor.attempt, settings);
  const devices = await syncDeviceAlerts(ctx, cursor.deviceAlert, settings.detectors.deviceOffline.enabled);
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
  const raised = await raiseFindings(
    ctx,
    [...punches.findings, ...attempts.findings, ...devices.findings, ...clocks],
    settings.routing,
  );
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

/** Starts a scan shortly, in the background (a burst of punches makes one scan). */
export function kickAnomalyScan(ctx: ServiceContext, delayMs = 200): void {
  if (kicks.has(ctx)) return;
  const timer = setTimeout(() => {
    kicks.delete(ctx);
    scanAnomalies(ctx).catch((error) => ctx.log.warn({ err: error }, 'anomaly scan failed'));
  }, delayMs);
  timer.unref();
  kicks.set(ctx, timer);
}
