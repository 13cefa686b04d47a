// Face alignment: a least-squares similarity transform (rotation, uniform scale, translation; no
// reflection) from five facial landmarks to dlib's five-point face-chip template, then an inverse-mapped
// bilinear warp to a 150×150 chip, as dlib's recognition net was trained on.

import type { RgbImage } from './decode.js';

export type Point = readonly [number, number];

export const CHIP_SIZE = 150;

/**
 * dlib's `get_face_chip_details` five-point template with padding 0.25, in chip pixels, in this order:
 * outer and inner corner of the eye on the image's right, outer and inner corner of the eye on the image's
 * left, base of the nose.
 */
export const DLIB_FIVE_POINT_TEMPLATE: readonly Point[] = [
  [110.957, 46.35],
  [89.606, 47.897],
  [37.058, 46.373],
  [58.409, 47.906],
  [74.011, 87.78],
];

/** image → chip: u = a·x − b·y + tx, v = b·x + a·y + ty. */
export interface SimilarityTransform {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

export function estimateSimilarity(from: readonly Point[], to: readonly Point[]): SimilarityTransform {
  if (from.length !== to.length || from.length < 2) throw new RangeError('need two or more matching points');
  const n = from.length;
  let mx = 0;
  let my = 0;
  let mu = 0;
  let mv = 0;
  for (let i = 0; i < n; i++) {
    mx += from[i][0] / n;
    my += from[i][1] / n;
    mu += to[i][0] / n;
    mv += to[i][1] / n;
  }
  let sxx = 0;
  let dotUV = 0;
  let crossUV = 0;
  for (let i = 0; i < n; i++) {
    const x = from[i][0] - mx;
    const y = from[i][1] - my;
    const u = to[i][0] - mu;
    const v = to[i][1] - mv;
    sxx += x * x + y * y;
    dotUV += x * u + y * v;
    crossUV += x * v - y * u;
  }
  if (sxx === 0) throw new RangeError('the points coincide');
  const a = dotUV / sxx;
  const b = crossUV / sxx;
  return { a, b, tx: mu - (a * mx - b * my), ty: mv - (b * mx + a * my) };
}

export function applySimilarity(t: SimilarityTransform, p: Point): Point {
  return [t.a * p[0] - t.b * p[1] + t.tx, t.b * p[0] + t.a * p[1] + t.ty];
}

/** Chip pixels per image pixel. */
export function similarityScale(t: SimilarityTransform): number {
  return Math.hypot(t.a, t.b);
}

/** Rotation of the transform in degrees (the face's in-plane tilt, sign as the image's y axis points down). */
export function similarityAngleDegrees(t: SimilarityTransform): number {
  return (Math.atan2(t.b, t.a) * 180) / Math.PI;
}

/**
 * Warps `image` into a size×size RGB float chip (values 0–255) by mapping each chip pixel back into the
 * image; bilinear sampling, with n×n sub-samples averaged when the image is shrunk by about n (n ≥ 2); black
 * outside the image.
 */
export function warpToChip(image: RgbImage, t: SimilarityTransform, size = CHIP_SIZE): Float32Array {
  const det = t.a * t.a + t.b * t.b;
  // chip → image: x = ( a·(u−tx) + b·(v−ty)) / det, y = (−b·(u−tx) + a·(v−ty)) / det
  const ia = t.a / det;
  const ib = t.b / det;
  const n = Math.max(1, Math.round(1 / Math.sqrt(det)));
  const chip = new Float32Array(size * size * 3);
  const { width, height, data } = image;
  const weight = 1 / (n * n);
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      let r = 0;
      let g = 0;
      let bl = 0;
      for (let sy = 0; sy < n; sy++) {
        const cv = v + (sy + 0.5) / n - 0.5 - t.ty;
        for (let sx = 0; sx < n; sx++) {
          const cu = u + (sx + 0.5) / n - 0.5 - t.tx;
          const x = ia * cu + ib * cv;
          const y = -ib * cu + ia * cv;
          const x0 = Math.floor(x);
          const y0 = Math.floor(y);
          const fx = x - x0;
          const fy = y - y0;
          if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
            const o00 = (y0 * width + x0) * 3;
            const o10 = o00 + 3;
            const o01 = o00 + width * 3;
            const o11 = o01 + 3;
            const w00 = (1 - fx) * (1 - fy);
            const w10 = fx * (1 - fy);
            const w01 = (1 - fx) * fy;
            const w11 = fx * fy;
            r += w00 * data[o00] + w10 * data[o10] + w01 * data[o01] + w11 * data[o11];
            g += w00 * data[o00 + 1] + w10 * data[o10 + 1] + w01 * data[o01 + 1] + w11 * data[o11 + 1];
            bl += w00 * data[o00 + 2] + w10 * data[o10 + 2] + w01 * data[o01 + 2] + w11 * data[o11 + 2];
            continue;
          }
          // Near or past the border: only the neighbours inside the image contribute (black outside).
          for (let dy = 0; dy <= 1; dy++) {
            const yy = y0 + dy;
            if (yy < 0 || yy >= height) continue;
            const wy = dy === 0 ? 1 - fy : fy;
            for (let dx = 0; dx <= 1; dx++) {
              const xx = x0 + dx;
              if (xx < 0 || xx >= width) continue;
              const w = wy * (dx === 0 ? 1 - fx : fx);
              const o = (yy * width + xx) * 3;
              r += w * data[o];
              g += w * data[o + 1];
              bl += w * data[o + 2];
            }
          }
        }
      }
      const o = (v * size + u) * 3;
      chip[o] = r * weight;
      chip[o + 1] = g * weight;
      chip[o + 2] = bl * weight;
    }
  }
  return chip;
}

/** The chip flipped left to right. */
export function mirrorChip(chip: Float32Array, size = CHIP_SIZE): Float32Array {
  const out = new Float32Array(chip.length);
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      const from = (v * size + u) * 3;
      const to = (v * size + (size - 1 - u)) * 3;
      out[to] = chip[from];
      out[to + 1] = chip[from + 1];
      out[to + 2] = chip[from + 2];
    }
  }
  return out;
}
