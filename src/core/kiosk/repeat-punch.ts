// The repeat-punch window (重复打卡间隔): a second punch by the same person within N minutes of the last one
// is refused, and the kiosk says when the first one was recorded.

export interface RecordedPunch {
  /** Capture instant, epoch ms. */
  atMs: number;
}

/**
 * The earlier punch that makes this one a repeat, or null. A punch captured before the last recorded one
 * (a queued punch replayed late) is a repeat only when it is within the window on either side.
 */
export function repeatOf<T extends RecordedPunch>(
  recent: readonly T[],
  captureMs: number,
  windowMinutes: number,
): T | null {
  if (windowMinutes <= 0) return null;
  const windowMs = windowMinutes * 60_000;
  let nearest: T | null = null;
  for (const p of recent) {
    const gap = Math.abs(captureMs - p.atMs);
    if (gap < windowMs && (nearest === null || gap < Math.abs(captureMs - nearest.atMs))) nearest = p;
  }
  return nearest;
}
