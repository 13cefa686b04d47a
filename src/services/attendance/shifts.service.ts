// Shifts (班次): the engine's Shift definitions, stored by code. Changing one recomputes the days using it.
import { conflict, invalid, notFound } from '../../core/errors.js';
import type { ShiftRow } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { configChange } from './config-change.js';
import { checkShift, shiftsOfSchedule } from './validation.js';

export interface ShiftDto {
  id: number;
  code: string;
  name: string;
  definition: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface ShiftInput {
  code: string;
  name: string;
  definition: Record<string, unknown>;
}

export const toShiftDto = (r: ShiftRow): ShiftDto => ({
  id: r.id,
  code: r.code,
  name: r.name,
  definition: JSON.parse(r.definition) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const CODE_RE = /^[A-Za-z0-9_-]{1,32}$/;

function definitionOf(code: string, definition: Record<string, unknown>): string {
  const { id: _id, ...rest } = checkShift(code, definition) as unknown as Record<string, unknown>;
  return JSON.stringify(rest);
}

export async function listShifts(ctx: ServiceContext, actor: Actor | null): Promise<ShiftDto[]> {
  authorize(actor, 'attendance.read');
  const rows = await ctx.db.kysely.selectFrom('shifts').selectAll().orderBy('code').execute();
  return rows.map(toShiftDto);
}

export async function createShift(ctx: ServiceContext, actor: Actor | null, input: ShiftInput) {
  authorize(actor, 'attendance.configure');
  if (!CODE_RE.test(input.code)) throw invalid('code: 1–32 letters, digits, _ or -');
  const definition = definitionOf(input.code, input.definition);
  return configChange(ctx, actor, `shift ${input.code} created`, async (trx) => {
    const dup = await trx.selectFrom('shifts').select('id').where('code', '=', input.code).executeTakeFirst();
    if (dup) throw conflict(`shift code ${input.code} exists`);
    const now = nowIso(ctx);
    const row = await trx
      .insertInto('shifts')
      .values({ code: input.code, name: input.name.trim(), definition, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toShiftDto(row),
      audit: { action: 'shift.create', targetType: 'shift', targetId: row.id, details: { code: row.code } },
      // A new shift is used by nothing yet.
      scope: { employeeIds: [] },
    };
  });
}

export async function updateShift(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: Partial<Omit<ShiftInput, 'code'>>,
) {
  authorize(actor, 'attendance.configure');
  return configChange(ctx, actor, `shift #${id} changed`, async (trx) => {
    const before = await trx.selectFrom('shifts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('shift', id);
    const definition = patch.definition ? definitionOf(before.code, patch.definition) : before.definition;
    const row = await trx
      .updateTable('shifts')
      .set({ name: patch.name?.trim() ?? before.name, definition, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toShiftDto(row),
      audit: {
        action: 'shift.update',
        targetType: 'shift',
        targetId: id,
        details: { code: row.code, changed: Object.keys(patch) },
      },
      scope: {},
    };
  });
}

export async function deleteShift(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'attendance.configure');
  return configChange(ctx, actor, `shift #${id} deleted`, async (trx) => {
    const row = await trx.selectFrom('shifts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('shift', id);
    const groups = await trx.selectFrom('attendance_groups').select(['name', 'versions']).execute();
    const users = groups.filter((g) =>
      (JSON.parse(g.versions) as { schedule: unknown }[]).some((v) =>
        shiftsOfSchedule(v.schedule).includes(row.code),
      ),
    );
    const cells = await trx
      .selectFrom('schedule_overrides')
      .select('id')
      .where('shift_code', '=', row.code)
      .limit(1)
      .execute();
    if (users.length > 0 || cells.length > 0) {
      throw conflict(
        `shift ${row.code} is used by ${users.length ? `group ${users.map((g) => g.name).join(', ')}` : 'the schedule grid'}`,
      );
    }
    await trx.deleteFrom('shifts').where('id', '=', id).execute();
    return {
      result: { ok: true as const },
      audit: { action: 'shift.delete', targetType: 'shift', targetId: id, details: { code: row.code } },
      scope: { employeeIds: [] },
    };
  });
}
