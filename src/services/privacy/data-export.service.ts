// The right of access (查阅复制权, PIPL art. 45): everything FaceClock holds about one employee, as JSON or as an
// XLSX workbook with one sheet per kind. Biometric bytes are never included: templates appear as metadata, and
// punches and attempts say only whether an evidence crop exists.
import ExcelJS from 'exceljs';
import { AppError } from '../../core/errors.js';
import type { Actor } from '../actor.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { employeeInScope } from '../face/employee-target.js';
import { templatesOfEmployee } from '../face/template-store.js';

export type ExportFormat = 'json' | 'xlsx';
type Row = Record<string, unknown>;

export interface DataExport {
  exportedAt: string;
  employeeId: number;
  sections: Record<string, Row[]>;
}

async function collect(ctx: ServiceContext, employeeId: number): Promise<Record<string, Row[]>> {
  const db = ctx.db.kysely;
  const profile = await db
    .selectFrom('employees as e')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .leftJoin('positions as p', 'p.id', 'e.position_id')
    .leftJoin('sites as s', 's.id', 'e.site_id')
    .select([
      'e.id',
      'e.employee_no',
      'e.name',
      'd.name as department',
      'p.name as position',
      's.name as site',
      'e.hire_date',
      'e.termination_date',
      'e.status',
      'e.phone',
      'e.email',
      'e.created_at',
      'e.updated_at',
    ])
    .where('e.id', '=', employeeId)
    .execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'locale', 'status', 'created_at'])
    .where('employee_id', '=', employeeId)
    .execute();
  const punches = await db
    .selectFrom('punches')
    .select((eb) => [
      'id',
      'at',
      'method',
      'direction',
      'site_id',
      'device_id',
      'device_time',
      'match_score',
      'flags',
      'note',
      'created_at',
      eb('evidence', 'is not', null).as('has_evidence'),
      'evidence_expires_at',
    ])
    .where('employee_id', '=', employeeId)
    .orderBy('at')
    .execute();
  const attempts = await db
    .selectFrom('punch_attempts')
    .select((eb) => [
      'id',
      'at',
      'outcome',
      'reason',
      'method',
      'device_id',
      eb('evidence', 'is not', null).as('has_evidence'),
      'evidence_expires_at',
    ])
    .where('employee_id', '=', employeeId)
    .orderBy('at')
    .execute();
  const consents = await db
    .selectFrom('biometric_consents')
    .select((eb) => [
      'id',
      'notice_version',
      'method',
      'accepted_at',
      'recorded_by_user_id',
      eb('document', 'is not', null).as('has_document'),
      'withdrawn_at',
      'withdrawn_by_user_id',
    ])
    .where('employee_id', '=', employeeId)
    .orderBy('id')
    .execute();
  const templates = (await templatesOfEmployee(db, employeeId)).map((t) => ({
    id: t.id,
    model: t.model,
    modelVersion: t.modelVersion,
    source: t.source,
    quality: t.quality,
    hasPhoto: t.hasPhoto,
    createdAt: t.createdAt,
  }));
  const requests = await db
    .selectFrom('attendance_requests')
    .selectAll()
    .where('employee_id', '=', employeeId)
    .orderBy('id')
    .execute();
  const requestEvents =
    requests.length === 0
      ? []
      : await db
          .selectFrom('request_events')
          .select(['id', 'request_id', 'at', 'actor_name', 'action', 'step', 'comment'])
          .where(
            'request_id',
            'in',
            requests.map((r) => r.id),
          )
          .orderBy('id')
          .execute();
  const attachments =
    requests.length === 0
      ? []
      : await db
          .selectFrom('request_attachments')
          .select(['id', 'request_id', 'file_name', 'content_type', 'size', 'created_at'])
          .where(
            'request_id',
            'in',
            requests.map((r) => r.id),
          )
          .orderBy('id')
          .execute();
  const dayResults = await db
    .selectFrom('day_results')
    .select([
      'date',
      'day_type',
      'shift_code',
      'statuses',
      'scheduled_minutes',
      'worked_minutes',
      'late_minutes',
      'early_leave_minutes',
      'missing_punches',
      'absent',
      'leave_minutes',
      'overtime_minutes',
      'lieu_minutes',
      'computed_at',
    ])
    .where('employee_id', '=', employeeId)
    .orderBy('date')
    .execute();
  const leaveBalances = await db
    .selectFrom('leave_balances')
    .select(['leave_type', 'year', 'unit', 'granted', 'used', 'updated_at'])
    .where('employee_id', '=', employeeId)
    .orderBy('year')
    .execute();
  const leaveLedger = await db
    .selectFrom('leave_ledger')
    .select(['id', 'leave_type', 'year', 'granted_delta', 'used_delta', 'reason', 'request_id', 'note', 'at'])
    .where('employee_id', '=', employeeId)
    .orderBy('id')
    .execute();
  const privacyRequests = await db
    .selectFrom('privacy_requests')
    .select(['id', 'kind', 'details', 'status', 'created_at', 'decided_at', 'decided_by_name', 'resolution'])
    .where('employee_id', '=', employeeId)
    .orderBy('id')
    .execute();
  // Monthly assessment results once published (a draft is not yet the employee's result), appeals, the
  // notices and feedback of their accounts, and the alerts that name them.
  const assessmentResults = await db
    .selectFrom('assessment_results as r')
    .innerJoin('assessment_cycles as c', 'c.month', 'r.month')
    .select([
      'r.month',
      'r.score',
      'r.total_fen',
      'r.grade',
      'r.version',
      'r.summary',
      'r.ledger',
      'r.computed_at',
    ])
    .where('r.employee_id', '=', employeeId)
    .where('c.status', 'in', ['published', 'closed'])
    .orderBy('r.month')
    .execute();
  const appeals = await db
    .selectFrom('appeals')
    .select([
      'id',
      'target',
      'date',
      'month',
      'reason',
      'status',
      'correction',
      'outcome',
      'created_at',
      'decided_at',
      'decided_by_name',
    ])
    .where('employee_id', '=', employeeId)
    .orderBy('id')
    .execute();
  const appealEvents =
    appeals.length === 0
      ? []
      : await db
          .selectFrom('appeal_events')
          .select(['id', 'appeal_id', 'at', 'actor_name', 'action', 'step', 'comment'])
          .where(
            'appeal_id',
            'in',
            appeals.map((a) => a.id),
          )
          .orderBy('id')
          .execute();
  const userIds = users.map((u) => u.id);
  const notices =
    userIds.length === 0
      ? []
      : await db
          .selectFrom('notices')
          .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
          .where('user_id', 'in', userIds)
          .orderBy('id')
          .execute();
  const feedback =
    userIds.length === 0
      ? []
      : await db
          .selectFrom('feedback')
          .select([
            'id',
            'category',
            'subject',
            'body',
            'status',
            'answer',
            'answered_at',
            'answered_by_name',
            'created_at',
          ])
          .where('user_id', 'in', userIds)
          .orderBy('id')
          .execute();
  const alerts = await db
    .selectFrom('alerts')
    .select(['id', 'kind', 'severity', 'status', 'occurred_at', 'created_at', 'updated_at'])
    .where('employee_id', '=', employeeId)
    .orderBy('id')
    .execute();
  const bool = <T extends { has_evidence?: unknown; has_document?: unknown }>(r: T) => ({
    ...r,
    ...('has_evidence' in r ? { has_evidence: Boolean(r.has_evidence) } : {}),
    ...('has_document' in r ? { has_document: Boolean(r.has_document) } : {}),
  });
  return {
    profile,
    userAccounts: users,
    punches: punches.map(bool),
    punchAttempts: attempts.map(bool),
    consents: consents.map(bool),
    faceTemplates: templates,
    requests,
    requestEvents,
    requestAttachments: attachments,
    dayResults,
    leaveBalances,
    leaveLedger,
    privacyRequests,
    assessmentResults,
    appeals,
    appealEvents,
    notices,
    feedback,
    alerts,
  };
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

async function toWorkbook(data: DataExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(data.sections)) {
    const sheet = workbook.addWorksheet(name.slice(0, 31));
    const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    if (header.length === 0) {
      sheet.addRow(['(none)']);
      continue;
    }
    sheet.addRow(header).font = { bold: true };
    for (const r of rows) sheet.addRow(header.map((h) => cell(r[h])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function exportFor(ctx: ServiceContext, actor: Actor, employeeId: number, format: ExportFormat) {
  const data: DataExport = { exportedAt: nowIso(ctx), employeeId, sections: await collect(ctx, employeeId) };
  await audit(ctx, actor, {
    action: 'privacy.export',
    targetType: 'employee',
    targetId: employeeId,
    details: { format, self: actor.employeeId === employeeId },
  });
  if (format === 'json') return { format, data } as const;
  return { format, bytes: await toWorkbook(data) } as const;
}

/** The caller's own data. */
export async function exportMyData(ctx: ServiceContext, actor: Actor | null, format: ExportFormat) {
  authorize(actor, 'self.read');
  if (actor.employeeId === null) throw new AppError('no_linked_employee', 409);
  return exportFor(ctx, actor, actor.employeeId, format);
}

/** HR exports an employee's data (for a request made on paper, or on the employee's behalf). */
export async function exportEmployeeData(
  ctx: ServiceContext,
  actor: Actor | null,
  employeeId: number,
  format: ExportFormat,
) {
  authorize(actor, 'privacy.manage');
  await employeeInScope(ctx.db.kysely, actor, employeeId);
  return exportFor(ctx, actor, employeeId, format);
}
