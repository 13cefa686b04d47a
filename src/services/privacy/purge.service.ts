// The retention purge (定期清理): clears expired evidence crops, removes enrollment photos when they are not to
// be kept, deletes the face templates of leavers N days after their termination date, and deletes punches,
// refused attempts and day results older than the record retention; employees under a legal hold are skipped.
// One transaction, one audit entry and one report per run.
import type { Kysely } from 'kysely';
import {
  emptyCounts,
  evidenceDue,
  type PurgeCounts,
  type RetentionSettings,
  recordDue,
  retentionCutoffs,
  templatesDue,
} from '../../core/privacy/retention.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { heldEmployeeIds } from './legal-holds.service.js';
import { readRetention } from './retention-settings.js';

export interface PurgeReportDto {
  id: number;
  startedAt: string;
  finishedAt: string;
  trigger: 'schedule' | 'manual';
  actorName: string;
  counts: PurgeCounts;
  settings: RetentionSettings;
  heldEmployees: number;
}

const PAGE = 500;

async function inPages(ids: readonly number[], work: (page: number[]) => Promise<unknown>) {
  for (let i = 0; i < ids.length; i += PAGE) await work(ids.slice(i, i + PAGE));
}

async function clearEvidence(
  trx: Kysely<Database>,
  table: 'punches' | 'punch_attempts',
  due: (r: { at: string; evidenceExpiresAt: string | null; employeeId: number | null }) => boolean,
): Promise<number> {
  const rows = await trx
    .selectFrom(table)
    .select(['id', 'at', 'evidence_expires_at', 'employee_id'])
    .where('evidence', 'is not', null)
    .execute();
  const ids = rows
    .filter((r) => due({ at: r.at, evidenceExpiresAt: r.evidence_expires_at, employeeId: r.employee_id }))
    .map((r) => r.id);
  await inPages(ids, (page) =>
    trx.updateTable(table).set({ evidence: null }).where('id', 'in', page).execute(),
  );
  return ids.length;
}

async function purgeInTransaction(trx: Kysely<Database>, settings: RetentionSettings, now: Date) {
  const cutoffs = retentionCutoffs(settings, now);
  const held = await heldEmployeeIds(trx);
  const counts = emptyCounts();

  counts.evidenceCrops += await clearEvidence(trx, 'punches', (r) => evidenceDue(r, cutoffs, held));
  counts.evidenceCrops += await clearEvidence(trx, 'punch_attempts', (r) => evidenceDue(r, cutoffs, held));

  if (!settings.keepEnrollmentPhotos) {
    const rows = await trx
      .selectFrom('face_templates')
      .select(['id', 'employee_id'])
      .where('photo', 'is not', null)
      .execute();
    const ids = rows.filter((r) => !held.has(r.employee_id)).map((r) => r.id);
    await inPages(ids, (page) =>
      trx.updateTable('face_templates').set({ photo: null }).where('id', 'in', page).execute(),
    );
    counts.enrollmentPhotos = ids.length;
  }

  const leavers = await trx
    .selectFrom('employees')
    .select(['id', 'status', 'termination_date'])
    .where('termination_date', 'is not', null)
    .where('termination_date', '<=', cutoffs.terminatedOnOrBefore)
    .execute();
  const leaverIds = leavers
    .filter((e) =>
      templatesDue({ id: e.id, status: e.status, terminationDate: e.termination_date }, cutoffs, held),
    )
    .map((e) => e.id);
  const templateIds: number[] = [];
  await inPages(leaverIds, async (page) => {
    const rows = await trx
      .deleteFrom('face_templates')
      .where('employee_id', 'in', page)
      .returning('id')
      .execute();
    templateIds.push(...rows.map((r) => r.id));
  });
  counts.templates = templateIds.length;

  const oldPunches = await trx
    .selectFrom('punches')
    .select(['id', 'at', 'employee_id'])
    .where('at', '<', cutoffs.recordsBefore)
    .execute();
  const punchIds = oldPunches.filter((r) => recordDue(r.at, r.employee_id, cutoffs, held)).map((r) => r.id);
  await inPages(punchIds, (page) => trx.deleteFrom('punches').where('id', 'in', page).execute());
  counts.punches = punchIds.length;

  const oldAttempts = await trx
    .selectFrom('punch_attempts')
    .select(['id', 'at', 'employee_id'])
    .where('at', '<', cutoffs.recordsBefore)
    .execute();
  const attemptIds = oldAttempts
    .filter((r) => recordDue(r.at, r.employee_id, cutoffs, held))
    .map((r) => r.id);
  await inPages(attemptIds, (page) => trx.deleteFrom('punch_attempts').where('id', 'in', page).execute());
  counts.punchAttempts = attemptIds.length;

  const oldDays = await trx
    .selectFrom('day_results')
    .select(['employee_id', 'date'])
    .where('date', '<', cutoffs.recordDatesBefore)
    .execute();
  const dueDays = oldDays.filter((r) => recordDue(r.date, r.employee_id, cutoffs, held));
  for (const d of dueDays) {
    await trx
      .deleteFrom('day_result_history')
      .where('employee_id', '=', d.employee_id)
      .where('date', '=', d.date)
      .execute();
    await trx
      .deleteFrom('day_results')
      .where('employee_id', '=', d.employee_id)
      .where('date', '=', d.date)
      .execute();
  }
  counts.dayResults = dueDays.length;

  return { counts, templateIds, held: held.size, cutoffs };
}

/** Runs the purge now. `trigger` says whether the schedule or a person started it. */
export async function runPurge(
  ctx: ServiceContext,
  actor: Actor | null,
  trigger: 'schedule' | 'manual' = 'manual',
): Promise<PurgeReportDto> {
  authorize(actor, 'privacy.manage');
  const startedAt = nowIso(ctx);
  const now = ctx.now();
  const outcome = await writeWithAudit(ctx, actor, async (trx) => {
    const settings = await readRetention(trx);
    const done = await purgeInTransaction(trx, settings, now);
    const finishedAt = nowIso(ctx);
    const { id } = await trx
      .insertInto('purge_reports')
      .values({
        started_at: startedAt,
        finished_at: finishedAt,
        trigger,
        actor_name: actor.username,
        counts: JSON.stringify(done.counts),
        settings: JSON.stringify(settings),
        held_employees: done.held,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: { id, settings, finishedAt, ...done },
      audit: {
        action: 'privacy.purge',
        targetType: 'purge_report',
        targetId: id,
        details: { trigger, counts: done.counts, heldEmployees: done.held, cutoffs: done.cutoffs },
      },
    };
  });
  ctx.face?.removed(outcome.templateIds);
  return {
    id: outcome.id,
    startedAt,
    finishedAt: outcome.finishedAt,
    trigger,
    actorName: actor.username,
    counts: outcome.counts,
    settings: outcome.settings,
    heldEmployees: outcome.held,
  };
}

export async function listPurgeReports(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { limit?: number; offset?: number } = {},
): Promise<{ total: number; items: PurgeReportDto[] }> {
  authorize(actor, 'privacy.read');
  const total = await ctx.db.kysely
    .selectFrom('purge_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await ctx.db.kysely
    .selectFrom('purge_reports')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.min(query.limit ?? 50, 500))
    .offset(query.offset ?? 0)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      trigger: r.trigger,
      actorName: r.actor_name,
      counts: JSON.parse(r.counts) as PurgeCounts,
      settings: JSON.parse(r.settings) as RetentionSettings,
      heldEmployees: r.held_employees,
    })),
  };
}

class DryRun extends Error {
  constructor(readonly outcome: Awaited<ReturnType<typeof purgeInTransaction>>) {
    super('dry run');
  }
}

/** What a purge would remove now, without removing anything (the work is done and rolled back). */
export async function previewPurge(
  ctx: ServiceContext,
  actor: Actor | null,
): Promise<{ counts: PurgeCounts; settings: RetentionSettings; heldEmployees: number }> {
  authorize(actor, 'privacy.read');
  const now = ctx.now();
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const settings = await readRetention(trx);
      throw new DryRun({ ...(await purgeInTransaction(trx, settings, now)) });
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
    const settings = await readRetention(ctx.db.kysely);
    return { counts: error.outcome.counts, settings, heldEmployees: error.outcome.held };
  }
  throw new Error('unreachable');
}
