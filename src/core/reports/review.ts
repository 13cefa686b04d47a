// The monthly data review (月度数据核对): what in a month's records did not come from a clean face punch and
// so deserves a human look before the month is closed.

export type ReviewKind = 'manualDay' | 'correction' | 'nonFacePunch' | 'lowMargin';

export const REVIEW_KINDS: readonly ReviewKind[] = ['manualDay', 'correction', 'nonFacePunch', 'lowMargin'];

/** A face punch whose best match beat the runner-up by less than this is listed for review. */
export const DEFAULT_LOW_MARGIN = 0.03;

export function isNonFace(method: string): boolean {
  return method !== 'face';
}

export function isLowMargin(method: string, margin: number | null, below: number): boolean {
  return method === 'face' && margin !== null && margin < below;
}

/** Day results recomputed because of a hand-entered change carry a cause naming it. */
export function isManualCause(cause: string): boolean {
  return /^manual punch/i.test(cause) || /edited by hand/i.test(cause);
}

export type ReviewCounts = Record<ReviewKind, number>;

export function countByKind(items: Iterable<{ kind: ReviewKind }>): ReviewCounts {
  const counts: ReviewCounts = { manualDay: 0, correction: 0, nonFacePunch: 0, lowMargin: 0 };
  for (const i of items) counts[i.kind]++;
  return counts;
}
