// Each detector on crafted punch streams: the case it must catch and the look-alike it must leave alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  detectAttemptAnomalies,
  detectDeviceClock,
  detectDeviceClockOffset,
} from '../../../src/core/anomaly/devices.js';
import {
  detectLowMargin,
  detectNonFaceDevice,
  detectNonFacePerson,
  detectPunchOnLeave,
  detectPunchTerminated,
  detectRefusedFormerEmployee,
  expectedToUseFace,
} from '../../../src/core/anomaly/punch-checks.js';
import { mad, median } from '../../../src/core/anomaly/robust.js';
import { mergeDetectorSettings, defaultDetectorSettings as S } from '../../../src/core/anomaly/settings.js';
import { detectImpossibleTravel, detectSiteHopping, distanceKm } from '../../../src/core/anomaly/travel.js';
import type { AttemptFact, PunchFact, SiteFact } from '../../../src/core/anomaly/types.js';
import { detectUnusualTime, type LocalPunch } from '../../../src/core/anomaly/unusual-time.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
let nextId = 1;

function punch(p: Partial<PunchFact> & { at: number }): PunchFact {
  return {
    id: nextId++,
    employeeId: 1,
    siteId: 1,
    deviceId: 1,
    method: 'face',
    direction: 'in',
    matchScore: 0.95,
    matchMargin: 0.2,
    clockSkewMs: 0,
    ...p,
  };
}

function local(day: number, minutes: number, direction: 'in' | 'out' = 'in'): LocalPunch {
  const date = new Date(T0 + day * DAY).toISOString().slice(0, 10);
  return { punch: punch({ at: T0 + day * DAY + minutes * MIN, direction }), date, minutes };
}

test('robust statistics: median and MAD ignore one wild value', () => {
  assert.equal(median([1, 2, 3, 100]), 2.5);
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(mad([1, 2, 3, 4, 100]), 1);
});

test('unusual time: 03:10 against a steady 08:50–09:05 history is flagged; 09:20 is not', () => {
  const history = Array.from({ length: 25 }, (_, d) => local(d, 530 + ((d * 7) % 16)));
  const night = detectUnusualTime(local(30, 190), history, S.unusualTime);
  assert.ok(night);
  assert.equal(night.kind, 'unusual_time');
  assert.equal(night.details.localTime, '03:10');
  assert.ok((night.evidence.scores?.robustZ ?? 0) < -S.unusualTime.threshold);
  assert.equal(detectUnusualTime(local(30, 560), history, S.unusualTime), null);
});

test('unusual time: too little history, other direction, a few odd days, or switched off: no alert', () => {
  const short = Array.from({ length: 5 }, (_, d) => local(d, 540));
  assert.equal(detectUnusualTime(local(30, 190), short, S.unusualTime), null);
  // History of check-outs does not judge a check-in.
  const outs = Array.from({ length: 25 }, (_, d) => local(d, 1080, 'out'));
  assert.equal(detectUnusualTime(local(30, 190), outs, S.unusualTime), null);
  // Three night shifts in the history do not move the median; the night punch is still unusual.
  const mixed = [
    ...Array.from({ length: 22 }, (_, d) => local(d, 540)),
    local(22, 120),
    local(23, 130),
    local(24, 125),
  ];
  assert.ok(detectUnusualTime(local(30, 190), mixed, S.unusualTime));
  assert.equal(detectUnusualTime(local(30, 190), mixed, { ...S.unusualTime, enabled: false }), null);
  // Only the last 30 distinct days count: an old habit of night punches is forgotten.
  const old = [
    ...Array.from({ length: 40 }, (_, d) => local(d - 80, 120)),
    ...Array.from({ length: 30 }, (_, d) => local(d, 540)),
  ];
  assert.ok(detectUnusualTime(local(31, 120), old, S.unusualTime));
});

test('site hopping: a fourth site within 24 hours is flagged once per period; three sites are not', () => {
  const a = punch({ at: T0 + 8 * HOUR, siteId: 1 });
  const b = punch({ at: T0 + 10 * HOUR, siteId: 2 });
  const c = punch({ at: T0 + 12 * HOUR, siteId: 3 });
  const d = punch({ at: T0 + 14 * HOUR, siteId: 4 });
  assert.equal(detectSiteHopping(c, [a, b], S.siteHopping), null);
  const hit = detectSiteHopping(d, [a, b, c], S.siteHopping);
  assert.ok(hit);
  assert.equal(hit.details.places, 4);
  assert.deepEqual(hit.evidence.punchIds, [a.id, b.id, c.id, d.id]);
  // Punches older than the period do not count.
  const old = punch({ at: T0 - 30 * HOUR, siteId: 9 });
  assert.equal(detectSiteHopping(c, [old, a, b], S.siteHopping), null);
  // By device instead of site.
  const e = punch({ at: T0 + 15 * HOUR, siteId: 1, deviceId: 5 });
  assert.equal(detectSiteHopping(e, [a], { ...S.siteHopping, by: 'device' }), null);
});

test('impossible travel: Shanghai then Beijing 30 minutes later is flagged; after 5 hours it is not', () => {
  const sites = new Map<number, SiteFact>([
    [1, { id: 1, name: 'Shanghai', latitude: 31.2304, longitude: 121.4737 }],
    [2, { id: 2, name: 'Beijing', latitude: 39.9042, longitude: 116.4074 }],
    [3, { id: 3, name: 'No coordinates', latitude: null, longitude: null }],
  ]);
  const km = distanceKm(sites.get(1) as never, sites.get(2) as never);
  assert.ok(km > 1050 && km < 1090, `distance ${km}`);
  const first = punch({ at: T0 + 8 * HOUR, siteId: 1 });
  const fast = punch({ at: T0 + 8.5 * HOUR, siteId: 2 });
  const hit = detectImpossibleTravel(fast, first, sites, S.impossibleTravel);
  assert.ok(hit);
  assert.equal(hit.kind, 'impossible_travel');
  assert.equal(hit.details.minutes, 30);
  assert.deepEqual(hit.evidence.punchIds, [first.id, fast.id]);
  const slow = punch({ at: T0 + 13 * HOUR, siteId: 2 });
  assert.equal(detectImpossibleTravel(slow, first, sites, S.impossibleTravel), null);
  const unknown = punch({ at: T0 + 8.1 * HOUR, siteId: 3 });
  assert.equal(detectImpossibleTravel(unknown, first, sites, S.impossibleTravel), null);
  assert.equal(detectImpossibleTravel(fast, null, sites, S.impossibleTravel), null);
});

function attempt(a: Partial<AttemptFact> & { at: number; outcome: string }): AttemptFact {
  return { id: nextId++, deviceId: 7, employeeId: null, ...a };
}

test('device failures: the fifth refusal within 10 minutes raises one alert; spread-out refusals do not', () => {
  const burst = Array.from({ length: 6 }, (_, i) =>
    attempt({ at: T0 + i * MIN, outcome: i % 2 ? 'unknown' : 'spoof' }),
  );
  const found = burst.map((a, i) =>
    detectAttemptAnomalies(a, burst.slice(0, i), S).filter((f) => f.kind === 'device_failures'),
  );
  assert.deepEqual(
    found.map((f) => f.length),
    [0, 0, 0, 0, 1, 0],
  );
  assert.deepEqual(
    found[4][0].evidence.attemptIds,
    burst.slice(0, 5).map((a) => a.id),
  );
  const spread = Array.from({ length: 6 }, (_, i) => attempt({ at: T0 + i * 15 * MIN, outcome: 'unknown' }));
  assert.ok(spread.every((a, i) => detectAttemptAnomalies(a, spread.slice(0, i), S).length === 0));
  // Refusals at another device or of another kind (a bad PIN) do not count.
  const other = [
    ...Array.from({ length: 4 }, (_, i) => attempt({ at: T0 + i * MIN, outcome: 'unknown', deviceId: 8 })),
    attempt({ at: T0, outcome: 'bad_pin' }),
  ];
  assert.equal(detectAttemptAnomalies(attempt({ at: T0 + 5 * MIN, outcome: 'unknown' }), other, S).length, 0);
});

test('spoof suspicion and challenge failure', () => {
  const one = attempt({ at: T0, outcome: 'spoof' });
  assert.equal(detectAttemptAnomalies(one, [], S).filter((f) => f.kind === 'spoof_suspected').length, 0);
  const two = attempt({ at: T0 + 5 * MIN, outcome: 'spoof' });
  const spoof = detectAttemptAnomalies(two, [one], S).find((f) => f.kind === 'spoof_suspected');
  assert.ok(spoof);
  assert.equal(spoof.severity, 'critical');
  const challenge = detectAttemptAnomalies(
    attempt({ at: T0, outcome: 'challenge_failed', employeeId: 3 }),
    [],
    S,
  );
  assert.deepEqual(
    challenge.map((f) => [f.kind, f.employeeId]),
    [['challenge_failed', 3]],
  );
  assert.equal(
    detectAttemptAnomalies(attempt({ at: T0, outcome: 'challenge_failed' }), [], {
      ...S,
      challengeFailed: { enabled: false },
    }).length,
    0,
  );
});

test('low margin: a match barely ahead of a second employee is flagged; a clear one, or a PIN punch, is not', () => {
  assert.ok(detectLowMargin(punch({ at: T0, matchMargin: 0.012 }), S.lowMargin));
  assert.equal(detectLowMargin(punch({ at: T0, matchMargin: 0.2 }), S.lowMargin), null);
  assert.equal(detectLowMargin(punch({ at: T0, matchMargin: null }), S.lowMargin), null);
  assert.equal(detectLowMargin(punch({ at: T0, method: 'pin', matchMargin: 0.001 }), S.lowMargin), null);
});

test('punch during approved leave or a business trip, by date or by exact hours', () => {
  const leave = {
    requestId: 4,
    kind: 'leave' as const,
    startDate: '2026-03-02',
    endDate: '2026-03-04',
    startAt: null,
    endAt: null,
    leaveType: 'annual',
  };
  const p = punch({ at: T0 + 9 * HOUR });
  assert.equal(detectPunchOnLeave(p, '2026-03-03', [leave], S.punchOnLeave)?.details.requestId, 4);
  assert.equal(detectPunchOnLeave(p, '2026-03-05', [leave], S.punchOnLeave), null);
  const trip = {
    requestId: 5,
    kind: 'businessTrip' as const,
    startDate: '2026-03-02',
    endDate: '2026-03-02',
    startAt: T0 + 13 * HOUR,
    endAt: T0 + 18 * HOUR,
    leaveType: null,
  };
  assert.equal(
    detectPunchOnLeave(p, '2026-03-02', [trip], S.punchOnLeave),
    null,
    'morning punch before an afternoon trip',
  );
  assert.ok(detectPunchOnLeave(punch({ at: T0 + 14 * HOUR }), '2026-03-02', [trip], S.punchOnLeave));
});

test('punch by someone who has left: terminated status or after the last day', () => {
  const p = punch({ at: T0 });
  assert.ok(
    detectPunchTerminated(
      p,
      '2026-03-02',
      { status: 'terminated', terminationDate: null },
      S.punchTerminated,
    ),
  );
  assert.ok(
    detectPunchTerminated(
      p,
      '2026-03-02',
      { status: 'active', terminationDate: '2026-03-01' },
      S.punchTerminated,
    ),
  );
  assert.equal(
    detectPunchTerminated(
      p,
      '2026-03-01',
      { status: 'active', terminationDate: '2026-03-01' },
      S.punchTerminated,
    ),
    null,
  );
  assert.equal(
    detectPunchTerminated(p, '2026-03-02', { status: 'active', terminationDate: null }, S.punchTerminated),
    null,
  );
});

test('a former employee refused at the door still raises an alert; a suspended one does not', () => {
  const a = { id: 99, at: T0, outcome: 'inactive', employeeId: 5, deviceId: 2 };
  const hit = detectRefusedFormerEmployee(
    a,
    { status: 'terminated', terminationDate: '2026-02-28' },
    '2026-03-02',
    S.punchTerminated,
  );
  assert.ok(hit);
  assert.deepEqual(hit.evidence.attemptIds, [99]);
  assert.equal(
    detectRefusedFormerEmployee(
      a,
      { status: 'suspended', terminationDate: null },
      '2026-03-02',
      S.punchTerminated,
    ),
    null,
  );
  assert.equal(
    detectRefusedFormerEmployee(
      { ...a, outcome: 'unknown' },
      { status: 'terminated', terminationDate: null },
      '2026-03-02',
      S.punchTerminated,
    ),
    null,
  );
});

test('non-face punches by one person: the sixth in a week raises one alert; face punches do not count', () => {
  const pins = Array.from({ length: 7 }, (_, i) =>
    punch({ at: T0 + i * 20 * HOUR, method: i % 2 ? 'qr' : 'pin' }),
  );
  const hits = pins.map((p, i) => detectNonFacePerson(p, pins.slice(0, i), true, S.nonFacePerson));
  assert.deepEqual(
    hits.map((h) => h !== null),
    [false, false, false, false, false, true, false],
  );
  const faces = Array.from({ length: 7 }, (_, i) => punch({ at: T0 + i * HOUR }));
  assert.equal(
    detectNonFacePerson(punch({ at: T0 + 8 * HOUR, method: 'pin' }), faces, true, S.nonFacePerson),
    null,
  );
});

test('non-face punches by one person: only someone enrolled, consenting and rolled out to is expected to use face', () => {
  const full = { enrolled: true, consented: true, rolledOut: true };
  assert.equal(expectedToUseFace(full), true);
  assert.equal(expectedToUseFace({ ...full, enrolled: false }), false, 'no face enrolled');
  assert.equal(expectedToUseFace({ ...full, consented: false }), false, 'no consent, or withdrawn');
  assert.equal(expectedToUseFace({ ...full, rolledOut: false }), false, 'not rolled out to their group');
  // The same seven PIN/QR punches as above: the sixth raises the alert only for someone expected to use face.
  const pins = Array.from({ length: 7 }, (_, i) =>
    punch({ at: T0 + i * 20 * HOUR, method: i % 2 ? 'qr' : 'pin' }),
  );
  const run = (standing: typeof full) =>
    pins.filter((p, i) =>
      detectNonFacePerson(p, pins.slice(0, i), expectedToUseFace(standing), S.nonFacePerson),
    ).length;
  assert.equal(run(full), 1);
  assert.equal(run({ ...full, enrolled: false }), 0);
  assert.equal(run({ ...full, consented: false }), 0);
  assert.equal(run({ ...full, rolledOut: false }), 0);
});

test('buddy punching at one device: three people by PIN within five minutes; the same person thrice is not', () => {
  const a = punch({ at: T0, method: 'pin', employeeId: 1, deviceId: 9 });
  const b = punch({ at: T0 + MIN, method: 'pin', employeeId: 2, deviceId: 9 });
  const c = punch({ at: T0 + 2 * MIN, method: 'qr', employeeId: 3, deviceId: 9 });
  const hit = detectNonFaceDevice(c, [a, b], S.nonFaceDevice);
  assert.ok(hit);
  assert.deepEqual(hit.details.employeeIds, [1, 2, 3]);
  const d = punch({ at: T0 + 3 * MIN, method: 'pin', employeeId: 4, deviceId: 9 });
  assert.equal(detectNonFaceDevice(d, [a, b, c], S.nonFaceDevice), null, 'raised once, when reached');
  const same = [
    punch({ at: T0, method: 'pin', employeeId: 1, deviceId: 9 }),
    punch({ at: T0 + MIN, method: 'pin', employeeId: 1, deviceId: 9 }),
  ];
  assert.equal(
    detectNonFaceDevice(
      punch({ at: T0 + 2 * MIN, method: 'pin', employeeId: 1, deviceId: 9 }),
      same,
      S.nonFaceDevice,
    ),
    null,
  );
  const late = punch({ at: T0 + 20 * MIN, method: 'pin', employeeId: 3, deviceId: 9 });
  assert.equal(detectNonFaceDevice(late, [a, b], S.nonFaceDevice), null, 'outside the window');
});

test('device clock: ten minutes off is flagged once a day; within tolerance is not', () => {
  const off = detectDeviceClock(punch({ at: T0, clockSkewMs: 10 * MIN }), S.deviceClock);
  assert.ok(off);
  assert.equal(off.key, 'device_clock:1:2026-03-02');
  assert.equal(detectDeviceClock(punch({ at: T0, clockSkewMs: -2 * MIN }), S.deviceClock), null);
  const heartbeat = detectDeviceClockOffset(
    { id: 1, siteId: null, clockOffsetMs: -7 * MIN },
    T0 + HOUR,
    S.deviceClock,
  );
  assert.equal(heartbeat?.key, off.key, 'the same alert as from a punch that day');
  assert.equal(
    detectDeviceClockOffset({ id: 1, siteId: null, clockOffsetMs: 30_000 }, T0, S.deviceClock),
    null,
  );
});

test('stored settings merge over the defaults and bad values are ignored', () => {
  const merged = mergeDetectorSettings({
    unusualTime: { threshold: 5, enabled: 'yes' },
    siteHopping: { by: 'planet', maxPlaces: 2 },
    lowMargin: { margin: -1 },
    unknown: { x: 1 },
  });
  assert.equal(merged.unusualTime.threshold, 5);
  assert.equal(merged.unusualTime.enabled, true);
  assert.equal(merged.siteHopping.by, 'site');
  assert.equal(merged.siteHopping.maxPlaces, 2);
  assert.equal(merged.lowMargin.margin, S.lowMargin.margin);
});
