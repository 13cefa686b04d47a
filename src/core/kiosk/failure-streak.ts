// Several refused face attempts in a row at one device (连续识别失败) raise an alert: someone may be trying photos,
// or the camera or lighting has gone bad. A recorded punch ends the streak.

export interface AttemptOutcome {
  /** true for a recorded punch (or a repeat of one), false for a refused attempt. */
  success: boolean;
}

/** Refused attempts since the last success, newest first in `latestFirst`. */
export function failureStreak(latestFirst: readonly AttemptOutcome[]): number {
  let n = 0;
  for (const a of latestFirst) {
    if (a.success) break;
    n++;
  }
  return n;
}

/** An alert is raised when the streak reaches the threshold, and again at each further multiple. */
export function streakRaisesAlert(streak: number, threshold: number): boolean {
  return threshold > 0 && streak > 0 && streak % threshold === 0;
}
