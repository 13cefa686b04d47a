// Enrollment: photos of one employee → quality gate → duplicate-identity check against every other employee →
// sealed template (and the sealed photo when the setting keeps photos) → index. Each photo gets its own
// outcome; every stored or refused photo is audited.

import { hasPermission } from '../../core/access/roles.js';
import { AppError, type ErrorCode, invalid, notFound } from '../../core/errors.js';
import { decideOpenSet } from '../../core/face/decision.js';
import type { QualityReason } from '../../core/face/quality-gate.js';
import type { EmployeeRow } from '../../db/schema.js';
import { defaultDecodeLimits } from '../../face/decode.js';
import type { Actor } from '../actor.js';
import { faceRolledOutFor } from '../attendance/face-rollout.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { judgePhoto, type QualitySummary, summariseQuality } from './analyzer.js';
import { activeConsent } from './consent.service.js';
import { employeeInScope, parseId } from './employee-target.js';
import { ensureFaceRuntime, type FaceRuntime, faceRuntimeOf } from './runtime.js';
import { readFaceSettings } from './settings.js';
import {
  deleteTemplates,
  insertTemplate,
  type TemplateSource,
  templatesOfEmployee,
} from './template-store.js';

export interface EnrollPhoto {
  bytes: Uint8Array;
  filename?: string;
  /** The upload was cut at the size limit. */
  truncated?: boolean;
}

export interface DuplicateOf {
  employeeId: number;
  employeeNo: string;
  name: string;
  score: number;
}

export type PhotoOutcome =
  | { status: 'enrolled'; faceId: number; quality: QualitySummary; photoKept: boolean }
  | {
      status: 'refused';
      /** The reason to show: a quality reason, an image error or duplicate_identity(_hidden). */
      reason: ErrorCode;
      params: Record<string, string | number>;
      /** Every failed quality check, most fundamental first. */
      qualityReasons: QualityReason[];
      quality: QualitySummary | null;
      /** Named only to callers allowed to identify faces. */
      duplicateOf: DuplicateOf | null;
    };

const refused = (
  reason: ErrorCode,
  more: Partial<Extract<PhotoOutcome, { status: 'refused' }>> = {},
): PhotoOutcome => ({
  status: 'refused',
  reason,
  params: {},
  qualityReasons: [],
  quality: null,
  duplicateOf: null,
  ...more,
});

export interface EnrollContext {
  rt: FaceRuntime;
  actor: Actor;
  employee: EmployeeRow;
  source: TemplateSource;
  keepPhotos: boolean;
}

/** One photo through the whole enrollment path; the caller has checked permission, scope and consent. */
export async function enrollPhoto(
  ctx: ServiceContext,
  ec: EnrollContext,
  photo: EnrollPhoto,
): Promise<PhotoOutcome> {
  const { rt, actor, employee } = ec;
  const outcome = await decide();
  if (outcome.status === 'refused') {
    await audit(ctx, actor, {
      action: 'face.enroll.refused',
      targetType: 'employee',
      targetId: employee.id,
      details: {
        source: ec.source,
        file: photo.filename ?? null,
        reason: outcome.reason,
        qualityReasons: outcome.qualityReasons,
        duplicateEmployeeId: outcome.duplicateOf?.employeeId ?? null,
      },
    });
  }
  return outcome;

  async function decide(): Promise<PhotoOutcome> {
    if (photo.truncated || photo.bytes.byteLength > defaultDecodeLimits.maxBytes) {
      return refused('image_too_large', {
        params: { maxMb: Math.round(defaultDecodeLimits.maxBytes / 2 ** 20) },
      });
    }
    const analysis = await rt.analyze(photo.bytes);
    if (!analysis.ok) return refused(analysis.error, { params: imageErrorParams() });
    const gate = judgePhoto(analysis, rt.thresholds, false);
    const quality = analysis.main ? summariseQuality(analysis.main) : null;
    if (!gate.ok || !analysis.main?.embedding) {
      const reasons = gate.reasons.length > 0 ? gate.reasons : (['no_face'] as QualityReason[]);
      return refused(reasons[0], { qualityReasons: reasons, quality });
    }
    const vector = analysis.main.embedding;
    return rt.exclusive(async () => {
      await rt.sync(ctx.db);
      const candidates = rt.index.searchEmployees(vector, 2, { excludeEmployeeId: String(employee.id) });
      const decision = decideOpenSet(candidates, rt.calibration);
      // Ambiguous between two others still means the face belongs to someone else.
      if (decision.outcome === 'match' || decision.reason === 'ambiguous') {
        const best = candidates[0];
        const other = await ctx.db.kysely
          .selectFrom('employees')
          .select(['id', 'employee_no', 'name'])
          .where('id', '=', Number(best.employeeId))
          .executeTakeFirst();
        const named = hasPermission(actor.roles, 'faces.identify') && other;
        return refused(named ? 'duplicate_identity' : 'duplicate_identity_hidden', {
          params: named ? { name: other.name, employeeNo: other.employee_no } : {},
          quality,
          duplicateOf: named
            ? {
                employeeId: other.id,
                employeeNo: other.employee_no,
                name: other.name,
                score: round3(best.score),
              }
            : null,
        });
      }
      const now = nowIso(ctx);
      const faceId = await writeWithAudit(ctx, actor, async (trx) => {
        const id = await insertTemplate(trx, rt.keyring, {
          employeeId: employee.id,
          model: rt.model.name,
          modelVersion: rt.model.version,
          vector,
          quality: quality!,
          source: ec.source,
          photo: ec.keepPhotos ? photo.bytes : null,
          createdAt: now,
          createdByUserId: actor.userId,
        });
        return {
          result: id,
          audit: {
            action: 'face.enroll',
            targetType: 'employee',
            targetId: employee.id,
            details: {
              faceId: id,
              source: ec.source,
              file: photo.filename ?? null,
              photoKept: ec.keepPhotos,
              quality,
            },
          },
        };
      });
      rt.added([{ id: faceId, employeeId: employee.id, vector }]);
      return { status: 'enrolled', faceId, quality: quality!, photoKept: ec.keepPhotos };
    });
  }
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

function imageErrorParams(): Record<string, number> {
  return {
    maxMb: Math.round(defaultDecodeLimits.maxBytes / 2 ** 20),
    maxMegapixels: Math.round(defaultDecodeLimits.maxPixels / 1e6),
  };
}

/** Refuses the whole request when the employee cannot be enrolled at all. */
export async function assertEnrollable(ctx: ServiceContext, employee: EmployeeRow): Promise<void> {
  if (employee.status === 'terminated') {
    throw new AppError('employee_terminated', 409, { employeeNo: employee.employee_no });
  }
  if (!(await activeConsent(ctx.db.kysely, employee.id))) {
    throw new AppError('consent_required', 409, { employeeNo: employee.employee_no });
  }
  // Face data is collected only where face punching is rolled out (the roll-out scope of the attendance settings).
  if (!(await faceRolledOutFor(ctx.db.kysely, employee, ctx.now().getTime()))) {
    throw new AppError('face_not_rolled_out', 409, { employeeNo: employee.employee_no });
  }
}

export async function enrollFaces(
  ctx: ServiceContext,
  actor: Actor | null,
  employeeId: number,
  photos: readonly EnrollPhoto[],
  source: 'upload' | 'webcam',
) {
  authorize(actor, 'faces.enroll');
  const employee = await employeeInScope(ctx.db.kysely, actor, employeeId);
  if (photos.length === 0) throw invalid('send one or more photos in fields named "photo"');
  await assertEnrollable(ctx, employee);
  const rt = await faceRuntimeOf(ctx);
  const { keepEnrollmentPhotos } = await readFaceSettings(ctx.db.kysely);
  const ec: EnrollContext = { rt, actor, employee, source, keepPhotos: keepEnrollmentPhotos };
  const results: (PhotoOutcome & { index: number; filename: string | null })[] = [];
  for (const [index, photo] of photos.entries()) {
    results.push({ index, filename: photo.filename ?? null, ...(await enrollPhoto(ctx, ec, photo)) });
  }
  return {
    employeeId,
    enrolled: results.filter((r) => r.status === 'enrolled').length,
    refused: results.filter((r) => r.status === 'refused').length,
    templateCount: rt.index.templatesOf(String(employeeId)).length,
    results,
  };
}

export async function listFaces(ctx: ServiceContext, actor: Actor | null, employeeId: number) {
  authorize(actor, 'faces.read');
  await employeeInScope(ctx.db.kysely, actor, employeeId);
  const rt = ensureFaceRuntime(ctx);
  const rows = await templatesOfEmployee(ctx.db.kysely, employeeId);
  const consent = await activeConsent(ctx.db.kysely, employeeId);
  const isCurrent = (r: { model: string; modelVersion: string }) =>
    r.model === rt.model.name && r.modelVersion === rt.model.version;
  await audit(ctx, actor, {
    action: 'face.list',
    targetType: 'employee',
    targetId: employeeId,
    details: { returned: rows.length },
  });
  return {
    employeeId,
    count: rows.length,
    staleCount: rows.filter((r) => !isCurrent(r)).length,
    consent: consent
      ? {
          id: consent.id,
          noticeVersion: consent.noticeVersion,
          method: consent.method,
          acceptedAt: consent.acceptedAt,
        }
      : null,
    templates: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      createdByUserId: r.createdByUserId,
      source: r.source,
      quality: r.quality,
      model: r.model,
      modelVersion: r.modelVersion,
      current: isCurrent(r),
      hasPhoto: r.hasPhoto,
    })),
  };
}

export async function deleteFace(
  ctx: ServiceContext,
  actor: Actor | null,
  employeeId: number,
  faceIdText: string,
) {
  authorize(actor, 'faces.enroll');
  await employeeInScope(ctx.db.kysely, actor, employeeId);
  const faceId = parseId(faceIdText, 'face template');
  const deleted = await writeWithAudit(ctx, actor, async (trx) => {
    const ids = await deleteTemplates(trx, employeeId, [faceId]);
    if (ids.length === 0) throw notFound('face template', faceId);
    return {
      result: ids,
      audit: {
        action: 'face.delete',
        targetType: 'employee',
        targetId: employeeId,
        details: { faceIds: ids },
      },
    };
  });
  ctx.face?.removed(deleted);
}

export async function deleteAllFaces(ctx: ServiceContext, actor: Actor | null, employeeId: number) {
  authorize(actor, 'faces.enroll');
  await employeeInScope(ctx.db.kysely, actor, employeeId);
  const deleted = await writeWithAudit(ctx, actor, async (trx) => {
    const ids = await deleteTemplates(trx, employeeId);
    return {
      result: ids,
      audit: {
        action: 'face.delete_all',
        targetType: 'employee',
        targetId: employeeId,
        details: { faceIds: ids, count: ids.length },
      },
    };
  });
  ctx.face?.removed(deleted);
  return { deleted: deleted.length };
}
