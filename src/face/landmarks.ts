// Landmark picks from Human's 468-point face mesh (MediaPipe numbering).

import type { Point } from './align.js';

export type Mesh = readonly (readonly [number, number, number?])[];

/** Outer and inner corner of the eye on the image's right, the same on the image's left, base of the nose. */
export const MESH_FIVE_POINTS = [263, 362, 33, 133, 2] as const;

// Upper and lower lid pairs and the corners of each eye.
const IMAGE_LEFT_EYE = {
  corners: [33, 133],
  lids: [
    [160, 144],
    [159, 145],
    [158, 153],
  ],
} as const;
const IMAGE_RIGHT_EYE = {
  corners: [263, 362],
  lids: [
    [387, 373],
    [386, 374],
    [385, 380],
  ],
} as const;

function pt(mesh: Mesh, i: number): Point {
  const p = mesh[i];
  return [p[0], p[1]];
}

function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export function fivePoints(mesh: Mesh): Point[] {
  return MESH_FIVE_POINTS.map((i) => pt(mesh, i));
}

export function eyeDistance(mesh: Mesh): number {
  const mid = (a: number, b: number): Point => {
    const p = pt(mesh, a);
    const q = pt(mesh, b);
    return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
  };
  return dist(mid(263, 362), mid(33, 133));
}

function eyeOpenness(mesh: Mesh, eye: typeof IMAGE_LEFT_EYE | typeof IMAGE_RIGHT_EYE): number {
  const width = dist(pt(mesh, eye.corners[0]), pt(mesh, eye.corners[1]));
  if (width === 0) return 0;
  const gap =
    eye.lids.reduce((sum, [up, down]) => sum + dist(pt(mesh, up), pt(mesh, down)), 0) / eye.lids.length;
  return gap / width;
}

/** Lid gap over eye width for the less open eye. */
export function minEyeOpenness(mesh: Mesh): number {
  return Math.min(eyeOpenness(mesh, IMAGE_LEFT_EYE), eyeOpenness(mesh, IMAGE_RIGHT_EYE));
}
