// Import and export of employees and departments (CSV, XLSX). An import is checked whole first; it is written
// in one transaction only when no row has a problem.
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.js';
import { type DepartmentImportRow, validateDepartmentRows } from '../core/org/department-import.js';
import { DEPARTMENT_COLUMNS, EMPLOYEE_COLUMNS } from '../core/org/employee-fields.js';
import {
  type EmployeeImportRow,
  type ImportProblem,
  validateEmployeeRows,
} from '../core/org/employee-import.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { audit, writeWithAudit } from './audit.service.js';
import { authorize } from './authorize.js';
import { nowIso, type ServiceContext } from './context.js';
import { positionIdByName } from './positions.service.js';
import { formatOf, readTable, type TableFormat, writeTable } from './tabular-files.js';

export type ImportKind = 'employees' | 'departments';

export interface ImportPreview {
  kind: ImportKind;
  totalRows: number;
  validRows: number;
  creates: number;
  updates: number;
  problems: { row: number; field: string; code: string; value?: string }[];
  sample: Record<string, unknown>[];
}

async function employeeRefs(db: Kysely<Database>) {
  const departments = new Map<string, number>();
  for (const d of await db.selectFrom('departments').select(['id', 'name', 'code']).execute()) {
    departments.set(d.name, d.id);
    if (d.code) departments.set(d.code, d.id);
  }
  const sites = new Map<string, number>();
  for (const s of await db.selectFrom('sites').select(['id', 'name']).execute()) sites.set(s.name, s.id);
  const existingEmployees = new Map<string, number>();
  for (const e of await db.selectFrom('employees').select(['id', 'employee_no']).execute()) {
    existingEmployees.set(e.employee_no, e.id);
  }
  return { departments, sites, existingEmployees };
}

async function departmentCodes(db: Kysely<Database>) {
  const map = new Map<string, number>();
  for (const d of await db.selectFrom('departments').select(['id', 'code']).execute())
    if (d.code) map.set(d.code, d.id);
  return map;
}

async function validate(db: Kysely<Database>, kind: ImportKind, buffer: Buffer, filename: string) {
  const table = await readTable(buffer, formatOf(filename));
  const nonEmpty = table.rows.filter((r) => r.some((c) => String(c ?? '').trim() !== '')).length;
  if (kind === 'employees') {
    const result = validateEmployeeRows(table.header, table.rows, await employeeRefs(db));
    return { kind, totalRows: nonEmpty, ...result };
  }
  const result = validateDepartmentRows(table.header, table.rows, await departmentCodes(db));
  return { kind, totalRows: nonEmpty, ...result };
}

function toPreview(v: Awaited<ReturnType<typeof validate>>): ImportPreview {
  const rows = v.rows as (EmployeeImportRow | DepartmentImportRow)[];
  return {
    kind: v.kind,
    totalRows: v.totalRows,
    validRows: rows.length,
    creates: rows.filter((r) => r.existingId === null).length,
    updates: rows.filter((r) => r.existingId !== null).length,
    problems: (v.problems as ImportProblem[]).map((p) => ({
      row: p.row,
      field: p.field,
      code: p.code,
      value: p.value,
    })),
    sample: rows.slice(0, 20).map((r) => ({ ...r })),
  };
}

export async function previewImport(
  ctx: ServiceContext,
  actor: Actor | null,
  kind: ImportKind,
  buffer: Buffer,
  filename: string,
) {
  authorize(actor, 'employees.import');
  return toPreview(await validate(ctx.db.kysely, kind, buffer, filename));
}

export async function commitImport(
  ctx: ServiceContext,
  actor: Actor | null,
  kind: ImportKind,
  buffer: Buffer,
  filename: string,
) {
  authorize(actor, 'employees.import');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    // Validated again inside the transaction, against the data as it is now.
    const v = await validate(trx, kind, buffer, filename);
    const preview = toPreview(v);
    if (v.problems.length > 0) {
      throw new AppError(
        'import_has_errors',
        422,
        { count: new Set(v.problems.map((p) => p.row)).size },
        preview.problems,
      );
    }
    if (kind === 'employees') await writeEmployees(trx, v.rows as EmployeeImportRow[], now);
    else await writeDepartments(trx, v.rows as DepartmentImportRow[], now);
    return {
      result: preview,
      audit: {
        action: `${kind === 'employees' ? 'employee' : 'department'}.import`,
        targetType: kind === 'employees' ? 'employee' : 'department',
        details: { filename, creates: preview.creates, updates: preview.updates },
      },
    };
  });
}

async function writeEmployees(trx: Kysely<Database>, rows: EmployeeImportRow[], now: string) {
  for (const r of rows) {
    const positionId = r.positionName ? await positionIdByName(trx, r.positionName, now) : null;
    const values = {
      name: r.name,
      department_id: r.departmentId,
      position_id: positionId,
      site_id: r.siteId,
      hire_date: r.hireDate,
      termination_date: r.terminationDate,
      status: r.status,
      phone: r.phone,
      email: r.email,
      updated_at: now,
    };
    if (r.existingId !== null) {
      await trx.updateTable('employees').set(values).where('id', '=', r.existingId).execute();
    } else {
      await trx
        .insertInto('employees')
        .values({ ...values, employee_no: r.employeeNo, pin_hash: null, created_at: now })
        .execute();
    }
  }
}

async function writeDepartments(trx: Kysely<Database>, rows: DepartmentImportRow[], now: string) {
  const ids = await departmentCodes(trx);
  for (const r of rows) {
    const parentId = r.parentCode ? (ids.get(r.parentCode) ?? null) : null;
    if (r.existingId !== null) {
      await trx
        .updateTable('departments')
        .set({ name: r.name, parent_id: parentId, updated_at: now })
        .where('id', '=', r.existingId)
        .execute();
    } else {
      const row = await trx
        .insertInto('departments')
        .values({ name: r.name, code: r.code, parent_id: parentId, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(r.code, row.id);
    }
  }
}

export async function exportOrg(
  ctx: ServiceContext,
  actor: Actor | null,
  kind: ImportKind,
  format: TableFormat,
) {
  authorize(actor, 'employees.import');
  const db = ctx.db.kysely;
  const departments = await db
    .selectFrom('departments')
    .select(['id', 'name', 'code', 'parent_id'])
    .execute();
  const deptById = new Map(departments.map((d) => [d.id, d]));
  let header: string[];
  let rows: string[][];
  if (kind === 'departments') {
    header = DEPARTMENT_COLUMNS.map((c) => c.key);
    rows = departments.map((d) => [
      d.code ?? '',
      d.name,
      d.parent_id ? (deptById.get(d.parent_id)?.code ?? '') : '',
    ]);
  } else {
    const sites = new Map(
      (await db.selectFrom('sites').select(['id', 'name']).execute()).map((s) => [s.id, s.name]),
    );
    const positions = new Map(
      (await db.selectFrom('positions').select(['id', 'name']).execute()).map((p) => [p.id, p.name]),
    );
    const employees = await db.selectFrom('employees').selectAll().orderBy('employee_no').execute();
    header = EMPLOYEE_COLUMNS.map((c) => c.key);
    rows = employees.map((e) => {
      const d = e.department_id ? deptById.get(e.department_id) : undefined;
      return [
        e.employee_no,
        e.name,
        d ? (d.code ?? d.name) : '',
        e.position_id ? (positions.get(e.position_id) ?? '') : '',
        e.site_id ? (sites.get(e.site_id) ?? '') : '',
        e.hire_date ?? '',
        e.termination_date ?? '',
        e.status,
        e.phone ?? '',
        e.email ?? '',
      ];
    });
  }
  await audit(ctx, actor, {
    action: `${kind === 'employees' ? 'employee' : 'department'}.export`,
    details: { format, rows: rows.length },
  });
  return writeTable({ header, rows }, format, kind);
}
