// The kiosk's pure rules: repeat window, capture-time correction, QR codes, direction, pairing codes, failure
// streaks, working hours and when to ask for a challenge.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { judgeCaptureTime } from '../../../src/core/kiosk/clock-skew.js';
import { deviceState, withinWorkingHours } from '../../../src/core/kiosk/device-status.js';
import { punchDirection } from '../../../src/core/kiosk/direction.js';
import { failureStreak, streakRaisesAlert } from '../../../src/core/kiosk/failure-streak.js';
import { needsChallenge, pickChallenge } from '../../../src/core/kiosk/liveness.js';
import { formatPairingCode, normalisePairingCode } from '../../../src/core/kiosk/pairing-code.js';
import { issueQrCode, verifyQrCode } from '../../../src/core/kiosk/qr-code.js';
import { repeatOf } from '../../../src/core/kiosk/repeat-punch.js';

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

test('a punch within the window of an earlier one is a repeat of the nearest; at the window edge it is not', () => {
  const punches = [{ atMs: at('2026-03-02T00:57:00Z') }, { atMs: at('2026-03-02T00:40:00Z') }];
  assert.equal(repeatOf(punches, at('2026-03-02T01:01:00Z'), 5), punches[0]);
  assert.equal(
    repeatOf(punches, at('2026-03-02T01:02:00Z'), 5),
    null,
    'exactly five minutes later is a new punch',
  );
  assert.equal(
    repeatOf(punches, at('2026-03-02T00:55:00Z'), 5),
    punches[0],
    'a late replay before it counts too',
  );
  assert.equal(repeatOf(punches, at('2026-03-02T00:58:00Z'), 0), null, 'no window, no repeats');
});

test('repeat: any punch inside the window is found, none outside', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 20 }),
      fc.integer({ min: 0, max: 10_000 }),
      fc.integer({ min: 1, max: 60 }),
      (mins, probe, window) => {
        const found = repeatOf(
          mins.map((m) => ({ atMs: m * MIN })),
          probe * MIN,
          window,
        );
        const inside = mins.some((m) => Math.abs(m - probe) < window);
        assert.equal(found !== null, inside);
      },
    ),
  );
});

test('the capture time is corrected by the device clock offset and flagged beyond the tolerance', () => {
  const rules = { toleranceMs: 2 * MIN, delayedAfterMs: 2 * MIN };
  const server = at('2026-03-02T01:00:00Z');
  const ok = judgeCaptureTime(
    { capturedMs: server - 30_000, sentMs: server - 29_000, receivedMs: server },
    rules,
  );
  assert.deepEqual(ok, { atMs: server - 1000, offsetMs: 29_000, flags: [] });
  const slow = judgeCaptureTime(
    { capturedMs: server - 10 * MIN, sentMs: server - 10 * MIN, receivedMs: server },
    rules,
  );
  assert.deepEqual(slow, { atMs: server, offsetMs: 10 * MIN, flags: ['clock_skew'] });
  const queued = judgeCaptureTime(
    { capturedMs: server - 60 * MIN, sentMs: server, receivedMs: server },
    rules,
  );
  assert.deepEqual(queued, { atMs: server - 60 * MIN, offsetMs: 0, flags: ['delayed_sync'] });
  const future = judgeCaptureTime({ capturedMs: server + 5000, sentMs: server, receivedMs: server }, rules);
  assert.equal(future.atMs, server);
  assert.deepEqual(future.flags, ['future_capture']);
});

test('the corrected capture time is never after arrival', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -1e8, max: 1e8 }),
      fc.integer({ min: -1e8, max: 1e8 }),
      fc.integer({ min: 0, max: 1e9 }),
      (c, s, r) => {
        const j = judgeCaptureTime(
          { capturedMs: c, sentMs: s, receivedMs: r },
          { toleranceMs: 1000, delayedAfterMs: 1000 },
        );
        assert.ok(j.atMs <= r);
      },
    ),
  );
});

const sign = (payload: string) => createHmac('sha256', 'k').update(payload).digest('base64url').slice(0, 22);
const equal = (a: string, b: string) => a === b;
const rules = { periodSeconds: 30 };

test('a QR code is valid in its period and the next, then expires; a changed one is refused', () => {
  const t0 = at('2026-03-02T01:00:05Z');
  const code = issueQrCode(42, t0, rules, sign);
  assert.match(code.text, /^FCQ1\.42\.\d+\.[\w-]{22}$/);
  assert.deepEqual(verifyQrCode(code.text, t0 + 40_000, rules, sign, equal), {
    ok: true,
    employeeId: 42,
    step: Math.floor(t0 / 30_000),
  });
  assert.deepEqual(verifyQrCode(code.text, code.expiresMs, rules, sign, equal), {
    ok: false,
    reason: 'expired',
  });
  assert.equal(code.refreshMs, code.expiresMs - 30_000);
  const other = code.text.replace('FCQ1.42.', 'FCQ1.43.');
  assert.deepEqual(verifyQrCode(other, t0, rules, sign, equal), { ok: false, reason: 'bad_signature' });
  assert.deepEqual(verifyQrCode('hello', t0, rules, sign, equal), { ok: false, reason: 'malformed' });
  assert.deepEqual(verifyQrCode(code.text, t0 - 60_000, rules, sign, equal), {
    ok: false,
    reason: 'not_yet_valid',
  });
});

test('direction: fixed kiosks keep theirs, kiosks for both alternate IN, OUT through the day', () => {
  assert.equal(punchDirection('in', 3), 'in');
  assert.equal(punchDirection('out', 0), 'out');
  assert.deepEqual(
    [0, 1, 2, 3].map((n) => punchDirection('both', n)),
    ['in', 'out', 'in', 'out'],
  );
});

test('pairing codes are eight digits, typed with or without separators', () => {
  assert.equal(formatPairingCode('12345678'), '1234-5678');
  assert.equal(normalisePairingCode(' 1234 5678 '), '12345678');
  assert.equal(normalisePairingCode('1234-5678'), '12345678');
  assert.equal(normalisePairingCode('1234-567'), null);
  assert.equal(normalisePairingCode('abcd-efgh'), null);
});

test('a failure streak counts refusals since the last success and alerts at each multiple of the threshold', () => {
  const f = { success: false };
  const s = { success: true };
  assert.equal(failureStreak([f, f, s, f]), 2);
  assert.equal(failureStreak([]), 0);
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((n) => streakRaisesAlert(n, 3)),
    [false, false, true, false, false, true],
  );
  assert.equal(streakRaisesAlert(5, 0), false, 'threshold 0 turns the alert off');
});

test('device state and working hours in the site’s zone', () => {
  const now = at('2026-03-02T02:00:00Z'); // Monday 10:00 in Shanghai
  assert.equal(deviceState('active', now - 60_000, now, 300), 'online');
  assert.equal(deviceState('active', now - 600_000, now, 300), 'offline');
  assert.equal(deviceState('active', null, now, 300), 'offline');
  assert.equal(deviceState('revoked', now, now, 300), 'revoked');
  const hours = { startMinute: 8 * 60, endMinute: 20 * 60, weekdays: [1, 2, 3, 4, 5] };
  assert.equal(withinWorkingHours(now, 'Asia/Shanghai', hours), true);
  assert.equal(withinWorkingHours(now, 'America/New_York', hours), false, '21:00 on Sunday in New York');
  assert.equal(withinWorkingHours(at('2026-03-07T02:00:00Z'), 'Asia/Shanghai', hours), false, 'Saturday');
});

test('a challenge is asked always, or only when a passive score is below the sure threshold', () => {
  const sure = { sureAntispoof: 0.8, sureLiveness: 0.8 };
  assert.equal(needsChallenge('always', { antispoof: 0.99, liveness: 0.99 }, sure), true);
  assert.equal(needsChallenge('uncertain', { antispoof: 0.99, liveness: 0.99 }, sure), false);
  assert.equal(needsChallenge('uncertain', { antispoof: 0.6, liveness: 0.99 }, sure), true);
  assert.equal(needsChallenge('uncertain', { antispoof: null, liveness: 0.99 }, sure), true);
  assert.deepEqual([0, 0.33, 0.5, 0.67, 0.999].map(pickChallenge), [
    'blink',
    'blink',
    'turn_left',
    'turn_right',
    'turn_right',
  ]);
});
