// Appeals (申诉): each goes through a chain of steps (the employee's manager, then HR, as configured), each
// step with a deadline; a step may uphold the result (the appeal is refused and ends) or support it, which
// passes it to the next step; support at the last step overturns the result.
export type AppealStep = 'manager' | 'hr';
export type AppealStatus = 'pending' | 'upheld' | 'overturned' | 'withdrawn';
export type AppealDecision = 'uphold' | 'overturn';

export interface AppealState {
  status: AppealStatus;
  chain: AppealStep[];
  step: number;
}

/** The state after a decision at the current step. */
export function decideAppeal(state: AppealState, decision: AppealDecision): AppealState & { final: boolean } {
  if (state.status !== 'pending') throw new RangeError(`appeal is ${state.status}, not pending`);
  if (decision === 'uphold') return { ...state, status: 'upheld', final: true };
  if (state.step + 1 >= state.chain.length) return { ...state, status: 'overturned', final: true };
  return { ...state, step: state.step + 1, final: false };
}

export const currentStep = (state: AppealState): AppealStep | null =>
  state.status === 'pending' ? (state.chain[state.step] ?? null) : null;

/** When a step that starts at `startIso` must be decided: `days` whole days later. */
export function stepDueAt(startIso: string, days: number): string {
  return new Date(Date.parse(startIso) + days * 86_400_000).toISOString();
}

/**
 * Whether a pending appeal needs a reminder now: its step is due within `leadHours` (or overdue) and no
 * reminder was sent for this step yet.
 */
export function needsReminder(
  appeal: { status: AppealStatus; step: number; dueAt: string; remindedStep: number | null },
  nowMs: number,
  leadHours: number,
): boolean {
  if (appeal.status !== 'pending') return false;
  if (appeal.remindedStep !== null && appeal.remindedStep >= appeal.step) return false;
  return Date.parse(appeal.dueAt) - nowMs <= leadHours * 3_600_000;
}
