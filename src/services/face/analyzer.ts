// The one door to face analysis: photo bytes in, plain data out (no tensors, no engine objects), so that a
// pool of worker threads can later take the engine's place without any caller changing.
import {
  type AntiSpoofScores,
  applyQualityGate,
  type FaceQualityMeasures,
  type GateResult,
  type QualityThresholds,
} from '../../core/face/quality-gate.js';
import type { FaceBox, FaceEngine } from '../../face/engine.js';
import { FaceImageError, type FaceImageErrorCode } from '../../face/errors.js';

export interface MainFace {
  box: FaceBox;
  detectionScore: number;
  quality: FaceQualityMeasures;
  scores: AntiSpoofScores;
  /** Unit-length template of the main face. */
  embedding: Float32Array | null;
}

export type PhotoAnalysis =
  | {
      ok: true;
      width: number;
      height: number;
      /** The largest, most central face, or null when none was found. */
      main: MainFace | null;
      /** Eye distances of the other faces found. */
      otherEyeDistancesPx: number[];
      faceCount: number;
    }
  | { ok: false; error: FaceImageErrorCode };

export type AnalyzePhoto = (bytes: Uint8Array) => Promise<PhotoAnalysis>;

/** Analysis on this thread, through the process-wide engine (its models load on first use). */
export function engineAnalyzer(engine: FaceEngine): AnalyzePhoto {
  return async (bytes) => {
    let analysis: Awaited<ReturnType<FaceEngine['analyze']>>;
    try {
      analysis = await engine.analyze(bytes, { embed: 'main' });
    } catch (err) {
      if (err instanceof FaceImageError) return { ok: false, error: err.code };
      throw err;
    }
    const [first, ...others] = analysis.faces;
    return {
      ok: true,
      width: analysis.width,
      height: analysis.height,
      faceCount: analysis.faces.length,
      otherEyeDistancesPx: others.map((f) => f.quality.eyeDistancePx),
      main: first
        ? {
            box: first.box,
            detectionScore: first.detectionScore,
            quality: first.quality,
            scores: { antispoof: first.antispoof, liveness: first.liveness },
            embedding: first.embedding,
          }
        : null,
    };
  };
}

/** The quality gate on an analysed photo; anti-spoof scores are judged only where asked (kiosk probes). */
export function judgePhoto(
  analysis: Extract<PhotoAnalysis, { ok: true }>,
  thresholds: QualityThresholds,
  checkSpoof: boolean,
): GateResult {
  return applyQualityGate(
    {
      face: analysis.main ? { measures: analysis.main.quality, scores: analysis.main.scores } : null,
      otherEyeDistancesPx: analysis.otherEyeDistancesPx,
      checkSpoof,
    },
    thresholds,
  );
}

/** The figures shown beside a template or a probe: rounded, and never the vector. */
export interface QualitySummary {
  eyeDistancePx: number;
  sharpness: number;
  brightness: number;
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
  eyeOpenness: number;
  detectionScore?: number;
  antispoof?: number | null;
  liveness?: number | null;
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export function summariseQuality(face: MainFace): QualitySummary {
  const q = face.quality;
  return {
    eyeDistancePx: round(q.eyeDistancePx, 1),
    sharpness: round(q.sharpness, 0),
    brightness: round(q.brightness, 0),
    yawDeg: round(q.yawDeg, 1),
    pitchDeg: round(q.pitchDeg, 1),
    rollDeg: round(q.rollDeg, 1),
    eyeOpenness: round(q.eyeOpenness, 3),
    detectionScore: round(face.detectionScore, 3),
    antispoof: face.scores.antispoof === null ? null : round(face.scores.antispoof, 3),
    liveness: face.scores.liveness === null ? null : round(face.scores.liveness, 3),
  };
}
