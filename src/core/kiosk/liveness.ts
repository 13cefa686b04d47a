// When the kiosk asks for an active liveness challenge (活体检测动作): always, or only when the passive scores
// (Human's antispoof and liveness models) are uncertain. Scores below the refusal thresholds are refused
// outright by the quality gate; between those and the "sure" thresholds a challenge decides.

export type ChallengeMode = 'always' | 'uncertain';
export type Challenge = 'blink' | 'turn_left' | 'turn_right';
export const CHALLENGES: readonly Challenge[] = ['blink', 'turn_left', 'turn_right'];

export interface PassiveScores {
  antispoof: number | null;
  liveness: number | null;
}

export interface SureThresholds {
  /** Passive scores at or above both of these need no challenge in 'uncertain' mode. */
  sureAntispoof: number;
  sureLiveness: number;
}

export function needsChallenge(mode: ChallengeMode, scores: PassiveScores, sure: SureThresholds): boolean {
  if (mode === 'always') return true;
  if (scores.antispoof === null || scores.liveness === null) return true;
  return scores.antispoof < sure.sureAntispoof || scores.liveness < sure.sureLiveness;
}

/** A challenge picked by a random number in [0, 1). */
export function pickChallenge(random: number): Challenge {
  return CHALLENGES[Math.min(CHALLENGES.length - 1, Math.floor(random * CHALLENGES.length))];
}
