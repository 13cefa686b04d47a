// The shipped decision settings of each embedding, calibrated on labelled photos (see docs/face-models.md).

import type { CalibrationRecord } from '../core/face/calibration.js';
import type { FaceModelInfo } from './engine.js';

const calibrated: Record<string, { threshold: number; margin: number }> = {
  'dlib-resnet128-mesh5-mirror': { threshold: 0.93, margin: 0.01 },
  'dlib-resnet128-mesh5': { threshold: 0.93, margin: 0.01 },
  'human-faceres': { threshold: 0.64, margin: 0.01 },
};

export function shippedCalibration(model: FaceModelInfo): CalibrationRecord {
  const settings = calibrated[model.name];
  if (!settings) throw new Error(`no calibration for face model ${model.name}`);
  return { model: model.name, version: model.version, ...settings };
}
