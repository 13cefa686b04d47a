import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyQualityGate,
  type FaceQualityMeasures,
  type QualityThresholds,
} from '../../../src/core/face/quality-gate.js';

const thresholds: QualityThresholds = {
  minEyeDistancePx: 30,
  minSharpness: 2.5,
  minBrightness: 45,
  maxBrightness: 205,
  maxYawDeg: 40,
  maxPitchDeg: 30,
  maxRollDeg: 45,
  minEyeOpenness: 0.08,
  minAntispoof: 0.3,
  minLiveness: 0.2,
};

const good: FaceQualityMeasures = {
  eyeDistancePx: 80,
  sharpness: 30,
  brightness: 140,
  yawDeg: 5,
  pitchDeg: 3,
  rollDeg: 2,
  eyeOpenness: 0.28,
};

function gate(
  measures: Partial<FaceQualityMeasures>,
  extra: { others?: number[]; spoof?: [number, number] } = {},
) {
  return applyQualityGate(
    {
      face: {
        measures: { ...good, ...measures },
        scores: { antispoof: extra.spoof?.[0] ?? 0.8, liveness: extra.spoof?.[1] ?? 0.9 },
      },
      otherEyeDistancesPx: extra.others ?? [],
      checkSpoof: extra.spoof !== undefined,
    },
    thresholds,
  );
}

describe('quality gate', () => {
  it('passes a good face', () => {
    assert.deepEqual(gate({}), { ok: true, reasons: [] });
  });

  it('names each failed check', () => {
    assert.deepEqual(gate({ eyeDistancePx: 20 }).reasons, ['face_too_small']);
    assert.deepEqual(gate({ sharpness: 1 }).reasons, ['too_blurred']);
    assert.deepEqual(gate({ brightness: 20 }).reasons, ['too_dark']);
    assert.deepEqual(gate({ brightness: 240 }).reasons, ['too_bright']);
    assert.deepEqual(gate({ yawDeg: -50 }).reasons, ['pose_too_far']);
    assert.deepEqual(gate({ pitchDeg: 35 }).reasons, ['pose_too_far']);
    assert.deepEqual(gate({ rollDeg: 60 }).reasons, ['pose_too_far']);
    assert.deepEqual(gate({ eyeOpenness: 0.03 }).reasons, ['eyes_closed']);
  });

  it('counts a second face only when it is at least half the size of the main one', () => {
    assert.deepEqual(gate({}, { others: [30] }).reasons, []);
    assert.deepEqual(gate({}, { others: [30, 45] }).reasons, ['multiple_faces']);
  });

  it('judges anti-spoof scores only when asked', () => {
    assert.deepEqual(gate({}, { spoof: [0.1, 0.9] }).reasons, ['suspected_spoof']);
    assert.deepEqual(gate({}, { spoof: [0.8, 0.1] }).reasons, ['suspected_spoof']);
    assert.deepEqual(gate({}, { spoof: [0.8, 0.9] }).reasons, []);
  });

  it('reports no face, and puts the failures that spoil the other measures first', () => {
    assert.deepEqual(
      applyQualityGate({ face: null, otherEyeDistancesPx: [], checkSpoof: true }, thresholds).reasons,
      ['no_face'],
    );
    assert.deepEqual(gate({ eyeDistancePx: 10, sharpness: 1 }, { others: [9] }).reasons, [
      'face_too_small',
      'too_blurred',
      'multiple_faces',
    ]);
    assert.deepEqual(gate({ brightness: 20, yawDeg: 60 }).reasons, ['too_dark', 'pose_too_far']);
  });
});
