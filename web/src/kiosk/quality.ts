// The server's quality gate (the same function, from src/core) on what the browser measures of a face: eye
// distance, head pose and eye opening from Human's mesh, brightness and sharpness from the face region.
import type { FaceResult } from '@vladmandic/human';
import {
  applyQualityGate,
  type FaceQualityMeasures,
  type GateResult,
  type QualityThresholds,
} from '../../../src/core/face/quality-gate';

type Pt = readonly [number, number, number?];
const dist = (a: Pt, b: Pt) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const mid = (a: Pt, b: Pt): Pt => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

// The same mesh points as the server (src/face/landmarks.ts).
const EYES = [
  {
    corners: [33, 133],
    lids: [
      [160, 144],
      [159, 145],
      [158, 153],
    ],
  },
  {
    corners: [263, 362],
    lids: [
      [387, 373],
      [386, 374],
      [385, 380],
    ],
  },
] as const;

export function eyeOpenness(mesh: readonly Pt[]): number {
  return Math.min(
    ...EYES.map((eye) => {
      const width = dist(mesh[eye.corners[0]], mesh[eye.corners[1]]);
      const gap = eye.lids.reduce((s, [u, d]) => s + dist(mesh[u], mesh[d]), 0) / eye.lids.length;
      return width === 0 ? 0 : gap / width;
    }),
  );
}

export function eyeDistance(mesh: readonly Pt[]): number {
  return dist(mid(mesh[263], mesh[362]), mid(mesh[33], mesh[133]));
}

const SAMPLE = 150;
let scratch: HTMLCanvasElement | null = null;

/** Mean grey level and variance of the Laplacian over the middle of the face box, scaled to 150×150. */
function brightnessAndSharpness(source: CanvasImageSource, box: [number, number, number, number]) {
  scratch ??= document.createElement('canvas');
  scratch.width = SAMPLE;
  scratch.height = SAMPLE;
  const g = scratch.getContext('2d', { willReadFrequently: true })!;
  const [x, y, w, h] = box;
  g.drawImage(source, x + w * 0.2, y + h * 0.2, w * 0.6, h * 0.65, 0, 0, SAMPLE, SAMPLE);
  const px = g.getImageData(0, 0, SAMPLE, SAMPLE).data;
  const grey = new Float32Array(SAMPLE * SAMPLE);
  let sum = 0;
  for (let i = 0; i < grey.length; i++) {
    grey[i] = 0.299 * px[i * 4] + 0.587 * px[i * 4 + 1] + 0.114 * px[i * 4 + 2];
    sum += grey[i];
  }
  let n = 0;
  let lapSum = 0;
  let lapSq = 0;
  for (let yy = 1; yy < SAMPLE - 1; yy++) {
    for (let xx = 1; xx < SAMPLE - 1; xx++) {
      const c = yy * SAMPLE + xx;
      const lap = grey[c - SAMPLE] + grey[c + SAMPLE] + grey[c - 1] + grey[c + 1] - 4 * grey[c];
      lapSum += lap;
      lapSq += lap * lap;
      n++;
    }
  }
  const mean = lapSum / n;
  return { brightness: sum / grey.length, sharpness: lapSq / n - mean * mean };
}

export function measureFace(face: FaceResult, source: CanvasImageSource): FaceQualityMeasures {
  const mesh = face.mesh as unknown as Pt[];
  const deg = (r: number | undefined) => ((r ?? 0) * 180) / Math.PI;
  const angle = face.rotation?.angle;
  const right = mid(mesh[263], mesh[362]);
  const left = mid(mesh[33], mesh[133]);
  const roll = (Math.atan2(right[1] - left[1], right[0] - left[0]) * 180) / Math.PI;
  return {
    eyeDistancePx: eyeDistance(mesh),
    ...brightnessAndSharpness(source, face.box as [number, number, number, number]),
    yawDeg: deg(angle?.yaw),
    pitchDeg: deg(angle?.pitch),
    rollDeg: roll,
    eyeOpenness: eyeOpenness(mesh),
  };
}

export interface JudgedFace {
  face: FaceResult;
  measures: FaceQualityMeasures;
  scores: { antispoof: number | null; liveness: number | null };
  gate: GateResult;
}

/** The main (largest) face judged by the server's gate; the spoof scores are judged too, as at the server. */
export function judgeFaces(
  faces: FaceResult[],
  source: CanvasImageSource,
  thresholds: QualityThresholds,
): JudgedFace | null {
  if (faces.length === 0) return null;
  const sorted = [...faces].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  const main = sorted[0];
  const measures = measureFace(main, source);
  const scores = {
    antispoof: typeof main.real === 'number' ? main.real : null,
    liveness: typeof main.live === 'number' ? main.live : null,
  };
  const gate = applyQualityGate(
    {
      face: { measures, scores },
      otherEyeDistancesPx: sorted.slice(1).map((f) => eyeDistance(f.mesh as unknown as Pt[])),
      checkSpoof: true,
    },
    thresholds,
  );
  return { face: main, measures, scores, gate };
}
