// `faceclock simulate` on the documented examples, through commander as the CLI runs it.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { register, runSimulateCommand } from '../../src/cli/commands/simulate.js';
import type { DayResult } from '../../src/core/attendance/result.js';
import { scenarioSchema } from '../../src/core/attendance/scenario/schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examples = path.join(repoRoot, 'docs/examples');

async function cli(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command().exitOverride();
  register(program);
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const before = process.exitCode;
  process.stdout.write = ((chunk: string) => {
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    await program.parseAsync(['node', 'faceclock', 'simulate', ...args]);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { stdout, stderr, exitCode };
}

function days(file: string): DayResult[] {
  const r = runSimulateCommand({ scenario: path.join(examples, file), json: true });
  assert.equal(r.exitCode, 0, r.stderr);
  return JSON.parse(r.stdout).days;
}

const byDate = (list: DayResult[], employeeId: string, date: string) =>
  list.find((d) => d.employeeId === employeeId && d.date === date)!;

test('docs/scenario.schema.json is the schema the validator uses', () => {
  const onDisk = JSON.parse(readFileSync(path.join(repoRoot, 'docs/scenario.schema.json'), 'utf8'));
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(scenarioSchema)));
});

test('every docs example runs, as a table and as JSON', async () => {
  const files = readdirSync(examples).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 4);
  for (const f of files) {
    const table = await cli(['--scenario', path.join(examples, f)]);
    assert.equal(table.exitCode, 0, `${f}: ${table.stderr}`);
    assert.match(table.stdout, /^Scenario: /);
    assert.match(table.stdout, /\nSummary\n/);
    const json = await cli(['--scenario', path.join(examples, f), '--json']);
    const parsed = JSON.parse(json.stdout);
    assert.ok(parsed.days.length > 0);
    for (const d of parsed.days) assert.equal(d.explanation.length, d.reasons.length);
  }
});

test('office example: Spring Festival holiday work at 300%, bridged day to time off, 调休 Saturday corrected', () => {
  const d = days('office-spring-festival.json');
  assert.deepEqual(byDate(d, 'alice', '2025-01-28').overtime, [
    { kind: 'holiday', minutes: 300, compensation: 'pay', payPercent: 300 },
  ]);
  assert.deepEqual(byDate(d, 'alice', '2025-02-03').overtime, [
    { kind: 'restDay', minutes: 180, compensation: 'timeOffInLieu', payPercent: null },
  ]);
  assert.deepEqual(byDate(d, 'alice', '2025-02-08').statuses, ['normal', 'corrected']);
  assert.equal(byDate(d, 'alice', '2025-01-26').dayType, 'workday');
  assert.equal(byDate(d, 'alice', '2025-01-21').lateMinutes, 12);
  assert.equal(byDate(d, 'alice', '2025-01-24').absent, 'half');
});

test('requests example: late after half-day leave, trips, requested overtime, pending leave ignored', () => {
  const d = days('leave-and-requests.json');
  assert.equal(byDate(d, 'bob', '2025-03-03').lateMinutes, 10);
  assert.equal(byDate(d, 'bob', '2025-03-05').businessTripMinutes, 480);
  assert.equal(byDate(d, 'bob', '2025-03-07').overtime[0].minutes, 150);
  assert.equal(byDate(d, 'bob', '2025-03-07').leave.length, 0);
  assert.equal(byDate(d, 'bob', '2025-03-08').overtime[0].compensation, 'timeOffInLieu');
});

test('rotating example: night shifts keep their morning punch, National Day nights at 300%', () => {
  const d = days('rotating-night-shifts.json');
  assert.equal(byDate(d, 'chen', '2025-10-01').pairs[0].out?.time, '08:01+1');
  assert.deepEqual(byDate(d, 'chen', '2025-10-01').overtime, [
    { kind: 'holiday', minutes: 720, compensation: 'pay', payPercent: 300 },
  ]);
  assert.equal(byDate(d, 'chen', '2025-10-02').earlyLeaveMinutes, 30);
});

test('time-zone example: the New York night of the DST change is 420 scheduled minutes', () => {
  const d = days('flexible-and-time-zones.json');
  assert.equal(byDate(d, 'sam', '2025-03-08').scheduledMinutes, 420);
  assert.equal(byDate(d, 'li', '2025-03-10').lateMinutes, 25);
  assert.equal(byDate(d, 'wang', '2025-03-07').overtime[0].minutes, 120);
});

test('--lang zh-CN explains in Chinese; --explain prints reasons under each day', async () => {
  const r = await cli([
    '--scenario',
    path.join(examples, 'office-spring-festival.json'),
    '--explain',
    '--lang',
    'zh-CN',
  ]);
  assert.match(r.stdout, /迟到 12 分钟：打卡 09:12，上班时间 09:00，宽限 5 分钟/);
  const en = await cli(['--scenario', path.join(examples, 'office-spring-festival.json'), '--explain']);
  assert.match(en.stdout, /late 12 min: punch 09:12, shift starts 09:00, grace 5/);
});

test('an invalid scenario exits 1 and names each problem by its path', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'faceclock-sim-'));
  const file = path.join(dir, 'bad.json');
  writeFileSync(
    file,
    JSON.stringify({
      shifts: [{ kind: 'fixed', id: 's', segments: [{ start: '9am', end: '18:00' }] }],
      groups: [{ id: 'g', zone: 'Asia/Shanghai', schedule: { kind: 'weekly', days: { mon: 's' } } }],
      employees: [{ id: 'e', group: 'g', shoeSize: 42 }],
      punches: [{ employeeId: 'e', at: 'yesterday' }],
    }),
  );
  const r = await cli(['--scenario', file]);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /\$\.shifts\[0\]\.segments\[0\]\.start: must be a time of day HH:MM/);
  assert.match(r.stderr, /\$\.employees\[0\]\.shoeSize: is not a known property/);
  assert.match(r.stderr, /\$\.punches\[0\]\.at: must be an instant/);
});

test('references the schema cannot check are reported too', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'faceclock-sim-'));
  const file = path.join(dir, 'refs.json');
  writeFileSync(
    file,
    JSON.stringify({
      shifts: [{ kind: 'fixed', id: 's', segments: [{ start: '09:00', end: '18:00' }] }],
      groups: [{ id: 'g', zone: 'Mars/Base', schedule: { kind: 'weekly', days: { mon: 'nope' } } }],
      employees: [{ id: 'e', group: 'g' }],
      requests: [
        {
          kind: 'leave',
          id: 'L',
          employeeId: 'e',
          leaveType: 'marriage',
          start: '2025-03-03T09:00',
          end: '2025-03-03T10:00',
        },
      ],
      period: { from: '2025-02-30', to: '2025-03-01' },
    }),
  );
  const r = await cli(['--scenario', file]);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /\$\.groups\[0\]\.zone: unknown IANA time zone "Mars\/Base"/);
  assert.match(r.stderr, /\$\.groups\[0\]\.schedule\.days\.mon: unknown shift "nope"/);
  assert.match(r.stderr, /\$\.period\.from: "2025-02-30" is not a calendar date/);
});

test('a file that is not JSON is a clear error', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'faceclock-sim-'));
  const file = path.join(dir, 'x.json');
  writeFileSync(file, '{ nope');
  const r = await cli(['--scenario', file]);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /not valid JSON/);
});
