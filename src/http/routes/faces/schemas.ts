// Response schemas of the face routes. Vectors and photos appear in none of them.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../schemas.js';

export const QualitySummary = Type.Object({
  eyeDistancePx: Type.Number(),
  sharpness: Type.Number(),
  brightness: Type.Number(),
  yawDeg: Type.Number(),
  pitchDeg: Type.Number(),
  rollDeg: Type.Number(),
  eyeOpenness: Type.Number(),
  detectionScore: Type.Optional(Type.Number()),
  antispoof: Type.Optional(Nullable(Type.Number())),
  liveness: Type.Optional(Nullable(Type.Number())),
});

export const DuplicateOf = Type.Object({
  employeeId: Type.Integer(),
  employeeNo: Type.String(),
  name: Type.String(),
  score: Type.Number(),
});

export const PhotoResult = Type.Object({
  index: Type.Integer(),
  filename: Nullable(Type.String()),
  status: Type.Union([Type.Literal('enrolled'), Type.Literal('refused')]),
  faceId: Type.Optional(Type.Integer()),
  photoKept: Type.Optional(Type.Boolean()),
  reason: Type.Optional(
    Type.String({ description: 'Reason code: a quality reason, an image error or a duplicate' }),
  ),
  message: Type.Optional(Type.String({ description: 'The reason in the language of the request' })),
  qualityReasons: Type.Optional(Type.Array(Type.String())),
  quality: Type.Optional(Nullable(QualitySummary)),
  duplicateOf: Type.Optional(Nullable(DuplicateOf)),
});

export const EnrollResult = Type.Object({
  employeeId: Type.Integer(),
  enrolled: Type.Integer(),
  refused: Type.Integer(),
  templateCount: Type.Integer(),
  results: Type.Array(PhotoResult),
});

export const FaceList = Type.Object({
  employeeId: Type.Integer(),
  count: Type.Integer(),
  staleCount: Type.Integer(),
  consent: Nullable(
    Type.Object({
      id: Type.Integer(),
      noticeVersion: Type.String(),
      method: Type.String(),
      acceptedAt: Type.String(),
    }),
  ),
  templates: Type.Array(
    Type.Object({
      id: Type.Integer(),
      createdAt: Type.String(),
      createdByUserId: Nullable(Type.Integer()),
      source: Type.String(),
      quality: Type.Partial(QualitySummary),
      model: Type.String(),
      modelVersion: Type.String(),
      current: Type.Boolean({ description: 'Made by the face model in use; false: enroll again' }),
      hasPhoto: Type.Boolean(),
    }),
  ),
});

const Candidate = Type.Object({
  employeeId: Type.Integer(),
  employeeNo: Type.String(),
  name: Type.String(),
  score: Type.Number(),
  faceId: Type.Integer(),
});

export const IdentifyResult = Type.Object({
  decision: Type.Object({
    outcome: Type.Union([Type.Literal('match'), Type.Literal('unknown'), Type.Literal('refused')]),
    reason: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    employeeId: Type.Optional(Type.Integer()),
    employeeNo: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    score: Type.Optional(Type.Number()),
    secondScore: Type.Optional(Nullable(Type.Number())),
  }),
  candidates: Type.Array(Candidate),
  threshold: Type.Number(),
  margin: Type.Number(),
  quality: Type.Object({
    ok: Type.Boolean(),
    reasons: Type.Array(Type.String()),
    messages: Type.Array(Type.String()),
    faceCount: Type.Integer(),
    summary: Nullable(QualitySummary),
  }),
  model: Type.Object({ name: Type.String(), version: Type.String() }),
  templates: Type.Integer(),
});

export const FaceStatus = Type.Object({
  model: Type.Object({ name: Type.String(), version: Type.String(), dimension: Type.Integer() }),
  engine: Type.Object({ loaded: Type.Boolean(), backend: Nullable(Type.String()) }),
  calibration: Type.Object({ threshold: Type.Number(), margin: Type.Number() }),
  qualityThresholds: Type.Record(Type.String(), Type.Number()),
  templates: Type.Integer(),
  employees: Type.Integer(),
  employeesWithConsent: Type.Integer(),
  stale: Type.Object({ templates: Type.Integer(), employees: Type.Integer() }),
  unreadable: Type.Integer(),
  indexBytes: Type.Integer(),
  keepEnrollmentPhotos: Type.Boolean(),
});

export const FaceSettings = Type.Object({ keepEnrollmentPhotos: Type.Boolean() });
