import { Type } from '@sinclair/typebox';
import { Nullable } from '../../schemas.js';

export const Retention = Type.Object({
  evidenceDays: Type.Integer({ minimum: 0, maximum: 3650, description: 'Days an evidence crop is kept' }),
  keepEnrollmentPhotos: Type.Boolean({ description: 'Keep enrollment photos (off by default)' }),
  templateDaysAfterTermination: Type.Integer({
    minimum: 0,
    maximum: 3650,
    description: 'Days after the termination date before face templates are deleted',
  }),
  recordYears: Type.Integer({
    minimum: 2,
    maximum: 30,
    description: 'Years punch and attendance records are kept',
  }),
});

export const PurgeCounts = Type.Object({
  evidenceCrops: Type.Integer(),
  enrollmentPhotos: Type.Integer(),
  templates: Type.Integer(),
  punches: Type.Integer(),
  punchAttempts: Type.Integer(),
  dayResults: Type.Integer(),
});

export const PurgeReport = Type.Object({
  id: Type.Integer(),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('manual')]),
  actorName: Type.String(),
  counts: PurgeCounts,
  settings: Retention,
  heldEmployees: Type.Integer(),
});

export const LegalHold = Type.Object({
  id: Type.Integer(),
  employeeId: Type.Integer(),
  employeeNo: Type.String(),
  employeeName: Type.String(),
  reason: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  releasedAt: Nullable(Type.String()),
  releasedBy: Nullable(Type.String()),
  active: Type.Boolean(),
});

export const ExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')], { default: 'json' })),
});

export const RequestKind = Type.Union([Type.Literal('correction'), Type.Literal('deletion')]);
export const RequestStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('completed'),
  Type.Literal('rejected'),
]);

export const PrivacyRequest = Type.Object({
  id: Type.Integer(),
  employeeId: Type.Integer(),
  kind: RequestKind,
  details: Type.String(),
  status: RequestStatus,
  createdAt: Type.String(),
  createdBy: Type.String(),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  resolution: Nullable(Type.String()),
  actions: Nullable(Type.Object({ templatesDeleted: Type.Integer(), evidenceCropsCleared: Type.Integer() })),
  employeeNo: Type.Optional(Type.String()),
  employeeName: Type.Optional(Type.String()),
});
