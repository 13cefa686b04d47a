// The month cycle of assessment: compute → HR review → publish (公示) → appeal window → close and lock.
export type CycleStatus = 'open' | 'computed' | 'reviewed' | 'published' | 'closed';
export type CycleAction = 'compute' | 'review' | 'publish' | 'close' | 'reopen';

const allowed: Record<CycleAction, readonly CycleStatus[]> = {
  // Computing again after review sends the month back to review.
  compute: ['open', 'computed', 'reviewed'],
  review: ['computed'],
  publish: ['reviewed'],
  close: ['published'],
  reopen: ['closed'],
};

const next: Record<CycleAction, CycleStatus> = {
  compute: 'computed',
  review: 'reviewed',
  publish: 'published',
  close: 'closed',
  reopen: 'published',
};

/** The status after an action, or null when the action is not allowed from `status`. */
export function cycleStep(status: CycleStatus, action: CycleAction): CycleStatus | null {
  return allowed[action].includes(status) ? next[action] : null;
}

/** Employees see results, and may appeal the month, only once it is published. */
export const isVisibleToEmployees = (status: CycleStatus) => status === 'published' || status === 'closed';

/** An employee's one result may be recomputed (after an appeal) until the month is closed. */
export const acceptsRecompute = (status: CycleStatus) => status !== 'closed' && status !== 'open';

/** Last date to appeal a published month: publication date plus the window (in days). */
export function appealWindowEnd(publishedDate: string, windowDays: number): string {
  const [y, m, d] = publishedDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + windowDays)).toISOString().slice(0, 10);
}

/**
 * A name for the public list (公示) when masking is on: the first character kept, the rest starred except
 * the last of three or more (张三丰 → 张*丰, 张三 → 张*); Latin names word by word (Alice Smith → A**** S****).
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (/\s/.test(trimmed)) return trimmed.split(/\s+/).map(maskWord).join(' ');
  const chars = [...trimmed];
  if (chars.length <= 1) return chars.length ? '*' : '';
  if (chars.length === 2) return `${chars[0]}*`;
  if (/^[\p{Script=Han}]+$/u.test(trimmed)) {
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  return maskWord(trimmed);
}

function maskWord(word: string): string {
  const chars = [...word];
  return chars.length ? `${chars[0]}${'*'.repeat(chars.length - 1)}` : '';
}
