// Running a scenario through the engine: every employee-day of the period, and a summary per employee.

import { type MonthSummary, monthSummary } from '../month-summary.js';
import { evaluateRange } from '../range.js';
import type { DayResult } from '../result.js';
import { type CompiledScenario, loadScenario } from './load.js';

export interface SimulationResult {
  name: string;
  period: { from: string; to: string };
  days: DayResult[];
  summaries: MonthSummary[];
}

export function runScenario(compiled: CompiledScenario): SimulationResult {
  const days: DayResult[] = [];
  const summaries: MonthSummary[] = [];
  for (const employee of compiled.employees) {
    const results = evaluateRange({
      context: compiled.context,
      employeeId: employee.id,
      from: compiled.period.from,
      to: compiled.period.to,
      punches: compiled.punches.get(employee.id) ?? [],
      requests: compiled.requests.get(employee.id) ?? [],
      leaveTypes: compiled.leaveTypes,
    });
    days.push(...results);
    summaries.push(monthSummary(results));
  }
  return { name: compiled.name, period: compiled.period, days, summaries };
}

/** Validate, compile and run a scenario given as parsed JSON. */
export function simulateScenario(input: unknown): SimulationResult {
  return runScenario(loadScenario(input));
}
