// The monthly statement as a PDF (zh-CN or en): the employee's figures, the score with its lines and the ledger of
// rewards and penalties, each line explained. Downloaded from /me/statements and attached to the statement e-mail.
import type { Locale } from '../../core/assessment/explain.js';
import { money } from '../../core/assessment/ledger.js';
import { AppError } from '../../core/errors.js';
import type { Actor } from '../actor.js';
import type { ServiceContext } from '../context.js';
import type { MailAttachment } from '../notify/index.js';
import { createPdf, findCjkFont } from '../pdf/index.js';
import { type ExplainedStatement, explainedStatement, getStatement } from './statements.service.js';

const WORDS = {
  en: {
    title: (month: string) => `Attendance statement ${month}`,
    employee: 'Employee',
    employeeNo: 'Employee no.',
    department: 'Department',
    figures: 'Attendance',
    item: 'Item',
    value: 'Value',
    daysScheduled: 'Days scheduled',
    daysAttended: 'Days attended',
    attendanceRate: 'Attendance rate',
    lates: 'Lates (minutes)',
    earlyLeaves: 'Early leaves (minutes)',
    absentDays: 'Absent days',
    missingPunches: 'Missing punches',
    leaveDays: 'Leave days',
    leaveOf: (type: string) => `Leave: ${type} (days)`,
    score: 'Score',
    scoreLine: (score: number, base: number) => `Score ${score} (base ${base})`,
    clamped: (to: string) => `limited to the ${to}`,
    line: 'Line',
    points: 'Points',
    ledger: 'Rewards and penalties',
    date: 'Date',
    rule: 'Rule',
    explanation: 'Explanation',
    amount: 'Amount (CNY)',
    total: 'Total',
    noLines: 'No rewards or penalties this month.',
    version: (v: number, at: string) => `Version ${v}, computed ${at.slice(0, 16).replace('T', ' ')} UTC.`,
    appeal: (date: string) => `You may appeal until ${date} in FaceClock (My statements).`,
  },
  'zh-CN': {
    title: (month: string) => `${month} 考勤考核结果单`,
    employee: '姓名',
    employeeNo: '工号',
    department: '部门',
    figures: '出勤情况',
    item: '项目',
    value: '数值',
    daysScheduled: '应出勤天数',
    daysAttended: '实际出勤天数',
    attendanceRate: '出勤率',
    lates: '迟到次数（分钟）',
    earlyLeaves: '早退次数（分钟）',
    absentDays: '旷工天数',
    missingPunches: '缺卡次数',
    leaveDays: '请假天数',
    leaveOf: (type: string) => `请假：${type}（天）`,
    score: '考核得分',
    scoreLine: (score: number, base: number) => `得分 ${score}（基础分 ${base}）`,
    clamped: (to: string) => `已按${to === 'min' ? '下限' : '上限'}取值`,
    line: '项目',
    points: '分数',
    ledger: '奖惩明细',
    date: '日期',
    rule: '规则',
    explanation: '说明',
    amount: '金额（元）',
    total: '合计',
    noLines: '本月无奖惩。',
    version: (v: number, at: string) => `第 ${v} 版，计算于 ${at.slice(0, 16).replace('T', ' ')}（UTC）。`,
    appeal: (date: string) => `如有异议，请在 ${date} 前在 FaceClock「我的考核」中提出申诉。`,
  },
} as const;

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 10000) / 100}%`);

/** Renders a statement; throws AppError('pdf_font_missing', 503) without a CJK font. */
export async function renderStatementPdf(
  s: ExplainedStatement,
  locale: Locale,
  options: { appealUntil?: string | null; fontFile?: string | null } = {},
): Promise<Buffer> {
  const w = WORDS[locale];
  const pdf = createPdf({ title: w.title(s.month), language: locale, fontFile: options.fontFile });
  pdf.heading(w.title(s.month));
  const colon = locale === 'zh-CN' ? '：' : ': ';
  pdf.paragraph(
    [
      [w.employee, s.name],
      [w.employeeNo, s.employeeNo],
      [w.department, s.departmentName ?? '–'],
    ]
      .map(([label, value]) => `${label}${colon}${value}`)
      .join('    '),
  );
  pdf.heading(w.figures, 2);
  pdf.table(
    [w.item, w.value],
    [
      [w.daysScheduled, s.daysScheduled],
      [w.daysAttended, s.daysAttended],
      [w.attendanceRate, percent(s.attendanceRate)],
      [w.lates, `${s.lateCount} (${s.lateMinutes})`],
      [w.earlyLeaves, `${s.earlyLeaveCount} (${s.earlyLeaveMinutes})`],
      [w.absentDays, s.absentDays],
      [w.missingPunches, s.missingPunches],
      [w.leaveDays, s.leaveDays],
      ...Object.values(s.leave).map((l): [string, number] => [w.leaveOf(l.name), l.days]),
    ],
  );
  pdf.heading(w.score, 2);
  pdf.paragraph(
    w.scoreLine(s.score, s.scoreBase) + (s.scoreClampedTo ? `, ${w.clamped(s.scoreClampedTo)}` : ''),
  );
  if (s.scoreLines.length > 0)
    pdf.table(
      [w.line, w.points],
      s.scoreLines.map((l) => [l.text, l.points]),
    );
  pdf.heading(w.ledger, 2);
  if (s.ledger.length === 0) pdf.paragraph(w.noLines);
  else
    pdf.table(
      [w.date, w.rule, w.explanation, w.amount],
      [
        ...s.ledger.map((l) => [l.date ?? s.month, l.ruleName || l.ruleId || '', l.text, money(l.amountFen)]),
        [w.total, '', '', money(s.totalFen)],
      ],
    );
  pdf.paragraph(w.version(s.version, s.computedAt));
  if (options.appealUntil) pdf.paragraph(w.appeal(options.appealUntil));
  return pdf.toBuffer();
}

export const statementFileName = (s: { employeeNo: string; month: string }) =>
  `statement-${s.month}-${s.employeeNo.replace(/[^\w.-]+/g, '_')}.pdf`;

/** The statement PDF a user may read (the same access as the statement itself, audited there). */
export async function statementPdf(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { employeeId?: number; month: string },
  locale: Locale,
): Promise<{ fileName: string; bytes: Buffer }> {
  const s = await getStatement(ctx, actor, query, locale);
  const appealUntil = s.cycle.status === 'published' ? s.cycle.appealUntil : null;
  return { fileName: statementFileName(s), bytes: await renderStatementPdf(s, locale, { appealUntil }) };
}

/**
 * The attachments of one employee's statement e-mail, in the recipient's language. Without a CJK font (or on any
 * failure to render) the e-mail goes without it: the problem is logged and publishing goes on.
 */
export function statementAttachments(
  ctx: ServiceContext,
  employeeId: number,
  month: string,
  appealUntil: string,
  fontFile: string | null = findCjkFont(),
): (locale: Locale) => Promise<MailAttachment[]> {
  return async (locale) => {
    try {
      const s = await explainedStatement(ctx.db.kysely, employeeId, month, locale);
      if (!s) return [];
      const bytes = await renderStatementPdf(s, locale, { appealUntil, fontFile });
      return [{ filename: statementFileName(s), content: bytes, contentType: 'application/pdf' }];
    } catch (error) {
      const fontMissing = error instanceof AppError && error.code === 'pdf_font_missing';
      ctx.log.warn(
        { employeeId, month, err: fontMissing ? undefined : String(error) },
        fontMissing
          ? 'statement e-mail sent without its PDF: no CJK font is installed (install fonts-noto-cjk)'
          : 'statement e-mail sent without its PDF: the PDF could not be made',
      );
      return [];
    }
  };
}
