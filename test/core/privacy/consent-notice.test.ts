// The consent notice rules: the standing of a consent against the notice in force, the checks on a notice's
// text and version label, and the draft built from the retention settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkNoticeContent,
  checkNoticeVersion,
  consentStanding,
  draftNoticeContent,
} from '../../../src/core/privacy/consent-notice.js';
import { defaultRetention } from '../../../src/core/privacy/retention.js';

test('a consent stands current, needs renewal, or is none', () => {
  assert.equal(consentStanding(null, 'v2'), 'none');
  assert.equal(consentStanding(null, null), 'none');
  assert.equal(consentStanding('v2', 'v2'), 'current');
  assert.equal(consentStanding('v1', 'v2'), 'needs_renewal');
  assert.equal(consentStanding('paper-2025', null), 'current', 'before any notice is published');
});

test('the draft carries the retention settings in both languages and passes the checks', () => {
  const draft = draftNoticeContent({
    retention: { ...defaultRetention, evidenceDays: 7, recordYears: 4, keepEnrollmentPhotos: true },
  });
  assert.match(draft['zh-CN'].retention, /保存 7 天/);
  assert.match(draft['zh-CN'].retention, /保存 4 年/);
  assert.match(draft.en.retention, /kept 7 days/);
  assert.match(draft['zh-CN'].data, /录入时的人脸照片/);
  assert.doesNotMatch(draftNoticeContent({ retention: defaultRetention })['zh-CN'].data, /录入时的人脸照片/);
  assert.deepEqual(checkNoticeContent(draft), draft);
});

test('every section is required in both languages; text is trimmed', () => {
  const draft = draftNoticeContent({ retention: defaultRetention });
  assert.throws(() => checkNoticeContent({ en: draft.en }), /zh-CN is missing/);
  assert.throws(() => checkNoticeContent({ ...draft, en: { ...draft.en, rights: ' ' } }), /en\.rights/);
  assert.throws(() => checkNoticeContent({ ...draft, en: { ...draft.en, access: 42 } }), /en\.access/);
  const padded = checkNoticeContent({ ...draft, en: { ...draft.en, title: '  Notice  ' } });
  assert.equal(padded.en.title, 'Notice');
});

test('a version label is short and plain', () => {
  assert.equal(checkNoticeVersion(' 2026-03 '), '2026-03');
  assert.equal(checkNoticeVersion('v1.2_草案'), 'v1.2_草案');
  for (const bad of ['', 'a b', 'x/y', 'a'.repeat(65), '<v>'])
    assert.throws(() => checkNoticeVersion(bad), bad);
});
