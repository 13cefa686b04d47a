// The identify test tool (one photo → the open-set decision and the top candidates), and the face engine's
// status. Used in the roll-out's comparison test; every identification is audited.

import { AppError } from '../../core/errors.js';
import { decideOpenSet, type UnknownReason } from '../../core/face/decision.js';
import type { QualityReason } from '../../core/face/quality-gate.js';
import { defaultDecodeLimits } from '../../face/decode.js';
import type { Actor } from '../actor.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { judgePhoto, type QualitySummary, summariseQuality } from './analyzer.js';
import type { EnrollPhoto } from './enrollment.service.js';
import { faceRuntimeOf } from './runtime.js';
import { readFaceSettings } from './settings.js';

const TOP_CANDIDATES = 5;

export interface CandidateDto {
  employeeId: number;
  employeeNo: string;
  name: string;
  score: number;
  faceId: number;
}

export type IdentifyDecision =
  | {
      outcome: 'match';
      employeeId: number;
      employeeNo: string;
      name: string;
      score: number;
      secondScore: number | null;
    }
  | { outcome: 'unknown'; reason: UnknownReason }
  | { outcome: 'refused'; reason: QualityReason };

const round4 = (v: number) => Math.round(v * 10000) / 10000;

export async function identifyFace(ctx: ServiceContext, actor: Actor | null, photo: EnrollPhoto) {
  authorize(actor, 'faces.identify');
  if (photo.truncated || photo.bytes.byteLength > defaultDecodeLimits.maxBytes) {
    throw new AppError('image_too_large', 413, { maxMb: Math.round(defaultDecodeLimits.maxBytes / 2 ** 20) });
  }
  const rt = await faceRuntimeOf(ctx);
  const analysis = await rt.analyze(photo.bytes);
  if (!analysis.ok) {
    throw new AppError(analysis.error, 400, {
      maxMb: Math.round(defaultDecodeLimits.maxBytes / 2 ** 20),
      maxMegapixels: Math.round(defaultDecodeLimits.maxPixels / 1e6),
    });
  }
  const gate = judgePhoto(analysis, rt.thresholds, false);
  const main = analysis.main;
  const quality: {
    ok: boolean;
    reasons: QualityReason[];
    faceCount: number;
    summary: QualitySummary | null;
  } = {
    ok: gate.ok,
    reasons: gate.reasons,
    faceCount: analysis.faceCount,
    summary: main ? summariseQuality(main) : null,
  };
  // Candidates are listed even for a photo the gate refuses, so the tester sees what the matcher would see.
  const hits = main?.embedding ? rt.index.searchEmployees(main.embedding, TOP_CANDIDATES) : [];
  const ids = hits.map((h) => Number(h.employeeId));
  const people =
    ids.length === 0
      ? []
      : await ctx.db.kysely
          .selectFrom('employees')
          .select(['id', 'employee_no', 'name'])
          .where('id', 'in', ids)
          .execute();
  const byId = new Map(people.map((p) => [p.id, p]));
  const candidates: CandidateDto[] = hits.map((h) => {
    const p = byId.get(Number(h.employeeId));
    return {
      employeeId: Number(h.employeeId),
      employeeNo: p?.employee_no ?? '',
      name: p?.name ?? '',
      score: round4(h.score),
      faceId: Number(h.templateId),
    };
  });
  let decision: IdentifyDecision;
  if (!gate.ok) decision = { outcome: 'refused', reason: gate.reasons[0] };
  else {
    const d = decideOpenSet(hits, rt.calibration);
    if (d.outcome === 'match') {
      const p = byId.get(Number(d.employeeId));
      decision = {
        outcome: 'match',
        employeeId: Number(d.employeeId),
        employeeNo: p?.employee_no ?? '',
        name: p?.name ?? '',
        score: round4(d.score),
        secondScore: d.secondScore === null ? null : round4(d.secondScore),
      };
    } else decision = { outcome: 'unknown', reason: d.reason };
  }
  await audit(ctx, actor, {
    action: 'face.identify',
    targetType: decision.outcome === 'match' ? 'employee' : undefined,
    targetId: decision.outcome === 'match' ? decision.employeeId : null,
    details: {
      file: photo.filename ?? null,
      outcome: decision.outcome,
      reason: decision.outcome === 'match' ? null : decision.reason,
      candidates: candidates.map((c) => ({ employeeId: c.employeeId, score: c.score })),
      threshold: rt.calibration.threshold,
      margin: rt.calibration.margin,
    },
  });
  return {
    decision,
    candidates,
    threshold: rt.calibration.threshold,
    margin: rt.calibration.margin,
    quality,
    model: { name: rt.model.name, version: rt.model.version },
    templates: rt.index.size,
  };
}

export async function faceStatus(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'faces.read');
  const rt = await faceRuntimeOf(ctx);
  const settings = await readFaceSettings(ctx.db.kysely);
  const consents = await ctx.db.kysely
    .selectFrom('biometric_consents')
    .select((eb) => eb.fn.count<number>('employee_id').distinct().as('n'))
    .where('withdrawn_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    model: { ...rt.model },
    engine: { loaded: rt.engineLoaded(), backend: rt.backend() },
    calibration: { threshold: rt.calibration.threshold, margin: rt.calibration.margin },
    qualityThresholds: { ...rt.thresholds },
    templates: rt.index.size,
    employees: rt.index.employeeCount,
    employeesWithConsent: Number(consents.n),
    stale: rt.stale(),
    unreadable: rt.unreadable(),
    indexBytes: rt.index.byteSize(),
    keepEnrollmentPhotos: settings.keepEnrollmentPhotos,
  };
}
