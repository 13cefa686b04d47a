// `faceclock simulate --scenario FILE.json [--json]`: run the attendance engine on a scenario file, with
// no database, and print every employee-day.

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type Locale, renderReason } from '../../core/attendance/reasons.js';
import type { DayResult } from '../../core/attendance/result.js';
import { ScenarioError } from '../../core/attendance/scenario/load.js';
import { type SimulationResult, simulateScenario } from '../../core/attendance/scenario/simulate.js';
import { weekday } from '../../core/time/date.js';

interface Options {
  scenario: string;
  json?: boolean;
  lang?: string;
  explain?: boolean;
  employee?: string;
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description(
      'Run the attendance rules on a scenario (rules, calendar, shifts, groups, punches, requests) without a database and print each employee-day. Format: docs/scenario.schema.json, docs/simulation.md',
    )
    .requiredOption('--scenario <file>', 'scenario JSON file')
    .option('--json', 'print JSON: every day result with its reasons and explanations, and summaries')
    .option('--lang <locale>', 'language of explanations: en or zh-CN', 'en')
    .option('--explain', 'print the reason behind every figure under each day')
    .option('--employee <id>', 'only this employee')
    .action((options: Options) => {
      const output = runSimulateCommand(options);
      process.stdout.write(output.stdout);
      if (output.stderr) process.stderr.write(output.stderr);
      if (output.exitCode) process.exitCode = output.exitCode;
    });
}

/** The whole command as a function of its options, for tests and for the CLI. */
export function runSimulateCommand(options: Options): { stdout: string; stderr: string; exitCode: number } {
  const locale: Locale = options.lang === 'zh-CN' || options.lang === 'zh' ? 'zh-CN' : 'en';
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(options.scenario, 'utf8'));
  } catch (error) {
    const message =
      error instanceof SyntaxError ? `not valid JSON: ${error.message}` : (error as Error).message;
    return { stdout: '', stderr: `faceclock simulate: ${options.scenario}: ${message}\n`, exitCode: 1 };
  }
  let result: SimulationResult;
  try {
    result = simulateScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) {
      const lines = error.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n');
      return {
        stdout: '',
        stderr: `faceclock simulate: ${options.scenario} is not a valid scenario:\n${lines}\n`,
        exitCode: 1,
      };
    }
    return { stdout: '', stderr: `faceclock simulate: ${(error as Error).message}\n`, exitCode: 1 };
  }
  if (options.employee) {
    result = {
      ...result,
      days: result.days.filter((d) => d.employeeId === options.employee),
      summaries: result.summaries.filter((s) => s.employeeId === options.employee),
    };
  }
  if (options.json) {
    const json = {
      ...result,
      days: result.days.map((d) => ({ ...d, explanation: d.reasons.map((r) => renderReason(r, locale)) })),
    };
    return { stdout: `${JSON.stringify(json, null, 2)}\n`, stderr: '', exitCode: 0 };
  }
  return { stdout: renderTable(result, locale, !!options.explain), stderr: '', exitCode: 0 };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_TYPE_SHORT: Record<string, string> = {
  workday: 'work',
  restDay: 'rest',
  statutoryHoliday: 'HOLIDAY',
};

function renderTable(result: SimulationResult, locale: Locale, explain: boolean): string {
  const header = [
    'employee',
    'date',
    'day',
    'shift',
    'in',
    'out',
    'sched',
    'worked',
    'late',
    'early',
    'missing',
    'absent',
    'leave',
    'overtime',
    'status',
  ];
  const rows: string[][] = [];
  const notes = new Map<number, string[]>();
  for (const d of result.days) {
    const first = d.pairs.find((p) => p.in)?.in?.time ?? (d.pairs.length ? '—' : '');
    const last = [...d.pairs].reverse().find((p) => p.out)?.out?.time ?? (d.pairs.length ? '—' : '');
    rows.push([
      d.employeeId,
      d.date,
      `${WEEKDAYS[weekday(d.date)]} ${DAY_TYPE_SHORT[d.dayType]}${d.holidayName ? ` ${d.holidayName}` : ''}`,
      d.shiftId ?? '',
      d.pairs.length > 1 ? d.pairs.map((p) => p.in?.time ?? '—').join(',') : first,
      d.pairs.length > 1 ? d.pairs.map((p) => p.out?.time ?? '—').join(',') : last,
      num(d.scheduledMinutes),
      num(d.workedMinutes),
      num(d.lateMinutes),
      num(d.earlyLeaveMinutes),
      missing(d),
      d.absent === 'none' ? '' : d.absent,
      d.leave
        .filter((l) => l.minutes > 0)
        .map((l) => `${l.leaveType} ${l.minutes}`)
        .join(', '),
      d.overtime
        .map((o) => `${o.kind} ${o.minutes} ${o.payPercent ? `@${o.payPercent}%` : 'TOIL'}`)
        .join(', '),
      d.statuses.join(','),
    ]);
    if (explain)
      notes.set(
        rows.length - 1,
        d.reasons.map((r) => renderReason(r, locale)),
      );
  }
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i] - width(c)))
      .join('  ')
      .trimEnd();
  const out: string[] = [
    `Scenario: ${result.name}    Period: ${result.period.from} to ${result.period.to}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
  ];
  rows.forEach((r, i) => {
    out.push(line(r));
    for (const n of notes.get(i) ?? []) out.push(`      · ${n}`);
  });
  out.push('', 'Summary');
  for (const s of result.summaries) {
    const ot = (['workday', 'restDay', 'holiday'] as const)
      .filter((k) => s.overtime[k].minutes > 0)
      .map(
        (k) =>
          `${k} ${s.overtime[k].minutes} min${s.overtime[k].timeOffMinutes ? ` (${s.overtime[k].timeOffMinutes} to time off)` : ''}`,
      )
      .join(', ');
    const leave = Object.entries(s.leave)
      .map(([t, l]) => `${t} ${l.minutes} min`)
      .join(', ');
    out.push(
      `  ${s.employeeId}: scheduled ${s.daysScheduled} d, worked ${s.daysWorked} d, attended ${s.daysAttended} d` +
        `, rate ${s.attendanceRate === null ? '—' : `${(s.attendanceRate * 100).toFixed(1)}%`}` +
        `; late ${s.lateCount}× ${s.lateMinutes} min; early ${s.earlyLeaveCount}× ${s.earlyLeaveMinutes} min` +
        `; absent ${s.absentDays} d; missing punches ${s.missingPunches}` +
        (leave ? `; leave ${leave}` : '') +
        (ot ? `; overtime ${ot}` : ''),
    );
  }
  return `${out.join('\n')}\n`;
}

function num(n: number): string {
  return n ? String(n) : '';
}

function missing(d: DayResult): string {
  const parts: string[] = [];
  if (d.missingIn) parts.push(d.missingIn > 1 ? `in×${d.missingIn}` : 'in');
  if (d.missingOut) parts.push(d.missingOut > 1 ? `out×${d.missingOut}` : 'out');
  return parts.join(',');
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}
