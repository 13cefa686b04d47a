// Robust statistics: the median and the median absolute deviation (MAD), which a few odd days do not move.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mad(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** The modified z-score of Iglewicz and Hoaglin: 0.6745 (x − median) / MAD. */
export function robustZ(value: number, m: number, spread: number): number {
  return (0.6745 * (value - m)) / spread;
}
