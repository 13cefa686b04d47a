import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  checkRetention,
  defaultRetention,
  evidenceDue,
  recordDue,
  retentionCutoffs,
  templatesDue,
} from '../../../src/core/privacy/retention.js';

const now = new Date('2026-06-15T10:00:00Z');
const cut = retentionCutoffs(defaultRetention, now);
const none = new Set<number>();

test('defaults: crops 30 days, photos off, templates 30 days after leaving, records 3 years', () => {
  assert.deepEqual(defaultRetention, {
    evidenceDays: 30,
    keepEnrollmentPhotos: false,
    templateDaysAfterTermination: 30,
    recordYears: 3,
  });
  assert.equal(cut.terminatedOnOrBefore, '2026-05-16');
  assert.equal(cut.recordsBefore, '2023-06-15T10:00:00.000Z');
  assert.equal(cut.recordDatesBefore, '2023-06-15');
});

test('an evidence crop goes when its expiry passes or the setting is shorter than its age', () => {
  const fresh = { at: '2026-06-10T00:00:00Z', evidenceExpiresAt: '2026-07-10T00:00:00Z', employeeId: 1 };
  assert.equal(evidenceDue(fresh, cut, none), false);
  assert.equal(evidenceDue({ ...fresh, evidenceExpiresAt: '2026-06-15T09:00:00Z' }, cut, none), true);
  const old = { at: '2026-05-01T00:00:00Z', evidenceExpiresAt: null, employeeId: null };
  assert.equal(evidenceDue(old, cut, none), true);
  const shorter = retentionCutoffs({ ...defaultRetention, evidenceDays: 3 }, now);
  assert.equal(evidenceDue(fresh, shorter, none), true);
  assert.equal(evidenceDue({ ...old, employeeId: 7 }, cut, new Set([7])), false, 'legal hold keeps it');
});

test('templates of a leaver go N days after the termination date, never under a legal hold', () => {
  const leaver = { id: 5, status: 'terminated' as const, terminationDate: '2026-05-16' };
  assert.equal(templatesDue(leaver, cut, none), true);
  assert.equal(templatesDue({ ...leaver, terminationDate: '2026-05-17' }, cut, none), false);
  assert.equal(templatesDue({ ...leaver, terminationDate: null }, cut, none), false);
  assert.equal(templatesDue(leaver, cut, new Set([5])), false);
});

test('records older than the retention years go, unless held', () => {
  assert.equal(recordDue('2023-06-15T09:59:59.000Z', 1, cut, none), true);
  assert.equal(recordDue('2023-06-15T10:00:00.000Z', 1, cut, none), false);
  assert.equal(recordDue('2023-06-14', 1, cut, none), true);
  assert.equal(recordDue('2023-06-15', 1, cut, none), false);
  assert.equal(recordDue('2020-01-01T00:00:00.000Z', 1, cut, new Set([1])), false);
  assert.equal(recordDue('2020-01-01T00:00:00.000Z', null, cut, new Set([1])), true);
});

test('settings are checked: records at least two years, whole numbers only', () => {
  assert.throws(() => checkRetention({ ...defaultRetention, recordYears: 1 }), /recordYears/);
  assert.throws(() => checkRetention({ ...defaultRetention, evidenceDays: 1.5 }), /evidenceDays/);
  assert.throws(() => checkRetention({ ...defaultRetention, templateDaysAfterTermination: -1 }));
  checkRetention(defaultRetention);
});

test('property: a longer retention never makes more data due', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 400 }),
      fc.integer({ min: 0, max: 400 }),
      fc.integer({ min: 0, max: 2000 }),
      (a, b, ageDays) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        const at = new Date(now.getTime() - ageDays * 86_400_000).toISOString();
        const item = { at, evidenceExpiresAt: null, employeeId: 1 };
        const dueLong = evidenceDue(
          item,
          retentionCutoffs({ ...defaultRetention, evidenceDays: long }, now),
          none,
        );
        const dueShort = evidenceDue(
          item,
          retentionCutoffs({ ...defaultRetention, evidenceDays: short }, now),
          none,
        );
        return !dueLong || dueShort;
      },
    ),
  );
});
