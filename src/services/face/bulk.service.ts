// Bulk enrollment from a ZIP file whose photos are named by employee number (E001.jpg, E001_2.jpg) or kept in a
// folder per employee (E001/front.jpg). The upload is checked at once; the photos are then enrolled one by one
// in a background task, which reports its progress and, at the end, a line per file.

import path from 'node:path';
import { unzipSync } from 'fflate';
import { scopeIncludes } from '../../core/access/employee-scope.js';
import { AppError, type ErrorCode } from '../../core/errors.js';
import type { EmployeeRow } from '../../db/schema.js';
import { defaultDecodeLimits } from '../../face/decode.js';
import { type Actor, scopeOf } from '../actor.js';
import { faceRolledOutFor } from '../attendance/face-rollout.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { startTask, type TaskDto, type TaskProgress, waitForTask } from '../tasks.service.js';
import { activeConsent } from './consent.service.js';
import { type DuplicateOf, type EnrollContext, enrollPhoto } from './enrollment.service.js';
import { faceRuntimeOf } from './runtime.js';
import { readFaceSettings } from './settings.js';

export const MAX_BULK_PHOTOS = 2000;
const MAX_TOTAL_BYTES = 2 * 1024 ** 3;
const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);

export type BulkStatus = 'enrolled' | 'refused' | 'unknown_employee' | 'no_consent' | 'skipped';

export interface BulkItem {
  file: string;
  employeeNo: string | null;
  employeeId: number | null;
  status: BulkStatus;
  faceId?: number;
  reason?: ErrorCode;
  params?: Record<string, string | number>;
  qualityReasons?: string[];
  duplicateOf?: DuplicateOf | null;
}

export interface BulkReport {
  file: string;
  total: number;
  counts: Record<BulkStatus, number>;
  items: BulkItem[];
}

interface Entry {
  file: string;
  bytes: Uint8Array | null;
  tooLarge: boolean;
}

/** Reads the photo entries of a ZIP, without extracting files over the size limit (and so no zip bomb). */
export function readZipPhotos(zip: Uint8Array): { photos: Entry[]; skipped: string[] } {
  const sizes = new Map<string, number>();
  const skipped: string[] = [];
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (f.name.endsWith('/')) return false;
        const base = path.posix.basename(f.name);
        if (f.name.startsWith('__MACOSX/') || base.startsWith('.')) return false;
        if (!IMAGE_EXTENSIONS.has(path.posix.extname(base).toLowerCase())) {
          skipped.push(f.name);
          return false;
        }
        sizes.set(f.name, f.originalSize);
        if (f.originalSize > defaultDecodeLimits.maxBytes) return false;
        total += f.originalSize;
        return true;
      },
    });
  } catch {
    throw new AppError('not_a_zip', 400);
  }
  if (sizes.size > MAX_BULK_PHOTOS) {
    throw new AppError('zip_too_many_files', 400, { count: sizes.size, max: MAX_BULK_PHOTOS });
  }
  if (total > MAX_TOTAL_BYTES) throw new AppError('payload_too_large', 413);
  const photos = [...sizes.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((file) => ({ file, bytes: files[file] ?? null, tooLarge: !files[file] }));
  return { photos, skipped: skipped.sort() };
}

/**
 * The employee number a file is for: the innermost folder that is an employee number, else the file name
 * (without extension), else the file name without a trailing "_2" / "-2" counter.
 */
export function employeeNoOf(file: string, known: (no: string) => boolean): string | null {
  const parts = file.split('/').filter(Boolean);
  const base = parts.pop() ?? '';
  for (const folder of [...parts].reverse()) if (known(folder)) return folder;
  const stem = base.slice(0, base.length - path.posix.extname(base).length);
  if (known(stem)) return stem;
  const counted = /^(.+?)[_-]\d{1,3}$/.exec(stem);
  if (counted && known(counted[1])) return counted[1];
  return null;
}

/**
 * Checks the ZIP at once (a bad file is refused before anything runs), then enrolls its photos in a background
 * task whose progress the console polls (GET /api/tasks/:id) and whose result is the per-file report.
 */
export async function startBulkEnrollment(
  ctx: ServiceContext,
  actor: Actor | null,
  zip: Uint8Array,
  filename: string,
  options: { wait?: boolean } = {},
): Promise<TaskDto> {
  authorize(actor, 'faces.enroll');
  const { photos, skipped } = readZipPhotos(zip);
  await audit(ctx, actor, {
    action: 'face.bulk.start',
    targetType: 'face_bulk',
    details: { file: filename, photos: photos.length, skipped: skipped.length },
  });
  const task = await startTask(ctx, actor, 'face.bulk', async (progress) => {
    const report = await enrollZipEntries(ctx, actor, filename, photos, skipped, progress);
    await audit(ctx, actor, {
      action: 'face.bulk.finish',
      targetType: 'face_bulk',
      details: { file: filename, counts: report.counts },
    });
    return { result: report };
  });
  return options.wait ? waitForTask(ctx, task.id) : task;
}

async function enrollZipEntries(
  ctx: ServiceContext,
  actor: Actor,
  filename: string,
  photos: Entry[],
  skipped: string[],
  progress: TaskProgress,
): Promise<BulkReport> {
  const report: BulkReport = {
    file: filename,
    total: photos.length + skipped.length,
    counts: { enrolled: 0, refused: 0, unknown_employee: 0, no_consent: 0, skipped: 0 },
    items: [],
  };
  const push = async (item: BulkItem) => {
    report.items.push(item);
    report.counts[item.status]++;
    await progress.update(report.items.length, report.total, item.file);
  };
  for (const file of skipped) {
    await push({
      file,
      employeeNo: null,
      employeeId: null,
      status: 'skipped',
      reason: 'not_an_image_file',
      params: { file },
    });
  }
  const employees = await ctx.db.kysely.selectFrom('employees').selectAll().execute();
  const byNo = new Map(employees.map((e) => [e.employee_no, e]));
  const rt = await faceRuntimeOf(ctx);
  const { keepEnrollmentPhotos } = await readFaceSettings(ctx.db.kysely);
  const consentOf = new Map<number, boolean>();
  const scope = scopeOf(actor);
  for (const entry of photos) {
    const employeeNo = employeeNoOf(entry.file, (no) => byNo.has(no));
    const employee: EmployeeRow | undefined = employeeNo ? byNo.get(employeeNo) : undefined;
    const base = { file: entry.file, employeeNo, employeeId: employee?.id ?? null };
    if (!employee || !scopeIncludes(scope, { id: employee.id, departmentId: employee.department_id })) {
      const guess = path.posix.basename(entry.file).replace(/\.[^.]+$/, '');
      await push({
        ...base,
        status: 'unknown_employee',
        reason: 'unknown_employee_no',
        params: { employeeNo: guess },
      });
      continue;
    }
    if (employee.status === 'terminated') {
      await push({
        ...base,
        status: 'refused',
        reason: 'employee_terminated',
        params: { employeeNo: employee.employee_no },
      });
      continue;
    }
    if (!consentOf.has(employee.id))
      consentOf.set(employee.id, !!(await activeConsent(ctx.db.kysely, employee.id)));
    if (!consentOf.get(employee.id)) {
      await push({
        ...base,
        status: 'no_consent',
        reason: 'consent_required',
        params: { employeeNo: employee.employee_no },
      });
      continue;
    }
    if (!(await faceRolledOutFor(ctx.db.kysely, employee, ctx.now().getTime()))) {
      await push({
        ...base,
        status: 'refused',
        reason: 'face_not_rolled_out',
        params: { employeeNo: employee.employee_no },
      });
      continue;
    }
    const ec: EnrollContext = { rt, actor, employee, source: 'bulk', keepPhotos: keepEnrollmentPhotos };
    const outcome = await enrollPhoto(ctx, ec, {
      bytes: entry.bytes ?? new Uint8Array(0),
      filename: entry.file,
      truncated: entry.tooLarge,
    });
    entry.bytes = null; // let the photo go as soon as it is done
    if (outcome.status === 'enrolled') await push({ ...base, status: 'enrolled', faceId: outcome.faceId });
    else {
      await push({
        ...base,
        status: 'refused',
        reason: outcome.reason,
        params: outcome.params,
        qualityReasons: outcome.qualityReasons,
        duplicateOf: outcome.duplicateOf,
      });
    }
  }
  return report;
}
