// Correction and deletion requests (更正权, 删除权; PIPL arts. 46–47): an employee asks, HR resolves with a written
// reason, and the request, the decision and what was removed stay on record. Completing a deletion request may
// delete the employee's face data (templates, photos, evidence crops); records the law requires to be kept
// (punches, attendance) are not deleted here but by the retention purge when their years have passed.
import type { Kysely, Selectable } from 'kysely';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { Database, PrivacyRequestsTable } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { employeeInScope } from '../face/employee-target.js';
import { deleteTemplates } from '../face/template-store.js';
import { heldEmployeeIds } from './legal-holds.service.js';

export type RequestKind = PrivacyRequestsTable['kind'];

export interface PrivacyRequestDto {
  id: number;
  employeeId: number;
  kind: RequestKind;
  details: string;
  status: PrivacyRequestsTable['status'];
  createdAt: string;
  createdBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  resolution: string | null;
  actions: { templatesDeleted: number; evidenceCropsCleared: number } | null;
  /** In HR's list: who made the request. */
  employeeNo?: string;
  employeeName?: string;
}

type Row = Selectable<PrivacyRequestsTable>;

const toDto = (r: Row): PrivacyRequestDto => ({
  id: r.id,
  employeeId: r.employee_id,
  kind: r.kind,
  details: r.details,
  status: r.status,
  createdAt: r.created_at,
  createdBy: r.created_by_name,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by_name,
  resolution: r.resolution,
  actions: r.actions ? JSON.parse(r.actions) : null,
});

const byId = (db: Kysely<Database>, id: number) =>
  db.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirst() as Promise<
    Row | undefined
  >;

function checkText(name: string, value: string, max: number): string {
  const text = value.trim();
  if (!text || text.length > max) throw invalid(`${name}: 1–${max} characters`);
  return text;
}

/** The caller asks for a correction or a deletion of their own data. */
export async function submitMyRequest(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { kind: RequestKind; details: string },
): Promise<PrivacyRequestDto> {
  authorize(actor, 'self.read');
  const employeeId = actor.employeeId;
  if (employeeId === null) throw new AppError('no_linked_employee', 409);
  if (input.kind !== 'correction' && input.kind !== 'deletion')
    throw invalid('kind must be correction or deletion');
  const details = checkText('details', input.details, 2000);
  const now = nowIso(ctx);
  const id = await writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .insertInto('privacy_requests')
      .values({
        employee_id: employeeId,
        kind: input.kind,
        details,
        status: 'pending',
        created_at: now,
        created_by_name: actor.username,
        decided_at: null,
        decided_by_name: null,
        resolution: null,
        actions: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: row.id,
      audit: {
        action: 'privacy.request.submit',
        targetType: 'employee',
        targetId: employeeId,
        details: { requestId: row.id, kind: input.kind },
      },
    };
  });
  return toDto((await byId(ctx.db.kysely, id))!);
}

export async function listMyRequests(ctx: ServiceContext, actor: Actor | null): Promise<PrivacyRequestDto[]> {
  authorize(actor, 'self.read');
  if (actor.employeeId === null) return [];
  const rows = await ctx.db.kysely
    .selectFrom('privacy_requests')
    .selectAll()
    .where('employee_id', '=', actor.employeeId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toDto);
}

export async function listRequests(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { status?: PrivacyRequestsTable['status'] } = {},
): Promise<PrivacyRequestDto[]> {
  authorize(actor, 'privacy.read');
  let q = ctx.db.kysely.selectFrom('privacy_requests').selectAll();
  if (query.status) q = q.where('status', '=', query.status);
  const rows = await q.orderBy('id', 'desc').limit(500).execute();
  const ids = [...new Set(rows.map((r) => r.employee_id))];
  const people = ids.length
    ? await ctx.db.kysely
        .selectFrom('employees')
        .select(['id', 'employee_no', 'name'])
        .where('id', 'in', ids)
        .execute()
    : [];
  const byEmployee = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({
    ...toDto(r),
    employeeNo: byEmployee.get(r.employee_id)?.employee_no,
    employeeName: byEmployee.get(r.employee_id)?.name,
  }));
}

/**
 * HR resolves a request. `deleteFaceData` on a completed deletion removes the employee's templates, photos and
 * evidence crops in the same transaction; a legal hold forbids it.
 */
export async function decideRequest(
  ctx: ServiceContext,
  actor: Actor | null,
  requestId: number,
  input: { decision: 'completed' | 'rejected'; resolution: string; deleteFaceData?: boolean },
): Promise<PrivacyRequestDto> {
  authorize(actor, 'privacy.manage');
  const request = await byId(ctx.db.kysely, requestId);
  if (!request) throw notFound('request', requestId);
  const employee = await employeeInScope(ctx.db.kysely, actor, request.employee_id);
  if (input.decision !== 'completed' && input.decision !== 'rejected')
    throw invalid('decision must be completed or rejected');
  const resolution = checkText('resolution', input.resolution, 2000);
  const erase =
    input.decision === 'completed' && request.kind === 'deletion' && input.deleteFaceData === true;
  if (input.deleteFaceData && !erase)
    throw invalid('face data is deleted only when completing a deletion request');
  const now = nowIso(ctx);
  const outcome = await writeWithAudit(ctx, actor, async (trx) => {
    const current = await byId(trx, requestId);
    if (current?.status !== 'pending') throw new AppError('request_decided', 409);
    let actions: PrivacyRequestDto['actions'] = null;
    let deleted: number[] = [];
    if (erase) {
      if ((await heldEmployeeIds(trx)).has(employee.id))
        throw new AppError('legal_hold_active', 409, { employeeNo: employee.employee_no });
      deleted = await deleteTemplates(trx, employee.id);
      let cleared = 0;
      for (const table of ['punches', 'punch_attempts'] as const) {
        const rows = await trx
          .updateTable(table)
          .set({ evidence: null })
          .where('employee_id', '=', employee.id)
          .where('evidence', 'is not', null)
          .returning('id')
          .execute();
        cleared += rows.length;
      }
      actions = { templatesDeleted: deleted.length, evidenceCropsCleared: cleared };
    }
    await trx
      .updateTable('privacy_requests')
      .set({
        status: input.decision,
        decided_at: now,
        decided_by_name: actor.username,
        resolution,
        actions: actions ? JSON.stringify(actions) : null,
      })
      .where('id', '=', requestId)
      .execute();
    return {
      result: deleted,
      audit: {
        action: 'privacy.request.decide',
        targetType: 'employee',
        targetId: employee.id,
        details: { requestId, kind: request.kind, decision: input.decision, actions },
      },
    };
  });
  ctx.face?.removed(outcome);
  return toDto((await byId(ctx.db.kysely, requestId))!);
}
