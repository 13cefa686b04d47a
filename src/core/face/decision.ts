// Open-set identification: a probe is accepted only when the best employee clears the threshold AND beats
// the second-best employee by the margin; anything else is "unknown". Candidates are always returned so
// the audit trail can show what the matcher saw.

import type { EmployeeCandidate } from './matcher-index.js';

export interface OpenSetPolicy {
  /** Minimum cosine similarity of the best employee. */
  threshold: number;
  /** Minimum lead of the best employee over the second-best one. */
  margin: number;
}

export type UnknownReason = 'no_templates' | 'below_threshold' | 'ambiguous';

export type OpenSetDecision =
  | {
      outcome: 'match';
      employeeId: string;
      score: number;
      /** Best score of any other employee, or null when only one employee is enrolled. */
      secondScore: number | null;
      candidates: EmployeeCandidate[];
    }
  | {
      outcome: 'unknown';
      reason: UnknownReason;
      candidates: EmployeeCandidate[];
    };

/** `candidates` are employees sorted by score, best first, as `MatcherIndex.searchEmployees` returns them. */
export function decideOpenSet(
  candidates: readonly EmployeeCandidate[],
  policy: OpenSetPolicy,
): OpenSetDecision {
  const list = [...candidates];
  const best = list[0];
  if (best === undefined) return { outcome: 'unknown', reason: 'no_templates', candidates: list };
  if (!(best.score >= policy.threshold))
    return { outcome: 'unknown', reason: 'below_threshold', candidates: list };
  const second = list[1];
  if (second !== undefined && best.score - second.score < policy.margin) {
    return { outcome: 'unknown', reason: 'ambiguous', candidates: list };
  }
  return {
    outcome: 'match',
    employeeId: best.employeeId,
    score: best.score,
    secondScore: second === undefined ? null : second.score,
    candidates: list,
  };
}

/** The same rule on bare scores (best and second-best employee), for evaluation loops. */
export function acceptsOpenSet(best: number, second: number | null, policy: OpenSetPolicy): boolean {
  if (!(best >= policy.threshold)) return false;
  return second === null || best - second >= policy.margin;
}
