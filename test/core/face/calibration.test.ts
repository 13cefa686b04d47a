import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bestAccuracyThreshold,
  equalErrorRate,
  evaluateIdentification,
  foldAccuracy,
  ratesAt,
  type ScoredPair,
  sweepThresholds,
  tarAtFar,
} from '../../../src/core/face/calibration.js';
import { l2Normalize } from '../../../src/core/face/vector.js';

const pair = (score: number | null, same: boolean, fold?: number): ScoredPair => ({ score, same, fold });

const pairsArb = fc.array(
  fc.record({
    score: fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: null, freq: 8 }),
    same: fc.boolean(),
  }),
  { minLength: 1, maxLength: 80 },
);

describe('verification metrics', () => {
  it('separable scores give zero equal-error rate and full true accepts', () => {
    const pairs = [pair(0.97, true), pair(0.95, true), pair(0.9, false), pair(0.5, false)];
    assert.equal(equalErrorRate(pairs).eer, 0);
    assert.equal(tarAtFar(pairs, 0).tar, 1);
    const t = bestAccuracyThreshold(pairs);
    assert.ok(t > 0.9 && t <= 0.95, `threshold ${t} lies between the classes`);
    assert.equal(ratesAt(pairs, t).accuracy, 1);
  });

  it('a missed face is a false reject on a genuine pair and never a false accept', () => {
    const pairs = [pair(null, true), pair(0.99, true), pair(null, false), pair(0.1, false)];
    const r = ratesAt(pairs, 0.5);
    assert.equal(r.frr, 0.5);
    assert.equal(r.far, 0);
    assert.equal(r.accuracy, 0.75);
  });

  it('the sweep gives the same rates as evaluating each threshold alone', () => {
    fc.assert(
      fc.property(pairsArb, (pairs) => {
        for (const row of sweepThresholds(pairs)) {
          const direct = ratesAt(pairs, row.threshold);
          assert.ok(Math.abs(direct.far - row.far) < 1e-12);
          assert.ok(Math.abs(direct.frr - row.frr) < 1e-12);
          assert.ok(Math.abs(direct.accuracy - row.accuracy) < 1e-12);
        }
      }),
    );
  });

  it('the best-accuracy threshold is as good as every threshold tried', () => {
    fc.assert(
      fc.property(pairsArb, (pairs) => {
        const best = ratesAt(pairs, bestAccuracyThreshold(pairs)).accuracy;
        for (const row of sweepThresholds(pairs)) assert.ok(best >= row.accuracy - 1e-12);
      }),
    );
  });

  it('true accepts at a false-accept rate respect that rate', () => {
    fc.assert(
      fc.property(pairsArb, fc.double({ min: 0, max: 1, noNaN: true }), (pairs, maxFar) => {
        const { tar, threshold } = tarAtFar(pairs, maxFar);
        if (threshold === Number.POSITIVE_INFINITY) return;
        const r = ratesAt(pairs, threshold);
        assert.ok(r.far <= maxFar);
        assert.ok(Math.abs(1 - r.frr - tar) < 1e-12);
      }),
    );
  });

  it('ten-fold accuracy picks each fold threshold on the other folds', () => {
    // Folds 1–9 say the boundary is near 0.9; fold 10 alone would prefer 0.7, so it loses a pair.
    const pairs: ScoredPair[] = [];
    for (let f = 1; f <= 9; f++) pairs.push(pair(0.95, true, f), pair(0.85, false, f));
    pairs.push(pair(0.8, true, 10), pair(0.6, false, 10));
    const result = foldAccuracy(pairs);
    assert.ok(result);
    assert.equal(result.folds, 10);
    assert.ok(Math.abs(result.mean - 0.95) < 1e-12, `mean ${result.mean}`);
    assert.equal(foldAccuracy([pair(0.9, true), pair(0.1, false)]), null);
  });
});

describe('identification metrics', () => {
  const e = (...v: number[]) => l2Normalize(v);

  it('rank-1, open-set false positives and false negatives on a small gallery', () => {
    const items = [
      { identity: 'alice', embedding: e(1, 0, 0) },
      { identity: 'alice', embedding: e(0.99, 0.1, 0) },
      { identity: 'bob', embedding: e(0, 1, 0) },
      { identity: 'bob', embedding: e(0.1, 0.99, 0) },
      // A stranger close to alice: accepted as alice when she is enrolled.
      { identity: 'carol', embedding: e(0.98, 0, 0.2) },
      // A photo whose face was not found.
      { identity: 'dave', embedding: null },
      { identity: 'dave', embedding: e(0, 0, 1) },
    ];
    const r = evaluateIdentification(items, { threshold: 0.9, margin: 0.01 });
    // Probes with a second photo of the same person: alice×2, bob×2, dave×2; dave's missed photo fails.
    assert.equal(r.rank1Probes, 6);
    assert.ok(Math.abs(r.rank1 - 4 / 6) < 1e-12, `rank1 ${r.rank1}`);
    assert.ok(Math.abs(r.openSetFnir - 2 / 6) < 1e-12, `fnir ${r.openSetFnir}`);
    // Left out with her identity, each alice photo is taken for carol and carol for alice.
    assert.equal(r.fpirProbes, 7);
    assert.ok(Math.abs(r.openSetFpir - 3 / 7) < 1e-12, `fpir ${r.openSetFpir}`);
  });
});
