// Reading results: HR and managers list a month, each employee reads their own statement (once published),
// everyone reads the public list (公示, names masked when the setting says so), and the exports for
// performance reviews and payroll.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { hasPermission } from '../../core/access/roles.js';
import { isVisibleToEmployees, maskName } from '../../core/assessment/cycle.js';
import { explainLine, explainScoreLine, type Locale } from '../../core/assessment/explain.js';
import type { Metrics, Score } from '../../core/assessment/formula.js';
import { type LedgerLine, money } from '../../core/assessment/ledger.js';
import type { MonthSummary } from '../../core/attendance/month-summary.js';
import { notFound } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import { type Actor, scopeOf } from '../actor.js';
import { assertCanRead, inScope, loadEmployee } from '../attendance/access.js';
import { monthDates } from '../attendance/results.service.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { writeTable } from '../tabular-files.js';
import { loadCycle, toCycleDto } from './cycle.service.js';
import { readAssessmentSettings } from './settings.js';

type Summary = MonthSummary & { metrics: Metrics };

function joined(db: Kysely<Database>) {
  return db
    .selectFrom('assessment_results as r')
    .innerJoin('employees as e', 'e.id', 'r.employee_id')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .selectAll('r')
    .select(['e.employee_no', 'e.name', 'e.department_id', 'd.name as department_name']);
}

/** Limits a query on `e` to the employees the actor may see. */
function scoped(q: ReturnType<typeof joined>, actor: Actor): ReturnType<typeof joined> {
  const scope = scopeOf(actor);
  if (scope.kind === 'self') return q.where('e.id', '=', scope.employeeId ?? -1);
  if (scope.kind === 'departments') {
    const ids = [...scope.departmentIds];
    return q.where((eb) =>
      eb.or([
        eb('e.id', '=', scope.selfEmployeeId ?? -1),
        ...(ids.length ? [eb('e.department_id', 'in', ids)] : []),
      ]),
    );
  }
  return q;
}

function row(r: Awaited<ReturnType<ReturnType<typeof joined>['execute']>>[number]) {
  const summary = JSON.parse(r.summary) as Summary;
  const ledger = JSON.parse(r.ledger) as LedgerLine[];
  return {
    employeeId: r.employee_id,
    employeeNo: r.employee_no,
    name: r.name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    attendanceRate: summary.attendanceRate,
    daysScheduled: summary.daysScheduled,
    daysAttended: summary.daysAttended,
    lateCount: summary.lateCount,
    lateMinutes: summary.lateMinutes,
    earlyLeaveCount: summary.earlyLeaveCount,
    earlyLeaveMinutes: summary.earlyLeaveMinutes,
    absentDays: summary.absentDays,
    missingPunches: summary.missingPunches,
    leaveDays: summary.metrics.leaveDays,
    score: r.score,
    penaltiesFen: ledger.filter((l) => l.amountFen < 0).reduce((n, l) => n + l.amountFen, 0),
    rewardsFen: ledger.filter((l) => l.amountFen > 0).reduce((n, l) => n + l.amountFen, 0),
    totalFen: r.total_fen,
    grade: r.grade,
    version: r.version,
    computedAt: r.computed_at,
  };
}

export type ResultRow = ReturnType<typeof row>;

export async function listResults(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { month: string; departmentId?: number; limit?: number; offset?: number },
) {
  authorize(actor, 'assessment.read');
  monthDates(query.month);
  let q = scoped(joined(ctx.db.kysely).where('r.month', '=', query.month), actor);
  if (query.departmentId !== undefined) q = q.where('e.department_id', '=', query.departmentId);
  const all = await q.orderBy('e.employee_no').execute();
  const offset = query.offset ?? 0;
  const items = all.slice(offset, offset + Math.min(query.limit ?? 200, 1000)).map(row);
  const cycle = await loadCycle(ctx, query.month);
  await audit(ctx, actor, {
    action: 'assessment.list',
    targetType: 'assessment_month',
    targetId: query.month,
    details: { returned: items.length },
  });
  return { cycle: toCycleDto(query.month, cycle, all.length), total: all.length, items };
}

/** One employee's result of a month with its score and ledger lines in words (no access check: callers do). */
export async function explainedStatement(
  db: Kysely<Database>,
  employeeId: number,
  month: string,
  locale: Locale,
) {
  const r = await joined(db)
    .where('r.month', '=', month)
    .where('r.employee_id', '=', employeeId)
    .executeTakeFirst();
  if (!r) return null;
  const score = JSON.parse(r.score_lines) as Score;
  const ledger = JSON.parse(r.ledger) as LedgerLine[];
  const summary = JSON.parse(r.summary) as Summary;
  // Each leave type by the name it is configured with; a type no longer configured keeps its code.
  const leaveTypes = await db.selectFrom('leave_types').select(['code', 'name']).execute();
  const names = new Map(leaveTypes.map((t) => [t.code, t.name]));
  return {
    ...row(r),
    month,
    leave: Object.fromEntries(
      Object.entries(summary.leave).map(([code, l]) => [code, { ...l, name: names.get(code) ?? code }]),
    ),
    scoreBase: score.base,
    scoreClampedTo: score.clampedTo,
    scoreLines: score.lines.map((l) => ({ ...l, text: explainScoreLine(l, locale) })),
    ledger: ledger.map((l) => ({ ...l, text: explainLine(l, locale), amount: money(l.amountFen) })),
    cause: r.cause,
  };
}

export type ExplainedStatement = NonNullable<Awaited<ReturnType<typeof explainedStatement>>>;

/** One employee's statement: figures, score lines and ledger lines in words, and earlier versions. */
export async function getStatement(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { employeeId?: number; month: string },
  locale: Locale,
) {
  authorize(actor, 'self.read');
  monthDates(query.month);
  const employeeId = query.employeeId ?? actor.employeeId;
  if (employeeId == null) throw notFound('employee', '-');
  const employee = await loadEmployee(ctx.db.kysely, employeeId);
  assertCanRead(actor, employee, 'assessment.read');
  const cycle = await loadCycle(ctx, query.month);
  // Employees see their month once it is published; staff see those in their scope before that (not their own,
  // unless they run the cycle).
  const staffView =
    hasPermission(actor.roles, 'assessment.read') &&
    inScope(actor, employee) &&
    (employee.id !== actor.employeeId || hasPermission(actor.roles, 'assessment.manage'));
  if (!staffView && !(cycle && isVisibleToEmployees(cycle.status))) throw notFound('statement', query.month);
  const explained = await explainedStatement(ctx.db.kysely, employee.id, query.month, locale);
  if (!explained) throw notFound('statement', query.month);
  const history = await ctx.db.kysely
    .selectFrom('assessment_result_history')
    .select(['version', 'score', 'total_fen', 'cause', 'computed_at'])
    .where('employee_id', '=', employee.id)
    .where('month', '=', query.month)
    .orderBy('version', 'desc')
    .execute();
  await audit(ctx, actor, {
    action: 'assessment.statement',
    targetType: 'employee',
    targetId: employee.id,
    details: { month: query.month },
  });
  return {
    ...explained,
    cycle: toCycleDto(query.month, cycle),
    history: history.map((h) => ({
      version: h.version,
      score: h.score,
      totalFen: h.total_fen,
      cause: h.cause,
      computedAt: h.computed_at,
    })),
  };
}

/** The months of my own published statements, newest first. */
export async function myStatements(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'self.read');
  if (actor.employeeId === null) return [];
  const rows = await ctx.db.kysely
    .selectFrom('assessment_results as r')
    .innerJoin('assessment_cycles as c', 'c.month', 'r.month')
    .select(['r.month', 'r.score', 'r.total_fen', 'r.version', 'c.status', 'c.appeal_until'])
    .where('r.employee_id', '=', actor.employeeId)
    .where('c.status', 'in', ['published', 'closed'])
    .orderBy('r.month', 'desc')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    score: r.score,
    totalFen: r.total_fen,
    version: r.version,
    status: r.status,
    appealUntil: r.appeal_until,
  }));
}

/** The public list of a published month (公示): everyone may read it; names masked when the setting says so. */
export async function publication(ctx: ServiceContext, actor: Actor | null, month: string) {
  authorize(actor, 'self.read');
  monthDates(month);
  const cycle = await loadCycle(ctx, month);
  if (!cycle || !isVisibleToEmployees(cycle.status)) throw notFound('publication', month);
  const settings = await readAssessmentSettings(ctx.db.kysely);
  const rows = (
    await joined(ctx.db.kysely).where('r.month', '=', month).orderBy('e.employee_no').execute()
  ).map(row);
  return {
    cycle: toCycleDto(month, cycle, rows.length),
    masked: settings.maskNames,
    items: rows.map((r) => ({
      name: settings.maskNames ? maskName(r.name) : r.name,
      departmentName: r.departmentName,
      attendanceRate: r.attendanceRate,
      lateCount: r.lateCount,
      earlyLeaveCount: r.earlyLeaveCount,
      absentDays: r.absentDays,
      missingPunches: r.missingPunches,
      score: r.score,
      penaltiesFen: r.penaltiesFen,
      rewardsFen: r.rewardsFen,
      totalFen: r.totalFen,
    })),
  };
}

/** Months that can be shown on the public list, newest first. */
export async function publishedMonths(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'self.read');
  const rows = await ctx.db.kysely
    .selectFrom('assessment_cycles')
    .select(['month', 'status', 'published_at', 'appeal_until'])
    .where('status', 'in', ['published', 'closed'])
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    status: r.status,
    publishedAt: r.published_at,
    appealUntil: r.appeal_until,
  }));
}

const ASSESSMENT_HEADER = {
  en: [
    'Employee no.',
    'Name',
    'Department',
    'Days scheduled',
    'Days attended',
    'Attendance rate %',
    'Lates',
    'Late min',
    'Early leaves',
    'Early-leave min',
    'Absent days',
    'Missing punches',
    'Leave days',
    'Score',
    'Rewards/penalties (CNY)',
    'Leave by type (days)',
  ],
  'zh-CN': [
    '工号',
    '姓名',
    '部门',
    '应出勤天数',
    '实际出勤天数',
    '出勤率%',
    '迟到次数',
    '迟到分钟',
    '早退次数',
    '早退分钟',
    '旷工天数',
    '缺卡次数',
    '请假天数',
    '考核得分',
    '奖惩合计（元）',
    '各类请假（天）',
  ],
};
const LEDGER_HEADER = {
  en: ['Employee no.', 'Name', 'Department', 'Date', 'Rule', 'Kind', 'Amount (CNY)', 'Explanation'],
  'zh-CN': ['工号', '姓名', '部门', '日期', '规则', '类别', '金额（元）', '说明'],
};

/** XLSX or CSV of a month: 'assessment' (one row per employee, for performance reviews) or 'ledger' (payroll). */
export async function exportMonth(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { month: string; kind: 'assessment' | 'ledger'; format: 'csv' | 'xlsx' },
  locale: Locale,
) {
  authorize(actor, 'assessment.read');
  monthDates(query.month);
  const rows = await scoped(joined(ctx.db.kysely).where('r.month', '=', query.month), actor)
    .orderBy('e.employee_no')
    .execute();
  let header: string[];
  let data: (string | number | null)[][];
  if (query.kind === 'assessment') {
    header = ASSESSMENT_HEADER[locale];
    data = rows.map((r) => {
      const x = row(r);
      return [
        x.employeeNo,
        x.name,
        x.departmentName,
        x.daysScheduled,
        x.daysAttended,
        x.attendanceRate === null ? null : Math.round(x.attendanceRate * 10000) / 100,
        x.lateCount,
        x.lateMinutes,
        x.earlyLeaveCount,
        x.earlyLeaveMinutes,
        x.absentDays,
        x.missingPunches,
        x.leaveDays,
        x.score,
        x.totalFen / 100,
        Object.entries((JSON.parse(r.summary) as Summary).leave)
          .map(([type, l]) => `${type} ${l.days}`)
          .join('; '),
      ];
    });
  } else {
    header = LEDGER_HEADER[locale];
    data = rows.flatMap((r) =>
      (JSON.parse(r.ledger) as LedgerLine[]).map((l) => [
        r.employee_no,
        r.name,
        r.department_name,
        l.date ?? query.month,
        l.ruleName || l.ruleId || '',
        l.kind,
        l.amountFen / 100,
        explainLine(l, locale),
      ]),
    );
  }
  await audit(ctx, actor, {
    action: 'assessment.export',
    targetType: 'assessment_month',
    targetId: query.month,
    details: { kind: query.kind, format: query.format, rows: data.length },
  });
  const moneyColumn = query.kind === 'ledger' ? 6 : 14;
  const fileName = `${query.kind}-${query.month}.${query.format}`;
  if (query.format === 'csv') {
    const bytes = await writeTable(
      {
        header,
        rows: data.map((r) =>
          r.map((c, i) => (c === null ? '' : i === moneyColumn ? Number(c).toFixed(2) : String(c))),
        ),
      },
      'csv',
    );
    return { fileName, contentType: 'text/csv; charset=utf-8', bytes };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(query.kind === 'ledger' ? 'Ledger' : 'Assessment');
  sheet.addRow(header).font = { bold: true };
  for (const r of data) sheet.addRow(r);
  sheet.columns.forEach((c) => {
    c.width = 16;
  });
  return {
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
