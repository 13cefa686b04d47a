// Checks of shifts, schedules and rules against the engine's own JSON Schema (the simulate format) and its
// semantic checks, so the console, the API and `faceclock simulate` accept exactly the same definitions.
import { type JsonSchema, validateJson } from '../../core/attendance/scenario/json-schema.js';
import { scenarioSchema } from '../../core/attendance/scenario/schema.js';
import { type Shift, shiftProblems } from '../../core/attendance/shift.js';
import { invalid } from '../../core/errors.js';
import { isValidDate } from '../../core/time/date.js';

const defs = scenarioSchema.$defs as Record<string, JsonSchema>;
const rulesSchema = (scenarioSchema.properties as Record<string, JsonSchema>).rules;

function check(schema: JsonSchema, value: unknown, what: string): void {
  const errors = validateJson({ $defs: defs, ...schema }, value);
  if (errors.length > 0) {
    throw invalid(
      `${what}: ${errors.map((e) => `${e.path.replace(/^\$/, what)} ${e.message}`).join('; ')}`,
      errors,
    );
  }
}

export function checkShift(code: string, definition: Record<string, unknown>): Shift {
  const shift = { ...definition, id: code } as unknown as Shift;
  check({ $ref: '#/$defs/shift' }, shift, 'shift');
  const problems = shiftProblems(shift);
  if (problems.length > 0) throw invalid(problems.join('; '));
  return shift;
}

export function checkRules(rules: unknown): void {
  check(rulesSchema, rules, 'rules');
}

export function checkVersions(
  versions: { effectiveFrom: string; schedule: unknown }[],
  shiftCodes: Set<string>,
) {
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (!isValidDate(v.effectiveFrom)) throw invalid(`versions[${i}].effectiveFrom is not a date`);
    if (seen.has(v.effectiveFrom)) throw invalid(`two schedule versions start on ${v.effectiveFrom}`);
    seen.add(v.effectiveFrom);
    check({ $ref: '#/$defs/schedule' }, v.schedule, `versions[${i}].schedule`);
    for (const code of shiftsOfSchedule(v.schedule)) {
      if (!shiftCodes.has(code)) throw invalid(`versions[${i}]: unknown shift ${code}`);
    }
  });
}

export function shiftsOfSchedule(schedule: unknown): string[] {
  const s = schedule as {
    kind?: string;
    days?: Record<string, string | null>;
    cycle?: (string | null)[];
    makeUpShift?: string;
  };
  const out: string[] = [];
  if (s.kind === 'weekly') {
    for (const v of Object.values(s.days ?? {})) if (v) out.push(v);
    if (s.makeUpShift) out.push(s.makeUpShift);
  } else if (s.kind === 'rotating') for (const v of s.cycle ?? []) if (v) out.push(v);
  return out;
}
