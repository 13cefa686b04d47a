// Calibration metrics for a face model: verification (pairs) and identification (1:N) figures.
// A comparison whose face was not found has score null and is never accepted: a genuine pair with a missed
// face is a false reject, a probe with a missed face is answered "unknown".

import { acceptsOpenSet, type OpenSetPolicy } from './decision.js';

/** Thresholds and margin calibrated for one model; templates of another model or version are not comparable. */
export interface CalibrationRecord {
  model: string;
  version: string;
  threshold: number;
  margin: number;
}

export interface ScoredPair {
  /** Cosine similarity, or null when a face was missed in either photo. */
  score: number | null;
  same: boolean;
  fold?: number;
}

export interface ErrorRates {
  threshold: number;
  far: number;
  frr: number;
  accuracy: number;
}

function accepted(score: number | null, threshold: number): boolean {
  return score !== null && score >= threshold;
}

export function ratesAt(pairs: readonly ScoredPair[], threshold: number): ErrorRates {
  let genuine = 0;
  let impostor = 0;
  let falseAccepts = 0;
  let falseRejects = 0;
  for (const p of pairs) {
    const ok = accepted(p.score, threshold);
    if (p.same) {
      genuine++;
      if (!ok) falseRejects++;
    } else {
      impostor++;
      if (ok) falseAccepts++;
    }
  }
  const total = genuine + impostor;
  return {
    threshold,
    far: impostor === 0 ? 0 : falseAccepts / impostor,
    frr: genuine === 0 ? 0 : falseRejects / genuine,
    accuracy: total === 0 ? 0 : (total - falseAccepts - falseRejects) / total,
  };
}

/**
 * Error rates at every threshold worth trying (each distinct score, plus one above the highest: accept
 * nothing), ascending, in O(n log n).
 */
export function sweepThresholds(pairs: readonly ScoredPair[]): ErrorRates[] {
  let genuine = 0;
  let impostor = 0;
  const scored: { score: number; same: boolean }[] = [];
  for (const p of pairs) {
    if (p.same) genuine++;
    else impostor++;
    if (p.score !== null) scored.push({ score: p.score, same: p.same });
  }
  scored.sort((a, b) => a.score - b.score);
  const total = genuine + impostor;
  // Start from "accept every scored pair" and walk the threshold up past each distinct score.
  let falseAccepts = scored.filter((p) => !p.same).length;
  let falseRejects = genuine - scored.filter((p) => p.same).length;
  const out: ErrorRates[] = [];
  const push = (threshold: number) =>
    out.push({
      threshold,
      far: impostor === 0 ? 0 : falseAccepts / impostor,
      frr: genuine === 0 ? 0 : falseRejects / genuine,
      accuracy: total === 0 ? 0 : (total - falseAccepts - falseRejects) / total,
    });
  let i = 0;
  while (i < scored.length) {
    const threshold = scored[i].score;
    push(threshold);
    while (i < scored.length && scored[i].score === threshold) {
      if (scored[i].same) falseRejects++;
      else falseAccepts--;
      i++;
    }
  }
  push(scored.length === 0 ? Number.POSITIVE_INFINITY : scored[scored.length - 1].score + 1e-6);
  return out;
}

/** Equal-error rate: the point where the false-accept and false-reject curves cross (their mean there). */
export function equalErrorRate(pairs: readonly ScoredPair[]): { eer: number; threshold: number } {
  let best = { eer: 1, threshold: Number.POSITIVE_INFINITY, gap: Number.POSITIVE_INFINITY };
  for (const r of sweepThresholds(pairs)) {
    const t = r.threshold;
    const gap = Math.abs(r.far - r.frr);
    if (gap < best.gap || (gap === best.gap && (r.far + r.frr) / 2 < best.eer)) {
      best = { eer: (r.far + r.frr) / 2, threshold: t, gap };
    }
  }
  return { eer: best.eer, threshold: best.threshold };
}

/** Highest true-accept rate with a false-accept rate at or below `maxFar`, and the lowest threshold giving it. */
export function tarAtFar(pairs: readonly ScoredPair[], maxFar: number): { tar: number; threshold: number } {
  let best = { tar: 0, threshold: Number.POSITIVE_INFINITY };
  for (const r of sweepThresholds(pairs)) {
    const t = r.threshold;
    if (r.far <= maxFar && 1 - r.frr > best.tar) best = { tar: 1 - r.frr, threshold: t };
  }
  return best;
}

/** The threshold with the best accuracy on `pairs`; on a plateau, the middle of the best interval. */
export function bestAccuracyThreshold(pairs: readonly ScoredPair[]): number {
  const sweep = sweepThresholds(pairs);
  const ts = sweep.map((r) => r.threshold);
  let bestAccuracy = -1;
  let from = 0;
  let to = 0;
  for (let i = 0; i < ts.length; i++) {
    const a = sweep[i].accuracy;
    if (a > bestAccuracy) {
      bestAccuracy = a;
      from = i;
      to = i;
    } else if (a === bestAccuracy && to === i - 1) to = i;
  }
  // Scores in [ts[to], ts[to+1]) are all accepted alike, so the middle of the plateau sits between ts[from-1]
  // and ts[to] in score space: any threshold in (ts[from-1], ts[to]] gives the same decisions.
  const low = from > 0 ? ts[from - 1] : ts[from];
  return from > 0 ? (low + ts[to]) / 2 : ts[from];
}

/**
 * Ten-fold accuracy: for each fold, the threshold is chosen on the other folds and the accuracy measured on
 * this one; the mean and standard deviation over folds. Pairs without a fold are ignored; null when no fold.
 */
export function foldAccuracy(
  pairs: readonly ScoredPair[],
): { mean: number; std: number; folds: number } | null {
  const folds = [...new Set(pairs.flatMap((p) => (p.fold === undefined ? [] : [p.fold])))].sort(
    (a, b) => a - b,
  );
  if (folds.length < 2) return null;
  const accuracies = folds.map((fold) => {
    const train = pairs.filter((p) => p.fold !== undefined && p.fold !== fold);
    const test = pairs.filter((p) => p.fold === fold);
    return ratesAt(test, bestAccuracyThreshold(train)).accuracy;
  });
  const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
  const variance = accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / accuracies.length;
  return { mean, std: Math.sqrt(variance), folds: folds.length };
}

export interface LabelledEmbedding {
  identity: string;
  /** Unit-length embedding, or null when no face was found. */
  embedding: Float32Array | null;
}

export interface IdentificationReport {
  /** Leave-one-out nearest-identity accuracy over photos whose identity has two or more photos. */
  rank1: number;
  rank1Probes: number;
  /** Probes of a person not enrolled (their identity left out) that were accepted as someone. */
  openSetFpir: number;
  fpirProbes: number;
  /** Probes of an enrolled person (other photos of them kept) not accepted as that person. */
  openSetFnir: number;
  fnirProbes: number;
}

/**
 * Rank-1 and open-set rates by leaving each photo out (and, for the false-positive rate, each photo's whole
 * identity out) of a gallery holding every other photo. Cost is O(n² · dimension).
 */
export function evaluateIdentification(
  items: readonly LabelledEmbedding[],
  policy: OpenSetPolicy,
): IdentificationReport {
  const identityNumber = new Map<string, number>();
  const photosPerIdentity: number[] = [];
  const ident = items.map((item) => {
    let n = identityNumber.get(item.identity);
    if (n === undefined) {
      n = photosPerIdentity.length;
      identityNumber.set(item.identity, n);
      photosPerIdentity.push(0);
    }
    photosPerIdentity[n]++;
    return n;
  });
  const bestPerIdentity = new Float64Array(photosPerIdentity.length);
  let rank1Hits = 0;
  let rank1Probes = 0;
  let falsePositives = 0;
  let fpirProbes = 0;
  let falseNegatives = 0;
  let fnirProbes = 0;

  for (let p = 0; p < items.length; p++) {
    const own = ident[p];
    const repeated = photosPerIdentity[own] >= 2;
    fpirProbes++;
    if (repeated) {
      rank1Probes++;
      fnirProbes++;
    }
    const probe = items[p].embedding;
    if (probe === null) {
      if (repeated) falseNegatives++;
      continue;
    }
    bestPerIdentity.fill(Number.NEGATIVE_INFINITY);
    for (let g = 0; g < items.length; g++) {
      const e = items[g].embedding;
      if (g === p || e === null) continue;
      let s = 0;
      for (let i = 0; i < e.length; i++) s += e[i] * probe[i];
      if (s > bestPerIdentity[ident[g]]) bestPerIdentity[ident[g]] = s;
    }
    // Best and second-best identity, with and without the probe's own identity.
    let first = -1;
    let second = -1;
    let firstOther = -1;
    let secondOther = -1;
    for (let id = 0; id < bestPerIdentity.length; id++) {
      const s = bestPerIdentity[id];
      if (s === Number.NEGATIVE_INFINITY) continue;
      if (first < 0 || s > bestPerIdentity[first]) {
        second = first;
        first = id;
      } else if (second < 0 || s > bestPerIdentity[second]) second = id;
      if (id === own) continue;
      if (firstOther < 0 || s > bestPerIdentity[firstOther]) {
        secondOther = firstOther;
        firstOther = id;
      } else if (secondOther < 0 || s > bestPerIdentity[secondOther]) secondOther = id;
    }
    const scoreOf = (id: number) => (id < 0 ? null : bestPerIdentity[id]);
    if (firstOther >= 0 && acceptsOpenSet(bestPerIdentity[firstOther], scoreOf(secondOther), policy)) {
      falsePositives++;
    }
    if (repeated) {
      const ownFound = bestPerIdentity[own] !== Number.NEGATIVE_INFINITY;
      if (ownFound && first === own) rank1Hits++;
      if (!(ownFound && first === own && acceptsOpenSet(bestPerIdentity[first], scoreOf(second), policy))) {
        falseNegatives++;
      }
    }
  }
  return {
    rank1: rank1Probes === 0 ? 0 : rank1Hits / rank1Probes,
    rank1Probes,
    openSetFpir: fpirProbes === 0 ? 0 : falsePositives / fpirProbes,
    fpirProbes,
    openSetFnir: fnirProbes === 0 ? 0 : falseNegatives / fnirProbes,
    fnirProbes,
  };
}
