// After a face model change, templates of the old model no longer compare with new probes. Where the enrollment
// photo was kept (sealed), a template is made again from it with the current model and the old one removed;
// the others stay listed as stale until the employee is enrolled again.
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { startTask, type TaskDto, waitForTask } from '../tasks.service.js';
import { activeConsent } from './consent.service.js';
import { enrollPhoto } from './enrollment.service.js';
import { faceRuntimeOf } from './runtime.js';
import { deleteTemplates, openPhoto } from './template-store.js';

export interface ReenrollReport {
  total: number;
  reenrolled: number;
  refused: number;
  withoutPhoto: number;
  items: {
    faceId: number;
    employeeId: number;
    status: 'reenrolled' | 'refused' | 'no_photo';
    newFaceId?: number;
    reason?: string;
  }[];
}

export async function reenrollStale(
  ctx: ServiceContext,
  actor: Actor | null,
  options: { wait?: boolean } = {},
): Promise<TaskDto> {
  authorize(actor, 'faces.enroll');
  const rt = await faceRuntimeOf(ctx);
  const task = await startTask(ctx, actor, 'face.reenroll', async (progress) => {
    const stale = await ctx.db.kysely
      .selectFrom('face_templates')
      .select((eb) => ['id', 'employee_id', 'source', eb('photo', 'is not', null).as('has_photo')])
      .where((eb) => eb.or([eb('model', '!=', rt.model.name), eb('model_version', '!=', rt.model.version)]))
      .orderBy('id')
      .execute();
    const report: ReenrollReport = {
      total: stale.length,
      reenrolled: 0,
      refused: 0,
      withoutPhoto: 0,
      items: [],
    };
    for (const [i, row] of stale.entries()) {
      await progress.update(i, stale.length);
      const base = { faceId: row.id, employeeId: row.employee_id };
      if (!row.has_photo) {
        report.withoutPhoto++;
        report.items.push({ ...base, status: 'no_photo' });
        continue;
      }
      const employee = await ctx.db.kysely
        .selectFrom('employees')
        .selectAll()
        .where('id', '=', row.employee_id)
        .executeTakeFirst();
      if (!employee || !(await activeConsent(ctx.db.kysely, employee.id))) {
        report.refused++;
        report.items.push({ ...base, status: 'refused', reason: 'consent_required' });
        continue;
      }
      const sealed = await ctx.db.kysely
        .selectFrom('face_templates')
        .select('photo')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      const photo = openPhoto(rt.keyring, row.id, sealed.photo!);
      const outcome = await enrollPhoto(
        ctx,
        { rt, actor, employee, source: row.source, keepPhotos: true },
        { bytes: photo, filename: `face template ${row.id}` },
      );
      if (outcome.status === 'refused') {
        report.refused++;
        report.items.push({ ...base, status: 'refused', reason: outcome.reason });
        continue;
      }
      await writeWithAudit(ctx, actor, async (trx) => ({
        result: await deleteTemplates(trx, row.employee_id, [row.id]),
        audit: {
          action: 'face.reenroll',
          targetType: 'employee',
          targetId: row.employee_id,
          details: { fromFaceId: row.id, toFaceId: outcome.faceId },
        },
      }));
      rt.removed([row.id]);
      report.reenrolled++;
      report.items.push({ ...base, status: 'reenrolled', newFaceId: outcome.faceId });
    }
    await progress.update(stale.length, stale.length);
    return { result: report };
  });
  return options.wait ? waitForTask(ctx, task.id) : task;
}
