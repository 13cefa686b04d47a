// The punch service: every kiosk punch, by face, PIN or QR code, comes through here. The device is already
// authenticated; the face is checked again on the server (detection, quality gate, anti-spoof), embedded and
// identified; a repeat within the window is refused; the punch is recorded with its sealed evidence crop in one
// transaction with its audit entry. Refused attempts go to punch_attempts and count towards the device's
// failure streak. Each idempotency key is accepted once: a replay gets the first answer again.

import { type Insertable, type Kysely, sql } from 'kysely';
import { AppError, type ErrorCode, invalid } from '../../core/errors.js';
import { decideOpenSet } from '../../core/face/decision.js';
import { applyQualityGate } from '../../core/face/quality-gate.js';
import { judgeCaptureTime } from '../../core/kiosk/clock-skew.js';
import { punchDirection } from '../../core/kiosk/direction.js';
import { failureStreak, streakRaisesAlert } from '../../core/kiosk/failure-streak.js';
import { CHALLENGES, type Challenge, needsChallenge } from '../../core/kiosk/liveness.js';
import { repeatOf } from '../../core/kiosk/repeat-punch.js';
import { formatClock } from '../../core/time/clock.js';
import { localDateOf, startOfLocalDay, toLocal } from '../../core/time/zone.js';
import { inGroupTransaction } from '../../db/group-commit.js';
import { prepare } from '../../db/prepared.js';
import type { Database, PunchAttemptsTable, PunchesTable } from '../../db/schema.js';
import { defaultDecodeLimits } from '../../face/decode.js';
import { dayStatusAfterPunch, faceRolledOutFor, type PunchDayStatus } from '../attendance/index.js';
import { recordAudit } from '../audit.service.js';
import type { ServiceContext } from '../context.js';
import { seal } from '../crypto/seal.js';
import { ensureFaceRuntime, faceRuntimeOf } from '../face/runtime.js';
import { dummySecretHash, verifySecret } from '../passwords.js';
import { raiseDeviceAlert } from './alerts.service.js';
import { type DeviceIdentity, deviceAuditActor } from './device-identity.js';
import { publishPunchEvent } from './punch-events.js';
import { checkPunchCode } from './qr-code.service.js';
import { type KioskSettings, readKioskSettings } from './settings.js';

export type PunchMethod = 'face' | 'pin' | 'qr';

export interface KioskPunchInput {
  method: PunchMethod;
  /** Made by the kiosk for each capture; a replay with the same key gets the first answer. */
  idempotencyKey: string;
  /** Capture and send instants by the device's clock (ISO-8601). */
  capturedAt: string;
  sentAt: string;
  /** Face crop (face) or evidence photo (PIN, QR), JPEG. */
  photo?: Uint8Array | null;
  /** The browser's own passive scores, recorded beside the server's. */
  clientScores?: Record<string, number | null>;
  /** The active liveness challenge, when one was run. */
  challenge?: { kind: Challenge; passed: boolean } | null;
  employeeNo?: string;
  pin?: string;
  qr?: string;
  /** Replayed from the kiosk's offline queue: the person has gone, so a needed challenge cannot be asked for. */
  fromQueue?: boolean;
}

export interface PunchedEmployee {
  id: number;
  employeeNo: string;
  name: string;
}

export interface KioskPunchResult {
  /**
   * recorded; repeat (already recorded within the window); unknown (face not recognised); refused (quality,
   * spoof, failed challenge, wrong PIN, bad QR, inactive employee); challenge (do the active challenge first).
   */
  outcome: 'recorded' | 'repeat' | 'unknown' | 'refused' | 'challenge';
  /** Message code for everything but a recorded punch. */
  code: ErrorCode | null;
  params: Record<string, string | number>;
  /** The answer was given before, to the same idempotency key. */
  replayed: boolean;
  employee: PunchedEmployee | null;
  punch: { id: number; at: string; direction: 'in' | 'out'; method: PunchMethod; flags: string[] } | null;
  /** The standing of the day the punch belongs to, when the employee has a schedule. */
  attendance: PunchDayStatus | null;
}

const KEY_RE = /^[A-Za-z0-9_-]{8,100}$/;
const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** A punch that reaches the server this long after capture was queued offline. */
const DELAYED_AFTER_MS = 2 * 60_000;

type Refusal = {
  outcome: 'unknown' | 'refused';
  attempt: PunchAttemptsTable['outcome'];
  code: ErrorCode;
  params?: Record<string, string | number>;
  candidateEmployeeId?: number | null;
  scores?: Record<string, unknown>;
};

type Identified = {
  employeeId: number;
  match?: { score: number; margin: number | null };
  scores?: Record<string, unknown>;
};

const result = (r: Partial<KioskPunchResult> & Pick<KioskPunchResult, 'outcome'>): KioskPunchResult => ({
  code: null,
  params: {},
  replayed: false,
  employee: null,
  punch: null,
  attendance: null,
  ...r,
});

function checkInput(input: KioskPunchInput) {
  if (!KEY_RE.test(input.idempotencyKey))
    throw invalid('idempotencyKey must be 8–100 letters, digits, - or _');
  for (const [name, value] of [
    ['capturedAt', input.capturedAt],
    ['sentAt', input.sentAt],
  ] as const) {
    if (Number.isNaN(Date.parse(value))) throw invalid(`${name} must be an ISO-8601 instant`);
  }
  if (input.photo && input.photo.byteLength > MAX_PHOTO_BYTES) {
    throw new AppError('image_too_large', 413, { maxMb: MAX_PHOTO_BYTES / 2 ** 20 });
  }
  if (input.challenge && !CHALLENGES.includes(input.challenge.kind)) throw invalid('unknown challenge');
  if (input.method !== 'face' && (!input.photo || input.photo.byteLength === 0)) {
    throw new AppError('evidence_photo_required', 400);
  }
}

export async function recordKioskPunch(
  ctx: ServiceContext,
  device: DeviceIdentity,
  input: KioskPunchInput,
): Promise<KioskPunchResult> {
  checkInput(input);
  const earlier = await replay(ctx, input.idempotencyKey);
  if (earlier) return earlier;
  const settings = await readKioskSettings(ctx.db.kysely);
  const time = judgeCaptureTime(
    {
      capturedMs: Date.parse(input.capturedAt),
      sentMs: Date.parse(input.sentAt),
      receivedMs: ctx.now().getTime(),
    },
    { toleranceMs: settings.clockToleranceSeconds * 1000, delayedAfterMs: DELAYED_AFTER_MS },
  );
  let who: Identified | Refusal | 'challenge';
  if (input.method === 'face') who = await identifyFace(ctx, input, settings);
  else if (input.method === 'pin') who = await verifyPin(ctx, input);
  else who = await verifyQr(ctx, input, settings);
  if (who === 'challenge') return result({ outcome: 'challenge', code: 'challenge_required' });
  try {
    if ('attempt' in who) return await recordAttempt(ctx, device, input, time, settings, who);
    return await recordPunch(ctx, device, input, time, settings, who);
  } catch (error) {
    // The same key sent twice at once: the second insert hits the unique index; answer as the first did.
    if (/unique|duplicate/i.test((error as Error).message)) {
      const first = await replay(ctx, input.idempotencyKey);
      if (first) return first;
    }
    throw error;
  }
}

async function identifyFace(
  ctx: ServiceContext,
  input: KioskPunchInput,
  settings: KioskSettings,
): Promise<Identified | Refusal | 'challenge'> {
  const client = { client: input.clientScores ?? null, challenge: input.challenge ?? null };
  if (!input.photo || input.photo.byteLength === 0) {
    return { outcome: 'refused', attempt: 'quality', code: 'no_face', scores: client };
  }
  const rt = await faceRuntimeOf(ctx);
  const analysis = await rt.analyze(input.photo);
  if (!analysis.ok) {
    return {
      outcome: 'refused',
      attempt: 'quality',
      code: analysis.error,
      params: {
        maxMb: defaultDecodeLimits.maxBytes / 2 ** 20,
        maxMegapixels: defaultDecodeLimits.maxPixels / 1e6,
      },
      scores: client,
    };
  }
  const main = analysis.main;
  const server = main ? { antispoof: main.scores.antispoof, liveness: main.scores.liveness } : null;
  const gate = applyQualityGate(
    {
      face: main ? { measures: main.quality, scores: main.scores } : null,
      otherEyeDistancesPx: analysis.otherEyeDistancesPx,
      checkSpoof: true,
    },
    rt.thresholds,
  );
  const scores = { ...client, server };
  if (!gate.ok || !main?.embedding) {
    const reason = gate.reasons[0] ?? 'no_face';
    return {
      outcome: 'refused',
      attempt: reason === 'suspected_spoof' ? 'spoof' : 'quality',
      code: reason,
      scores,
    };
  }
  if (needsChallenge(settings.challengeMode, main.scores, settings)) {
    if (!input.challenge && !input.fromQueue) return 'challenge';
    if (!input.challenge) {
      return { outcome: 'refused', attempt: 'challenge_failed', code: 'challenge_required', scores };
    }
    if (!input.challenge.passed) {
      return { outcome: 'refused', attempt: 'challenge_failed', code: 'challenge_required', scores };
    }
  }
  const hits = rt.index.searchEmployees(main.embedding, 2);
  const decision = decideOpenSet(hits, rt.calibration);
  const best = hits[0];
  const match = best ? { best: best.score, second: hits[1]?.score ?? null } : null;
  if (decision.outcome !== 'match') {
    return {
      outcome: 'unknown',
      attempt: 'unknown',
      code: 'face_not_recognised',
      candidateEmployeeId: best ? Number(best.employeeId) : null,
      scores: { ...scores, match, reason: decision.reason },
    };
  }
  return {
    employeeId: Number(decision.employeeId),
    match: {
      score: decision.score,
      margin: decision.secondScore === null ? null : decision.score - decision.secondScore,
    },
    scores: { ...scores, match },
  };
}

async function verifyPin(ctx: ServiceContext, input: KioskPunchInput): Promise<Identified | Refusal> {
  const employeeNo = (input.employeeNo ?? '').trim();
  const row = employeeNo
    ? await ctx.db.kysely
        .selectFrom('employees')
        .select(['id', 'pin_hash'])
        .where('employee_no', '=', employeeNo)
        .executeTakeFirst()
    : undefined;
  // The same argon2 work whether or not the employee exists, so timing does not reveal employee numbers.
  const ok = await verifySecret(row?.pin_hash ?? (await dummySecretHash()), input.pin ?? '');
  if (!row?.pin_hash || !ok) {
    return {
      outcome: 'refused',
      attempt: 'bad_pin',
      code: 'pin_wrong',
      candidateEmployeeId: row?.id ?? null,
    };
  }
  return { employeeId: row.id };
}

async function verifyQr(
  ctx: ServiceContext,
  input: KioskPunchInput,
  settings: KioskSettings,
): Promise<Identified | Refusal> {
  const verdict = await checkPunchCode(ctx, input.qr ?? '', settings);
  if (!verdict.ok) {
    const expired = verdict.reason === 'expired' || verdict.reason === 'not_yet_valid';
    return {
      outcome: 'refused',
      attempt: 'bad_qr',
      code: expired ? 'qr_expired' : 'qr_invalid',
      scores: { qr: verdict.reason },
    };
  }
  return { employeeId: verdict.employeeId };
}

interface Judged {
  atMs: number;
  offsetMs: number;
  flags: string[];
}

async function siteZone(db: Kysely<Database>, siteId: number | null): Promise<string> {
  if (siteId === null) return 'UTC';
  const site = await db.selectFrom('sites').select('time_zone').where('id', '=', siteId).executeTakeFirst();
  return site?.time_zone ?? 'UTC';
}

async function recordPunch(
  ctx: ServiceContext,
  device: DeviceIdentity,
  input: KioskPunchInput,
  time: Judged,
  settings: KioskSettings,
  who: Identified,
): Promise<KioskPunchResult> {
  const db = ctx.db.kysely;
  const [employee] = await selectEmployee(db, { id: who.employeeId });
  if (employee?.status !== 'active') {
    return recordAttempt(ctx, device, input, time, settings, {
      outcome: 'refused',
      attempt: 'inactive',
      code: 'employee_inactive',
      params: { employeeNo: employee?.employee_no ?? '' },
      candidateEmployeeId: who.employeeId,
      scores: who.scores,
    });
  }
  if (input.method === 'face' && !(await faceRolledOutFor(db, employee, time.atMs))) {
    return recordAttempt(ctx, device, input, time, settings, {
      outcome: 'refused',
      attempt: 'not_rolled_out',
      code: 'face_not_rolled_out',
      params: { employeeNo: employee.employee_no },
      candidateEmployeeId: who.employeeId,
      scores: who.scores,
    });
  }
  const person: PunchedEmployee = { id: employee.id, employeeNo: employee.employee_no, name: employee.name };
  const zone = device.timeZone ?? (await siteZone(db, device.siteId));
  const now = ctx.now();
  const at = new Date(time.atMs).toISOString();
  const flags = [...time.flags, ...(input.method === 'face' ? [] : ['non_face'])];
  // Only the keyring is needed here (to seal the evidence): no look at the face index.
  const rt = input.photo ? ensureFaceRuntime(ctx) : null;

  const outcome = await inGroupTransaction(ctx.db, async (trx) => {
    // One punch at a time per employee, so two kiosks cannot both pass the repeat check.
    if (ctx.db.dialect === 'postgres') await lockEmployeePunches(trx, { employeeId: employee.id });
    const windowMs = Math.max(settings.repeatWindowMinutes, 0) * 60_000;
    const dayStart = startOfLocalDay(localDateOf(time.atMs, zone), zone);
    const nearby = await selectNearbyPunches(trx, {
      employeeId: employee.id,
      from: new Date(Math.min(dayStart, time.atMs - windowMs)).toISOString(),
      until: new Date(time.atMs + windowMs + 1).toISOString(),
    });
    // The same capture sent twice at once, the first already stored: a replay, not a repeat punch.
    if (nearby.some((p) => p.idempotency_key === input.idempotencyKey)) return { replay: true as const };
    const previous = repeatOf(
      nearby.map((p) => ({ ...p, atMs: Date.parse(p.at) })),
      time.atMs,
      settings.repeatWindowMinutes,
    );
    if (previous) return { repeatOf: previous };
    const earlierToday = nearby.filter((p) => {
      const ms = Date.parse(p.at);
      return ms >= dayStart && ms < time.atMs;
    }).length;
    const direction = punchDirection(device.direction, earlierToday);
    const keepEvidence = rt !== null && settings.evidenceRetentionDays > 0;
    const [row] = await insertPunch(trx, {
      employee_id: employee.id,
      at,
      site_id: device.siteId,
      device_id: device.id,
      method: input.method,
      direction,
      idempotency_key: input.idempotencyKey,
      device_time: input.capturedAt,
      clock_skew_ms: time.offsetMs,
      match_score: who.match?.score ?? null,
      match_margin: who.match?.margin ?? null,
      flags: JSON.stringify(flags),
      evidence_expires_at: keepEvidence
        ? new Date(now.getTime() + settings.evidenceRetentionDays * 86_400_000).toISOString()
        : null,
      created_at: now.toISOString(),
    });
    if (keepEvidence && input.photo) {
      await setPunchEvidence(trx, {
        id: row.id,
        evidence: seal(rt.keyring, input.photo, `punch_evidence:${row.id}`),
      });
    }
    await markDevicePunched(trx, { id: device.id, now: now.toISOString() });
    await recordAudit(trx, ctx.db.dialect, now.toISOString(), deviceAuditActor(device), {
      action: 'punch.record',
      targetType: 'employee',
      targetId: employee.id,
      details: {
        punchId: row.id,
        method: input.method,
        deviceId: device.id,
        at,
        direction,
        flags,
        score: who.match ? Math.round(who.match.score * 10000) / 10000 : null,
      },
    });
    return { id: row.id, direction };
  });

  if ('replay' in outcome) {
    const first = await replay(ctx, input.idempotencyKey);
    if (!first) throw new Error(`the punch of key ${input.idempotencyKey} was not found again`);
    return first;
  }
  if ('repeatOf' in outcome && outcome.repeatOf) {
    const first = outcome.repeatOf;
    const firstTime = formatClock(toLocal(Date.parse(first.at), zone).minutes);
    return recordAttempt(ctx, device, input, time, settings, {
      outcome: 'refused',
      attempt: 'duplicate',
      code: 'already_recorded',
      params: { time: firstTime, firstAt: first.at },
      candidateEmployeeId: employee.id,
      scores: who.scores,
    }).then((r) => ({ ...r, outcome: 'repeat' as const, employee: person }));
  }
  const recorded = outcome as { id: number; direction: 'in' | 'out' };
  publishPunchEvent(ctx.db, {
    kind: 'punch',
    id: recorded.id,
    at,
    method: input.method,
    direction: recorded.direction,
    outcome: 'recorded',
    reason: null,
    employee: { ...person, departmentId: employee.department_id },
    device: { id: device.id, name: device.name, siteId: device.siteId },
    flags,
  });
  // The punch is saved; a recompute that fails must not turn it into an error at the door.
  const attendance = await dayStatusAfterPunch(ctx, employee.id, recorded.id, at).catch((error) => {
    ctx.log.error({ err: error, employeeId: employee.id }, 'recompute after punch failed');
    return null;
  });
  return result({
    outcome: 'recorded',
    employee: person,
    punch: { id: recorded.id, at, direction: recorded.direction, method: input.method, flags },
    attendance,
  });
}

// The queries every punch runs, built once (see src/db/prepared.ts).
const lockEmployeePunches = prepare(
  (_db, p: { employeeId: number }) => sql`select pg_advisory_xact_lock(7210002, ${p.employeeId})`,
);
const selectEmployee = prepare((db, p: { id: number }) =>
  db
    .selectFrom('employees')
    .select(['id', 'employee_no', 'name', 'status', 'department_id'])
    .where('id', '=', p.id),
);
const selectNearbyPunches = prepare((db, p: { employeeId: number; from: string; until: string }) =>
  db
    .selectFrom('punches')
    .select(['id', 'at', 'idempotency_key'])
    .where('employee_id', '=', p.employeeId)
    .where('at', '>=', p.from)
    .where('at', '<', p.until),
);
type NewPunch = Omit<Insertable<PunchesTable>, 'evidence' | 'note' | 'created_by_user_id'>;
const insertPunch = prepare((db, p: NewPunch) =>
  db
    .insertInto('punches')
    .values({
      employee_id: p.employee_id,
      at: p.at,
      site_id: p.site_id,
      device_id: p.device_id,
      method: p.method,
      direction: p.direction,
      idempotency_key: p.idempotency_key,
      device_time: p.device_time,
      clock_skew_ms: p.clock_skew_ms,
      match_score: p.match_score,
      match_margin: p.match_margin,
      flags: p.flags,
      evidence: null,
      evidence_expires_at: p.evidence_expires_at,
      note: null,
      created_at: p.created_at,
      created_by_user_id: null,
    })
    .returning(['id']),
);
const setPunchEvidence = prepare((db, p: { id: number; evidence: Buffer }) =>
  db.updateTable('punches').set({ evidence: p.evidence }).where('id', '=', p.id),
);
const markDevicePunched = prepare((db, p: { id: number; now: string }) =>
  db
    .updateTable('devices')
    .set({ last_punch_at: p.now, last_seen_at: p.now, failure_streak: 0 })
    .where('id', '=', p.id),
);

async function recordAttempt(
  ctx: ServiceContext,
  device: DeviceIdentity,
  input: KioskPunchInput,
  time: Judged,
  settings: KioskSettings,
  refusal: Refusal,
): Promise<KioskPunchResult> {
  const now = ctx.now();
  const at = new Date(time.atMs).toISOString();
  const success = refusal.attempt === 'duplicate';
  // Only the keyring is needed here (to seal the evidence): no look at the face index.
  const rt = input.photo ? ensureFaceRuntime(ctx) : null;
  const keepEvidence = rt !== null && settings.evidenceRetentionDays > 0 && !success;
  const stored = {
    ...(refusal.scores ?? {}),
    message: { outcome: refusal.outcome, code: refusal.code, params: refusal.params ?? {} },
  };
  const id = await inGroupTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('punch_attempts')
      .values({
        device_id: device.id,
        at,
        outcome: refusal.attempt,
        reason: refusal.code,
        employee_id: refusal.candidateEmployeeId ?? null,
        scores: JSON.stringify(stored),
        evidence: null,
        evidence_expires_at: keepEvidence
          ? new Date(now.getTime() + settings.evidenceRetentionDays * 86_400_000).toISOString()
          : null,
        created_at: now.toISOString(),
        method: input.method,
        idempotency_key: input.idempotencyKey,
        device_time: input.capturedAt,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    if (keepEvidence && input.photo) {
      await trx
        .updateTable('punch_attempts')
        .set({ evidence: seal(rt.keyring, input.photo, `attempt_evidence:${row.id}`) })
        .where('id', '=', row.id)
        .execute();
    }
    // A repeat is a recognised person: it ends a failure streak like a punch does.
    const streak = await trx
      .updateTable('devices')
      .set((eb) => ({
        failure_streak: success ? 0 : eb('failure_streak', '+', 1),
        last_seen_at: now.toISOString(),
      }))
      .where('id', '=', device.id)
      .returning(['failure_streak'])
      .executeTakeFirstOrThrow();
    if (!success && streakRaisesAlert(streak.failure_streak, settings.failureAlertThreshold)) {
      const recent = await trx
        .selectFrom('punch_attempts')
        .select(['outcome'])
        .where('device_id', '=', device.id)
        .orderBy('id', 'desc')
        .limit(streak.failure_streak)
        .execute();
      await raiseDeviceAlert(trx, device.id, 'failures', now.toISOString(), {
        streak: failureStreak(recent.map((r) => ({ success: r.outcome === 'duplicate' }))),
        outcomes: recent.map((r) => r.outcome),
      });
    }
    return row.id;
  });
  publishPunchEvent(ctx.db, {
    kind: 'attempt',
    id,
    at,
    method: input.method,
    direction: null,
    outcome: refusal.attempt,
    reason: refusal.code,
    employee: null,
    device: { id: device.id, name: device.name, siteId: device.siteId },
    flags: time.flags,
  });
  return result({ outcome: refusal.outcome, code: refusal.code, params: refusal.params ?? {} });
}

const selectAnswered = prepare(
  (_db, p: { key: string }) => sql<{
    punch_id: number | null;
    at: string | null;
    direction: 'in' | 'out' | null;
    method: string | null;
    flags: string | null;
    outcome: PunchAttemptsTable['outcome'] | null;
    scores: string | null;
    employee_id: number | null;
    employee_no: string | null;
    name: string | null;
  }>`
    select p.id as punch_id, p.at, p.direction, p.method, p.flags, a.outcome, a.scores,
           e.id as employee_id, e.employee_no, e.name
    from (select 1 as one) k
    left join punches p on p.idempotency_key = ${p.key}
    left join punch_attempts a on p.id is null and a.idempotency_key = ${p.key}
    left join employees e on e.id = coalesce(p.employee_id, a.employee_id)
  `,
);

/** The answer first given to this idempotency key, if any. */
async function replay(ctx: ServiceContext, key: string): Promise<KioskPunchResult | null> {
  // One query for both places the key may be (a punch or a refused attempt), with the employee named.
  const [row] = await selectAnswered(ctx.db.kysely, { key });
  if (!row) return null;
  const employee =
    row.employee_id !== null
      ? { id: row.employee_id, employeeNo: row.employee_no ?? '', name: row.name ?? '' }
      : null;
  if (row.punch_id !== null) {
    return result({
      outcome: 'recorded',
      replayed: true,
      employee,
      punch: {
        id: row.punch_id,
        at: row.at ?? '',
        direction: row.direction ?? 'in',
        method: row.method as PunchMethod,
        flags: JSON.parse(row.flags ?? '[]') as string[],
      },
    });
  }
  if (row.outcome === null) return null;
  const message = (
    JSON.parse(row.scores ?? '{}') as { message?: Pick<KioskPunchResult, 'outcome' | 'code' | 'params'> }
  ).message;
  if (row.outcome === 'duplicate' && employee) {
    return result({
      outcome: 'repeat',
      code: 'already_recorded',
      params: message?.params ?? {},
      replayed: true,
      employee,
    });
  }
  return result({
    outcome: message?.outcome === 'unknown' ? 'unknown' : 'refused',
    code: message?.code ?? 'face_not_recognised',
    params: message?.params ?? {},
    replayed: true,
  });
}
