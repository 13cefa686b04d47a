import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cosineSimilarity, dot, l2Norm, l2Normalize, meanDirection } from '../../../src/core/face/vector.js';

const vectorArb = fc
  .array(fc.float({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }), {
    minLength: 1,
    maxLength: 64,
  })
  .filter((v) => l2Norm(v) > 1e-3);

describe('face vector math', () => {
  it('normalises to unit length and keeps the direction', () => {
    fc.assert(
      fc.property(vectorArb, (v) => {
        const u = l2Normalize(v);
        assert.ok(Math.abs(l2Norm(u) - 1) < 1e-5);
        assert.ok(cosineSimilarity(u, v) > 1 - 1e-5);
      }),
    );
  });

  it('refuses to normalise a zero vector', () => {
    assert.throws(() => l2Normalize([0, 0, 0]), RangeError);
  });

  it('cosine similarity is symmetric, bounded, and 1 with itself', () => {
    fc.assert(
      fc.property(vectorArb, vectorArb, (a, b) => {
        const n = Math.min(a.length, b.length);
        const x = a.slice(0, n);
        const y = b.slice(0, n);
        if (l2Norm(x) < 1e-3 || l2Norm(y) < 1e-3) return;
        const s = cosineSimilarity(x, y);
        assert.ok(Math.abs(s - cosineSimilarity(y, x)) < 1e-9);
        assert.ok(s <= 1 + 1e-9 && s >= -1 - 1e-9);
        assert.ok(Math.abs(cosineSimilarity(x, x) - 1) < 1e-9);
      }),
    );
  });

  it('dot product of unit vectors equals their cosine similarity', () => {
    assert.ok(Math.abs(dot(l2Normalize([3, 4]), l2Normalize([4, 3])) - 24 / 25) < 1e-6);
    assert.throws(() => dot([1, 2], [1, 2, 3]), RangeError);
  });

  it('the mean direction of two vectors bisects them whatever their lengths', () => {
    const m = meanDirection([
      [1, 0],
      [0, 5],
    ]);
    assert.ok(Math.abs(m[0] - Math.SQRT1_2) < 1e-6 && Math.abs(m[1] - Math.SQRT1_2) < 1e-6);
  });
});
