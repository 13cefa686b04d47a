// What the status page warns about, from plain figures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overallLevel, type StatusFigures, statusWarnings } from '../../../src/core/privacy/system-status.js';

const NOW = Date.parse('2026-05-04T12:00:00Z');
const healthy: StatusFigures = {
  databaseOk: true,
  lastBackupAt: '2026-05-04T02:30:00Z',
  backupMaxAgeHours: 36,
  jobs: [{ job: 'backup', status: 'ok' }],
  devices: { online: 3, offline: 0 },
  unreadableTemplates: 0,
  keysInFile: 1,
};

test('a healthy system has no warning', () => {
  assert.deepEqual(statusWarnings(healthy, NOW), []);
  assert.equal(overallLevel([]), 'ok');
});

test('an old or missing backup, a failed job, offline kiosks and a pending rotation are warnings', () => {
  const w = statusWarnings(
    {
      ...healthy,
      lastBackupAt: '2026-05-02T11:00:00Z',
      jobs: [
        { job: 'backup', status: 'ok' },
        { job: 'retention-purge', status: 'failed' },
      ],
      devices: { online: 1, offline: 2 },
      keysInFile: 2,
    },
    NOW,
  );
  assert.deepEqual(
    w.map((x) => [x.code, x.params]),
    [
      ['backup_old', { hours: 49 }],
      ['job_failed', { job: 'retention-purge' }],
      ['devices_offline', { count: 2 }],
      ['rotation_pending', { keys: 2 }],
    ],
  );
  assert.equal(overallLevel(w), 'warning');
  assert.deepEqual(
    statusWarnings({ ...healthy, lastBackupAt: null }, NOW).map((x) => x.code),
    ['no_backup'],
  );
  assert.deepEqual(statusWarnings({ ...healthy, lastBackupAt: '2026-05-03T01:00:00Z' }, NOW), [], '35 hours');
});

test('a database that does not answer or unreadable templates are errors', () => {
  const w = statusWarnings({ ...healthy, databaseOk: false, unreadableTemplates: 4 }, NOW);
  assert.deepEqual(
    w.map((x) => x.code),
    ['database_down', 'templates_unreadable'],
  );
  assert.equal(overallLevel(w), 'error');
});
