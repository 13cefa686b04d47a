// A kiosk's clock against the server's. The kiosk sends the capture instant and the instant it sent the request,
// both by its own clock; the server knows when the request arrived. Their difference is the device's clock
// offset (request travel time is small beside the tolerance), and the capture instant is corrected by it. A
// punch replayed from the offline queue keeps its original capture instant.

export interface CaptureTimes {
  /** Capture instant by the device clock, epoch ms. */
  capturedMs: number;
  /** Send instant by the device clock, epoch ms. */
  sentMs: number;
  /** Arrival instant by the server clock, epoch ms. */
  receivedMs: number;
}

export interface CaptureJudgement {
  /** The instant recorded for the punch, by the server's clock. */
  atMs: number;
  /** Server minus device clock, ms (positive: the device is slow). */
  offsetMs: number;
  /** Reasons to look at this punch again: 'clock_skew', 'delayed_sync', 'future_capture'. */
  flags: string[];
}

export interface SkewRules {
  /** Offsets beyond this are flagged (时钟偏差容忍). */
  toleranceMs: number;
  /** A punch that reaches the server this long after capture was queued offline. */
  delayedAfterMs: number;
}

export function judgeCaptureTime(t: CaptureTimes, rules: SkewRules): CaptureJudgement {
  const offsetMs = t.receivedMs - t.sentMs;
  const flags: string[] = [];
  if (Math.abs(offsetMs) > rules.toleranceMs) flags.push('clock_skew');
  let atMs = t.capturedMs + offsetMs;
  // A capture after its own sending, or after arrival, cannot be: keep the arrival instant instead.
  if (t.capturedMs > t.sentMs || atMs > t.receivedMs) {
    flags.push('future_capture');
    atMs = t.receivedMs;
  }
  if (t.receivedMs - atMs > rules.delayedAfterMs) flags.push('delayed_sync');
  return { atMs, offsetMs, flags };
}
