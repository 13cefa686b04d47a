import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eyeDistance, fivePoints, type Mesh, minEyeOpenness } from '../../src/face/landmarks.js';

/** A mesh with every point at the origin except the eye and nose points, eyes `gap` pixels open. */
function meshWithEyes(gapLeft: number, gapRight: number): Mesh {
  const mesh: [number, number, number][] = Array.from({ length: 468 }, () => [0, 0, 0]);
  const eye = (outer: number, inner: number, lids: number[][], x0: number, x1: number, gap: number) => {
    mesh[outer] = [x0, 100, 0];
    mesh[inner] = [x1, 100, 0];
    for (const [up, down] of lids) {
      mesh[up] = [(x0 + x1) / 2, 100 - gap / 2, 0];
      mesh[down] = [(x0 + x1) / 2, 100 + gap / 2, 0];
    }
  };
  // Image-left eye from x 100 to 140, image-right eye from 180 to 220: eye centres 80 px apart.
  eye(
    33,
    133,
    [
      [160, 144],
      [159, 145],
      [158, 153],
    ],
    100,
    140,
    gapLeft,
  );
  eye(
    263,
    362,
    [
      [387, 373],
      [386, 374],
      [385, 380],
    ],
    220,
    180,
    gapRight,
  );
  mesh[2] = [160, 150, 0];
  return mesh;
}

describe('mesh landmarks', () => {
  it('picks the five alignment points in the template order', () => {
    assert.deepEqual(fivePoints(meshWithEyes(12, 12)), [
      [220, 100],
      [180, 100],
      [100, 100],
      [140, 100],
      [160, 150],
    ]);
    assert.equal(eyeDistance(meshWithEyes(12, 12)), 80);
  });

  it('measures eye opening as lid gap over eye width, for the less open eye', () => {
    assert.ok(Math.abs(minEyeOpenness(meshWithEyes(12, 12)) - 0.3) < 1e-9);
    // One eye shut: the gate's eyes_closed check (under 0.08) sees it.
    assert.ok(Math.abs(minEyeOpenness(meshWithEyes(12, 2)) - 0.05) < 1e-9);
  });
});
