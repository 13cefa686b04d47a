// The employee's own consent in self-service (/me/consent): read the current notice, accept it (or renew a
// consent given to an older version), withdraw it. And HR's view of everyone's consent with the exportable
// history (CSV/XLSX).

import { scopeIncludes } from '../../core/access/employee-scope.js';
import { AppError } from '../../core/errors.js';
import { type ConsentStanding, consentStanding } from '../../core/privacy/consent-notice.js';
import type { Actor } from '../actor.js';
import { scopeOf } from '../actor.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { type ConsentDto, getConsentHistory, saveConsent, withdrawFor } from '../face/consent.service.js';
import { type TableFormat, writeTable } from '../tabular-files.js';
import { currentNotice, type NoticeDto } from './notices.service.js';

export interface MyConsentDto {
  notice: NoticeDto | null;
  active: ConsentDto | null;
  standing: ConsentStanding;
  history: ConsentDto[];
  /** What the employee can punch with instead of the face: always a QR code; a PIN when HR has set one. */
  alternatives: { qr: boolean; pin: boolean };
  templates: number;
}

async function selfEmployee(ctx: ServiceContext, actor: Actor) {
  if (actor.employeeId === null) throw new AppError('no_linked_employee', 409);
  return ctx.db.kysely
    .selectFrom('employees')
    .select(['id', 'employee_no', 'pin_hash'])
    .where('id', '=', actor.employeeId)
    .executeTakeFirstOrThrow();
}

export async function myConsent(ctx: ServiceContext, actor: Actor | null): Promise<MyConsentDto> {
  authorize(actor, 'self.read');
  const employee = await selfEmployee(ctx, actor);
  const db = ctx.db.kysely;
  const [notice, history, templates] = await Promise.all([
    currentNotice(db),
    getConsentHistory(db, employee.id),
    db
      .selectFrom('face_templates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('employee_id', '=', employee.id)
      .executeTakeFirstOrThrow(),
  ]);
  const active = history.find((c) => c.active) ?? null;
  return {
    notice,
    active,
    history,
    standing: consentStanding(active?.noticeVersion ?? null, notice?.version ?? null),
    alternatives: { qr: true, pin: employee.pin_hash !== null },
    templates: Number(templates.n),
  };
}

/** The employee accepts the current notice (also a renewal of a consent to an earlier version). */
export async function acceptMyConsent(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { noticeVersion: string },
): Promise<MyConsentDto> {
  authorize(actor, 'self.read');
  const employee = await selfEmployee(ctx, actor);
  const notice = await currentNotice(ctx.db.kysely);
  // Only the notice the employee has just read can be accepted, never an old or unpublished one.
  if (!notice || notice.version !== input.noticeVersion)
    throw new AppError('notice_not_current', 409, { version: input.noticeVersion.slice(0, 64) });
  await saveConsent(ctx, actor, employee, { noticeVersion: notice.version, method: 'self_service' });
  return myConsent(ctx, actor);
}

/** The employee withdraws: templates and photos go at once; QR (and PIN) punching stays open. */
export async function withdrawMyConsent(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'self.read');
  const employee = await selfEmployee(ctx, actor);
  const outcome = await withdrawFor(ctx, actor, employee);
  return { ...(await myConsent(ctx, actor)), templatesDeleted: outcome.templatesDeleted };
}

export interface ConsentRecordDto {
  consentId: number;
  employeeId: number;
  employeeNo: string;
  employeeName: string;
  departmentName: string | null;
  noticeVersion: string;
  method: ConsentDto['method'];
  acceptedAt: string;
  withdrawnAt: string | null;
  supersededAt: string | null;
  hasDocument: boolean;
  /** For the consent in force: current or needs renewal; for a closed one: withdrawn or superseded. */
  state: ConsentStanding | 'withdrawn' | 'superseded';
}

export interface ConsentQuery {
  state?: ConsentRecordDto['state'];
  employeeId?: number;
  limit?: number;
  offset?: number;
}

async function consentRecords(ctx: ServiceContext, actor: Actor): Promise<ConsentRecordDto[]> {
  const scope = scopeOf(actor);
  let q = ctx.db.kysely
    .selectFrom('biometric_consents as c')
    .innerJoin('employees as e', 'e.id', 'c.employee_id')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .select((eb) => [
      'c.id',
      'c.employee_id',
      'e.employee_no',
      'e.name',
      'd.name as department_name',
      'c.notice_version',
      'c.method',
      'c.accepted_at',
      'c.withdrawn_at',
      'c.superseded_at',
      eb('c.document', 'is not', null).as('has_document'),
    ]);
  if (scope.kind === 'departments') {
    const ids = [...scope.departmentIds];
    q = q.where((eb) =>
      eb.or([
        eb('e.id', '=', scope.selfEmployeeId ?? -1),
        ...(ids.length ? [eb('e.department_id', 'in', ids)] : []),
      ]),
    );
  } else if (scope.kind === 'self') q = q.where('e.id', '=', scope.employeeId ?? -1);
  const rows = await q.orderBy('c.id', 'desc').execute();
  const notice = await currentNotice(ctx.db.kysely);
  return rows.map((r) => ({
    consentId: r.id,
    employeeId: r.employee_id,
    employeeNo: r.employee_no,
    employeeName: r.name,
    departmentName: r.department_name,
    noticeVersion: r.notice_version,
    method: r.method,
    acceptedAt: r.accepted_at,
    withdrawnAt: r.withdrawn_at,
    supersededAt: r.superseded_at,
    hasDocument: Boolean(r.has_document),
    state:
      r.withdrawn_at !== null
        ? 'withdrawn'
        : r.superseded_at !== null
          ? 'superseded'
          : consentStanding(r.notice_version, notice?.version ?? null),
  }));
}

/** Everyone's consents, newest first, with a summary of where the employees stand. */
export async function listConsentRecords(ctx: ServiceContext, actor: Actor | null, query: ConsentQuery = {}) {
  authorize(actor, 'consent.read');
  const all = await consentRecords(ctx, actor);
  const summary = { current: 0, needs_renewal: 0, withdrawn: 0, superseded: 0, without: 0 };
  for (const r of all) if (r.state !== 'none') summary[r.state]++;
  // Active employees (in the caller's scope) with no consent in force: face punching is off for them.
  const withConsent = new Set(
    all.filter((r) => r.state === 'current' || r.state === 'needs_renewal').map((r) => r.employeeId),
  );
  const scope = scopeOf(actor);
  const active = await ctx.db.kysely
    .selectFrom('employees')
    .select(['id', 'department_id'])
    .where('status', '=', 'active')
    .execute();
  summary.without = active.filter(
    (e) => !withConsent.has(e.id) && scopeIncludes(scope, { id: e.id, departmentId: e.department_id }),
  ).length;
  const filtered = all.filter(
    (r) =>
      (!query.state || r.state === query.state) &&
      (query.employeeId === undefined || r.employeeId === query.employeeId),
  );
  const offset = query.offset ?? 0;
  const limit = Math.min(query.limit ?? 50, 500);
  const notice = await currentNotice(ctx.db.kysely);
  return {
    currentVersion: notice?.version ?? null,
    summary,
    total: filtered.length,
    items: filtered.slice(offset, offset + limit),
  };
}

const HEADERS = {
  en: [
    'Employee no.',
    'Name',
    'Department',
    'Notice version',
    'Method',
    'Accepted at',
    'Withdrawn at',
    'Superseded at',
    'Scanned paper',
    'State',
  ],
  'zh-CN': [
    '工号',
    '姓名',
    '部门',
    '告知书版本',
    '方式',
    '同意时间',
    '撤回时间',
    '续签时间',
    '纸质扫描件',
    '状态',
  ],
};
const STATE_LABELS = {
  en: {
    current: 'current',
    needs_renewal: 'needs renewal',
    none: 'none',
    withdrawn: 'withdrawn',
    superseded: 'superseded',
  },
  'zh-CN': {
    current: '有效',
    needs_renewal: '需续签',
    none: '无',
    withdrawn: '已撤回',
    superseded: '已被新版本取代',
  },
};
const METHOD_LABELS = {
  en: { hr_paper: 'signed paper (HR)', self_service: 'self-service' },
  'zh-CN': { hr_paper: '纸质签署（人事录入）', self_service: '员工自助' },
};

/** The whole consent history as CSV or XLSX, in the caller's language. */
export async function exportConsentHistory(
  ctx: ServiceContext,
  actor: Actor | null,
  format: TableFormat,
  locale: 'en' | 'zh-CN',
): Promise<{ filename: string; bytes: Buffer; contentType: string }> {
  authorize(actor, 'consent.read');
  const records = await consentRecords(ctx, actor);
  const yes = locale === 'en' ? 'yes' : '有';
  const bytes = await writeTable(
    {
      header: HEADERS[locale],
      rows: records.map((r) => [
        r.employeeNo,
        r.employeeName,
        r.departmentName ?? '',
        r.noticeVersion,
        METHOD_LABELS[locale][r.method],
        r.acceptedAt,
        r.withdrawnAt ?? '',
        r.supersededAt ?? '',
        r.hasDocument ? yes : '',
        STATE_LABELS[locale][r.state],
      ]),
    },
    format,
    locale === 'en' ? 'Consents' : '同意记录',
  );
  await audit(ctx, actor, {
    action: 'consent.export',
    targetType: 'consent',
    details: { format, rows: records.length },
  });
  return {
    filename: `consent-history.${format}`,
    bytes,
    contentType:
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
