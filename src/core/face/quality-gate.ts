// The quality gate applied before enrollment and before matching: measured figures in, reason codes out.
// Each reason maps to a translated message in the user interface.

export type QualityReason =
  | 'no_face'
  | 'multiple_faces'
  | 'face_too_small'
  | 'too_blurred'
  | 'too_dark'
  | 'too_bright'
  | 'pose_too_far'
  | 'eyes_closed'
  | 'suspected_spoof';

export interface FaceQualityMeasures {
  /** Distance between the eye centres in image pixels (the chip template has 52.5). */
  eyeDistancePx: number;
  /** Variance of the Laplacian over the aligned face, per cent of the grey-level variance (contrast-free). */
  sharpness: number;
  /** Mean grey level (0–255) of the aligned face. */
  brightness: number;
  /** Head pose in degrees: turned left/right, nodding up/down, tilted in the image plane. */
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
  /** Eye opening: lid gap over eye width, the smaller of both eyes (about 0.25–0.35 open, under 0.1 shut). */
  eyeOpenness: number;
}

export interface AntiSpoofScores {
  /** Human's antispoof score, 0 (photo or screen) … 1 (real face). */
  antispoof: number | null;
  /** Human's liveness score, 0 … 1. */
  liveness: number | null;
}

export interface QualityThresholds {
  minEyeDistancePx: number;
  minSharpness: number;
  minBrightness: number;
  maxBrightness: number;
  maxYawDeg: number;
  maxPitchDeg: number;
  /** In-plane tilt is undone by alignment, so this limit is loose. */
  maxRollDeg: number;
  minEyeOpenness: number;
  minAntispoof: number;
  minLiveness: number;
}

export interface GateInput {
  /** The face being judged (the main one in the image), or null when none was found. */
  face: { measures: FaceQualityMeasures; scores: AntiSpoofScores } | null;
  /** Eye distances of the other faces found in the same image. */
  otherEyeDistancesPx: readonly number[];
  /** Whether to judge the anti-spoof scores (on kiosk probes; not on uploaded enrollment photos). */
  checkSpoof: boolean;
}

export interface GateResult {
  ok: boolean;
  /** Every failed check; the first one is the one to tell the user. */
  reasons: QualityReason[];
}

/** A second face counts when it is at least this fraction of the main face's size (a distant bystander does not). */
export const SECOND_FACE_RELATIVE_SIZE = 0.5;

export function applyQualityGate(input: GateInput, thresholds: QualityThresholds): GateResult {
  const main = input.face;
  if (main === null) return { ok: false, reasons: ['no_face'] };
  const reasons: QualityReason[] = [];
  const m = main.measures;
  // Order matters: the first reason is the one told to the user. A face too small, dark, bright or blurred
  // makes the other measures unreliable (a blurred photo can even show ghost faces), so those come first.
  if (m.eyeDistancePx < thresholds.minEyeDistancePx) reasons.push('face_too_small');
  if (m.brightness < thresholds.minBrightness) reasons.push('too_dark');
  if (m.brightness > thresholds.maxBrightness) reasons.push('too_bright');
  if (m.sharpness < thresholds.minSharpness) reasons.push('too_blurred');
  if (input.otherEyeDistancesPx.some((size) => size >= SECOND_FACE_RELATIVE_SIZE * m.eyeDistancePx)) {
    reasons.push('multiple_faces');
  }
  if (
    Math.abs(m.yawDeg) > thresholds.maxYawDeg ||
    Math.abs(m.pitchDeg) > thresholds.maxPitchDeg ||
    Math.abs(m.rollDeg) > thresholds.maxRollDeg
  ) {
    reasons.push('pose_too_far');
  }
  if (m.eyeOpenness < thresholds.minEyeOpenness) reasons.push('eyes_closed');
  if (input.checkSpoof) {
    const { antispoof, liveness } = main.scores;
    if (
      (antispoof !== null && antispoof < thresholds.minAntispoof) ||
      (liveness !== null && liveness < thresholds.minLiveness)
    ) {
      reasons.push('suspected_spoof');
    }
  }
  return { ok: reasons.length === 0, reasons };
}
