import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  applySimilarity,
  DLIB_FIVE_POINT_TEMPLATE,
  estimateSimilarity,
  mirrorChip,
  type Point,
  similarityAngleDegrees,
  similarityScale,
  warpToChip,
} from '../../src/face/align.js';
import { padImage } from '../../src/face/pad.js';

const transformArb = fc.record({
  angle: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
  scale: fc.double({ min: 0.05, max: 5, noNaN: true }),
  tx: fc.double({ min: -500, max: 500, noNaN: true }),
  ty: fc.double({ min: -500, max: 500, noNaN: true }),
});

describe('five-point alignment', () => {
  it('recovers a similarity transform exactly from matching points', () => {
    fc.assert(
      fc.property(transformArb, ({ angle, scale, tx, ty }) => {
        const t = { a: scale * Math.cos(angle), b: scale * Math.sin(angle), tx, ty };
        const from: Point[] = [
          [10, 20],
          [200, 35],
          [90, 160],
          [140, 90],
          [60, 60],
        ];
        const to = from.map((p) => applySimilarity(t, p));
        const found = estimateSimilarity(from, to);
        for (const [i, p] of from.entries()) {
          const q = applySimilarity(found, p);
          assert.ok(Math.hypot(q[0] - to[i][0], q[1] - to[i][1]) < 1e-6 * (1 + scale * 200));
        }
        assert.ok(Math.abs(similarityScale(found) - scale) < 1e-9 * (1 + scale));
      }),
    );
  });

  it('measures the in-plane tilt of a face', () => {
    // The template turned by 20° (and scaled, moved) in the image: the transform back turns by −20°.
    const turn = (p: Point): Point => {
      const c = Math.cos((20 * Math.PI) / 180);
      const s = Math.sin((20 * Math.PI) / 180);
      return [3 * (c * p[0] - s * p[1]) + 40, 3 * (s * p[0] + c * p[1]) + 10];
    };
    const t = estimateSimilarity(DLIB_FIVE_POINT_TEMPLATE.map(turn), DLIB_FIVE_POINT_TEMPLATE);
    assert.ok(Math.abs(similarityAngleDegrees(t) + 20) < 1e-6);
    assert.ok(Math.abs(similarityScale(t) - 1 / 3) < 1e-9);
  });

  it('warps with the identity transform to a copy, and black outside the image', () => {
    const width = 150;
    const height = 150;
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 251;
    const chip = warpToChip({ width, height, data }, { a: 1, b: 0, tx: 0, ty: 0 });
    for (let i = 0; i < data.length; i++) assert.ok(Math.abs(chip[i] - data[i]) < 1e-3);
    const shifted = warpToChip({ width, height, data }, { a: 1, b: 0, tx: 100, ty: 0 });
    assert.equal(shifted[(10 * 150 + 50) * 3], 0, 'left of the image is black');
    assert.ok(Math.abs(shifted[(10 * 150 + 120) * 3] - data[(10 * 150 + 20) * 3]) < 1e-3);
  });

  it('averages sub-samples when shrinking, so fine stripes become grey', () => {
    const width = 600;
    const height = 600;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        data.fill(x % 2 ? 255 : 0, (y * width + x) * 3, (y * width + x) * 3 + 3);
    const chip = warpToChip({ width, height, data }, { a: 0.25, b: 0, tx: 0, ty: 0 });
    const v = chip[(75 * 150 + 75) * 3];
    assert.ok(v > 100 && v < 155, `grey, not a stripe: ${v}`);
  });

  it('mirroring twice gives the chip back, and mirroring swaps left and right', () => {
    const chip = new Float32Array(150 * 150 * 3).map((_, i) => i % 97);
    const twice = mirrorChip(mirrorChip(chip));
    assert.deepEqual(twice, chip);
    const once = mirrorChip(chip);
    assert.equal(once[(3 * 150 + 149) * 3 + 1], chip[(3 * 150 + 0) * 3 + 1]);
  });

  it('frames an image with its own edge pixels', () => {
    const img = { width: 2, height: 1, data: new Uint8Array([10, 20, 30, 40, 50, 60]) };
    const framed = padImage(img, 1);
    assert.deepEqual([framed.width, framed.height], [4, 3]);
    assert.deepEqual([...framed.data.subarray(0, 3)], [10, 20, 30]);
    assert.deepEqual([...framed.data.subarray(33, 36)], [40, 50, 60]);
  });
});
