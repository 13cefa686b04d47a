// Legal holds (诉讼保留): while an employee is under one, the retention purge removes none of their data.
import type { Kysely } from 'kysely';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { employeeInScope } from '../face/employee-target.js';

export interface LegalHoldDto {
  id: number;
  employeeId: number;
  employeeNo: string;
  employeeName: string;
  reason: string;
  createdAt: string;
  createdBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
  active: boolean;
}

/** Ids of the employees under an active hold. */
export async function heldEmployeeIds(db: Kysely<Database>): Promise<Set<number>> {
  const rows = await db
    .selectFrom('legal_holds')
    .select('employee_id')
    .where('released_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.employee_id));
}

function holdQuery(db: Kysely<Database>) {
  return db
    .selectFrom('legal_holds as h')
    .innerJoin('employees as e', 'e.id', 'h.employee_id')
    .select([
      'h.id',
      'h.employee_id',
      'e.employee_no',
      'e.name',
      'h.reason',
      'h.created_at',
      'h.created_by_name',
      'h.released_at',
      'h.released_by_name',
    ]);
}

type HoldRow = Awaited<ReturnType<ReturnType<typeof holdQuery>['executeTakeFirstOrThrow']>>;

const toDto = (r: HoldRow): LegalHoldDto => ({
  id: r.id,
  employeeId: r.employee_id,
  employeeNo: r.employee_no,
  employeeName: r.name,
  reason: r.reason,
  createdAt: r.created_at,
  createdBy: r.created_by_name,
  releasedAt: r.released_at,
  releasedBy: r.released_by_name,
  active: r.released_at === null,
});

export async function listLegalHolds(
  ctx: ServiceContext,
  actor: Actor | null,
  options: { includeReleased?: boolean } = {},
): Promise<LegalHoldDto[]> {
  authorize(actor, 'privacy.read');
  let q = holdQuery(ctx.db.kysely);
  if (!options.includeReleased) q = q.where('h.released_at', 'is', null);
  return (await q.orderBy('h.id', 'desc').execute()).map(toDto);
}

export async function placeLegalHold(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { employeeId: number; reason: string },
): Promise<LegalHoldDto> {
  authorize(actor, 'privacy.manage');
  const employee = await employeeInScope(ctx.db.kysely, actor, input.employeeId);
  const reason = input.reason.trim();
  if (!reason || reason.length > 500) throw invalid('reason: 1–500 characters');
  const now = nowIso(ctx);
  const id = await writeWithAudit(ctx, actor, async (trx) => {
    const existing = await trx
      .selectFrom('legal_holds')
      .select('id')
      .where('employee_id', '=', employee.id)
      .where('released_at', 'is', null)
      .executeTakeFirst();
    if (existing) throw new AppError('legal_hold_exists', 409, { employeeNo: employee.employee_no });
    const row = await trx
      .insertInto('legal_holds')
      .values({
        employee_id: employee.id,
        reason,
        created_at: now,
        created_by_user_id: actor.userId,
        created_by_name: actor.username,
        released_at: null,
        released_by_user_id: null,
        released_by_name: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: row.id,
      audit: {
        action: 'privacy.hold.place',
        targetType: 'employee',
        targetId: employee.id,
        details: { holdId: row.id, reason },
      },
    };
  });
  return toDto(await holdQuery(ctx.db.kysely).where('h.id', '=', id).executeTakeFirstOrThrow());
}

export async function releaseLegalHold(ctx: ServiceContext, actor: Actor | null, holdId: number) {
  authorize(actor, 'privacy.manage');
  const hold = await holdQuery(ctx.db.kysely).where('h.id', '=', holdId).executeTakeFirst();
  if (!hold || hold.released_at !== null) throw notFound('legal hold', holdId);
  await employeeInScope(ctx.db.kysely, actor, hold.employee_id);
  const now = nowIso(ctx);
  await writeWithAudit(ctx, actor, async (trx) => {
    await trx
      .updateTable('legal_holds')
      .set({ released_at: now, released_by_user_id: actor.userId, released_by_name: actor.username })
      .where('id', '=', holdId)
      .execute();
    return {
      result: null,
      audit: {
        action: 'privacy.hold.release',
        targetType: 'employee',
        targetId: hold.employee_id,
        details: { holdId },
      },
    };
  });
  return toDto(await holdQuery(ctx.db.kysely).where('h.id', '=', holdId).executeTakeFirstOrThrow());
}
