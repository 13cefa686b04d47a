// Departments (部门): a tree, each node optionally with a code and its managers.
import type { Kysely } from 'kysely';
import { AppError, conflict, invalid, notFound } from '../core/errors.js';
import { wouldCreateCycle } from '../core/org/department-tree.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { writeWithAudit } from './audit.service.js';
import { authorize } from './authorize.js';
import { nowIso, type ServiceContext } from './context.js';

export interface DepartmentDto {
  id: number;
  name: string;
  code: string | null;
  parentId: number | null;
  employeeCount: number;
  managerUserIds: number[];
}

export interface DepartmentInput {
  name: string;
  code?: string | null;
  parentId?: number | null;
}

export async function listDepartments(ctx: ServiceContext, actor: Actor | null): Promise<DepartmentDto[]> {
  authorize(actor, 'org.read');
  const db = ctx.db.kysely;
  const rows = await db.selectFrom('departments').selectAll().orderBy('name').execute();
  const counts = await db
    .selectFrom('employees')
    .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '!=', 'terminated')
    .groupBy('department_id')
    .execute();
  const managers = await db.selectFrom('department_managers').selectAll().execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    code: r.code,
    parentId: r.parent_id,
    employeeCount: Number(counts.find((c) => c.department_id === r.id)?.n ?? 0),
    managerUserIds: managers.filter((m) => m.department_id === r.id).map((m) => m.user_id),
  }));
}

async function getOne(trx: Kysely<Database>, id: number): Promise<DepartmentDto> {
  const r = await trx.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('department', id);
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    parentId: r.parent_id,
    employeeCount: 0,
    managerUserIds: [],
  };
}

async function checkCode(trx: Kysely<Database>, code: string | null | undefined, selfId?: number) {
  if (!code) return;
  const dup = await trx.selectFrom('departments').select('id').where('code', '=', code).executeTakeFirst();
  if (dup && dup.id !== selfId) throw conflict(`department code ${code} is taken`);
}

export async function createDepartment(ctx: ServiceContext, actor: Actor | null, input: DepartmentInput) {
  authorize(actor, 'org.write');
  const name = input.name.trim();
  if (!name) throw invalid('name is required');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    await checkCode(trx, input.code);
    if (input.parentId != null) await getOne(trx, input.parentId);
    const row = await trx
      .insertInto('departments')
      .values({
        name,
        code: input.code?.trim() || null,
        parent_id: input.parentId ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: await getOne(trx, row.id),
      audit: {
        action: 'department.create',
        targetType: 'department',
        targetId: row.id,
        details: { ...input },
      },
    };
  });
}

export async function updateDepartment(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: Partial<DepartmentInput>,
) {
  authorize(actor, 'org.write');
  if (patch.name !== undefined && !patch.name.trim()) throw invalid('name is required');
  return writeWithAudit(ctx, actor, async (trx) => {
    await getOne(trx, id);
    await checkCode(trx, patch.code, id);
    if (patch.parentId !== undefined && patch.parentId !== null) {
      await getOne(trx, patch.parentId);
      const all = await trx.selectFrom('departments').select(['id', 'parent_id']).execute();
      const nodes = all.map((d) => ({ id: d.id, parentId: d.parent_id }));
      if (wouldCreateCycle(nodes, id, patch.parentId))
        throw invalid('a department cannot be moved below itself');
    }
    await trx
      .updateTable('departments')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.code !== undefined ? { code: patch.code?.trim() || null } : {}),
        ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    return {
      result: await getOne(trx, id),
      audit: { action: 'department.update', targetType: 'department', targetId: id, details: { ...patch } },
    };
  });
}

export async function deleteDepartment(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'org.write');
  await writeWithAudit(ctx, actor, async (trx) => {
    await getOne(trx, id);
    const children = await trx
      .selectFrom('departments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirstOrThrow();
    const staff = await trx
      .selectFrom('employees')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('department_id', '=', id)
      .executeTakeFirstOrThrow();
    const count = Number(children.n) + Number(staff.n);
    if (count > 0) throw new AppError('has_dependents', 409, { what: 'department', count });
    await trx.deleteFrom('departments').where('id', '=', id).execute();
    return {
      result: undefined,
      audit: { action: 'department.delete', targetType: 'department', targetId: id },
    };
  });
}
