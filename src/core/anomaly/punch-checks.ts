// Checks of one punch against who punched and how: a low-margin match, a punch during approved leave or a
// business trip, a punch by someone who has left, and PIN/QR punches that look like buddy punching (代打卡).
import type { DetectorSettings } from './settings.js';
import { defaultSeverity } from './settings.js';
import type { Finding, PunchFact } from './types.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const isNonFace = (p: PunchFact) => p.method === 'pin' || p.method === 'qr';

/** Accepted, but a second employee scored close behind: the match may be the wrong person. */
export function detectLowMargin(current: PunchFact, settings: DetectorSettings['lowMargin']): Finding | null {
  if (!settings.enabled || current.method !== 'face' || current.matchMargin === null) return null;
  if (current.matchMargin >= settings.margin) return null;
  return {
    kind: 'low_margin',
    severity: defaultSeverity.low_margin,
    key: `low_margin:${current.id}`,
    occurredAt: current.at,
    employeeId: current.employeeId,
    deviceId: current.deviceId,
    siteId: current.siteId,
    details: { margin: current.matchMargin, limit: settings.margin },
    evidence: {
      punchIds: [current.id],
      scores: { score: current.matchScore ?? 0, margin: current.matchMargin },
    },
  };
}

export interface AbsenceFact {
  requestId: number;
  kind: 'leave' | 'businessTrip';
  /** Dates, inclusive; or exact instants when the request has them. */
  startDate: string;
  endDate: string;
  startAt: number | null;
  endAt: number | null;
  leaveType: string | null;
}

/** A punch on a local date (or within the instants) of an approved leave or business trip. */
export function detectPunchOnLeave(
  current: PunchFact,
  localDate: string,
  absences: readonly AbsenceFact[],
  settings: DetectorSettings['punchOnLeave'],
): Finding | null {
  if (!settings.enabled) return null;
  const hit = absences.find((a) =>
    a.startAt !== null && a.endAt !== null
      ? current.at >= a.startAt && current.at <= a.endAt
      : localDate >= a.startDate && localDate <= a.endDate,
  );
  if (!hit) return null;
  return {
    kind: 'punch_on_leave',
    severity: defaultSeverity.punch_on_leave,
    key: `punch_on_leave:${current.id}`,
    occurredAt: current.at,
    employeeId: current.employeeId,
    deviceId: current.deviceId,
    siteId: current.siteId,
    details: { requestId: hit.requestId, requestKind: hit.kind, leaveType: hit.leaveType, date: localDate },
    evidence: { punchIds: [current.id] },
  };
}

/** A punch by someone terminated, or after their last day. */
export function detectPunchTerminated(
  current: PunchFact,
  localDate: string,
  employee: { status: string; terminationDate: string | null },
  settings: DetectorSettings['punchTerminated'],
): Finding | null {
  if (!settings.enabled) return null;
  const left =
    employee.status === 'terminated' ||
    (employee.terminationDate !== null && localDate > employee.terminationDate);
  if (!left) return null;
  return {
    kind: 'punch_terminated',
    severity: defaultSeverity.punch_terminated,
    key: `punch_terminated:${current.id}`,
    occurredAt: current.at,
    employeeId: current.employeeId,
    deviceId: current.deviceId,
    siteId: current.siteId,
    details: { terminationDate: employee.terminationDate, date: localDate },
    evidence: { punchIds: [current.id] },
  };
}

/** What the company knows of one person's face punching, on the date of a punch. */
export interface FaceStanding {
  /** A face template of the model in use: the kiosks can recognise the person. */
  enrolled: boolean;
  /** A consent to face recognition in force (neither withdrawn nor superseded). */
  consented: boolean;
  /** Face punching is rolled out (刷脸考勤实施范围) to the person's department on that date. */
  rolledOut: boolean;
}

/**
 * Whether the person is expected to punch by face. Without consent, with it withdrawn, without a face enrolled
 * or before the roll-out reaches their department, PIN or QR is their offered way to punch (PIPL: a refusal
 * must not count against them), so their PIN/QR punches are no sign of buddy punching.
 */
export function expectedToUseFace(standing: FaceStanding): boolean {
  return standing.enrolled && standing.consented && standing.rolledOut;
}

/**
 * More than `count` PIN/QR punches in `periodDays` by one person expected to punch by face (`expectsFace`, from
 * `expectedToUseFace`): raised once when the count is passed.
 */
export function detectNonFacePerson(
  current: PunchFact,
  recent: readonly PunchFact[],
  expectsFace: boolean,
  settings: DetectorSettings['nonFacePerson'],
): Finding | null {
  if (!settings.enabled || !expectsFace || !isNonFace(current)) return null;
  const from = current.at - settings.periodDays * DAY_MS;
  const hits = [
    ...recent.filter(
      (p) =>
        p.id !== current.id &&
        p.employeeId === current.employeeId &&
        isNonFace(p) &&
        p.at >= from &&
        p.at <= current.at,
    ),
    current,
  ];
  if (hits.length !== settings.count + 1) return null;
  return {
    kind: 'non_face_person',
    severity: defaultSeverity.non_face_person,
    key: `non_face_person:${current.employeeId}:${hits[0].id}`,
    occurredAt: current.at,
    employeeId: current.employeeId,
    deviceId: current.deviceId,
    siteId: current.siteId,
    details: { count: hits.length, periodDays: settings.periodDays },
    evidence: { punchIds: hits.map((p) => p.id).sort((a, b) => a - b) },
  };
}

/**
 * At one device, `people` or more different people punching by PIN/QR within `windowMinutes`: one person
 * typing in colleagues' PINs looks exactly like this. Raised once, when the number of people is reached.
 */
export function detectNonFaceDevice(
  current: PunchFact,
  recent: readonly PunchFact[],
  settings: DetectorSettings['nonFaceDevice'],
): Finding | null {
  if (!settings.enabled || !isNonFace(current) || current.deviceId === null) return null;
  const from = current.at - settings.windowMinutes * MINUTE_MS;
  const hits = [
    ...recent.filter(
      (p) =>
        p.id !== current.id &&
        p.deviceId === current.deviceId &&
        isNonFace(p) &&
        p.at >= from &&
        p.at <= current.at,
    ),
    current,
  ];
  const people = new Set(hits.map((p) => p.employeeId));
  const before = new Set(hits.filter((p) => p.id !== current.id).map((p) => p.employeeId));
  if (people.size < settings.people || before.size >= settings.people) return null;
  return {
    kind: 'non_face_device',
    severity: defaultSeverity.non_face_device,
    key: `non_face_device:${current.deviceId}:${current.id}`,
    occurredAt: current.at,
    deviceId: current.deviceId,
    siteId: current.siteId,
    details: { people: people.size, windowMinutes: settings.windowMinutes, employeeIds: [...people] },
    evidence: { punchIds: hits.map((p) => p.id).sort((a, b) => a - b) },
  };
}

/**
 * A former employee tried to punch: the kiosk refused them (outcome 'inactive'), but someone still has their
 * face, PIN or code at the door.
 */
export function detectRefusedFormerEmployee(
  attempt: { id: number; at: number; outcome: string; employeeId: number | null; deviceId: number | null },
  employee: { status: string; terminationDate: string | null } | undefined,
  localDate: string,
  settings: DetectorSettings['punchTerminated'],
): Finding | null {
  if (!settings.enabled || attempt.outcome !== 'inactive' || attempt.employeeId === null || !employee)
    return null;
  const left =
    employee.status === 'terminated' ||
    (employee.terminationDate !== null && localDate > employee.terminationDate);
  if (!left) return null;
  return {
    kind: 'punch_terminated',
    severity: defaultSeverity.punch_terminated,
    key: `punch_terminated:attempt:${attempt.id}`,
    occurredAt: attempt.at,
    employeeId: attempt.employeeId,
    deviceId: attempt.deviceId,
    details: { terminationDate: employee.terminationDate, date: localDate, refused: true },
    evidence: { attemptIds: [attempt.id] },
  };
}
