// Ledger and score lines in words, in English and Simplified Chinese.
import type { Metric, ScoreLine } from './formula.js';
import type { LedgerLine, LineCode } from './ledger.js';

export type Locale = 'en' | 'zh-CN';

const lineTexts: Record<LineCode, { en: string; zh: string }> = {
  'late.free': {
    en: 'Late {minutes} min: free ({n} of {free} lates of up to {max} min)',
    zh: '迟到 {minutes} 分钟：免罚（{max} 分钟以内每月 {free} 次，第 {n} 次）',
  },
  'late.charged': {
    en: 'Late {minutes} min: beyond the {free} free lates, −{amount}',
    zh: '迟到 {minutes} 分钟：超出每月 {free} 次免罚，罚款 {amount}',
  },
  'late.overMax': {
    en: 'Late {minutes} min: more than {max} min, −{amount}',
    zh: '迟到 {minutes} 分钟：超过 {max} 分钟，罚款 {amount}',
  },
  'earlyLeave.free': {
    en: 'Early leave {minutes} min: free ({n} of {free} of up to {max} min)',
    zh: '早退 {minutes} 分钟：免罚（{max} 分钟以内每月 {free} 次，第 {n} 次）',
  },
  'earlyLeave.charged': {
    en: 'Early leave {minutes} min: beyond the {free} free ones, −{amount}',
    zh: '早退 {minutes} 分钟：超出每月 {free} 次免罚，罚款 {amount}',
  },
  'earlyLeave.overMax': {
    en: 'Early leave {minutes} min: more than {max} min, −{amount}',
    zh: '早退 {minutes} 分钟：超过 {max} 分钟，罚款 {amount}',
  },
  'absence.full': {
    en: 'Absent all day: a day’s pay of grade {grade} ({dayPay}), −{amount}',
    zh: '旷工一天：按职级 {grade} 日薪 {dayPay} 扣款 {amount}',
  },
  'absence.half': {
    en: 'Absent half a day: half a day’s pay of grade {grade} ({dayPay}), −{amount}',
    zh: '旷工半天：按职级 {grade} 日薪 {dayPay} 的一半扣款 {amount}',
  },
  'missingPunch.free': {
    en: 'Missing punch: free ({n} of {free})',
    zh: '缺卡：免罚（每月 {free} 次，第 {n} 次）',
  },
  'missingPunch.charged': {
    en: 'Missing punch: beyond the {free} free ones, −{amount}',
    zh: '缺卡：超出每月 {free} 次免罚，扣款 {amount}',
  },
  'fullAttendance.granted': {
    en: 'Full attendance: no late, early leave, absence or missing punch, leave at most {maxLeave} days, +{amount}',
    zh: '全勤奖：无迟到、早退、旷工、缺卡，请假不超过 {maxLeave} 天，奖励 {amount}',
  },
  'fullAttendance.withheld': {
    en: 'Full attendance bonus ({amount}) not granted: {why}',
    zh: '未获全勤奖（{amount}）：{why}',
  },
  adjustment: {
    en: 'Adjustment after appeal #{appealId}: {amount} ({note})',
    zh: '申诉 #{appealId} 调整：{amount}（{note}）',
  },
};

const whyWords: Record<string, string> = {
  late: '迟到',
  earlyLeave: '早退',
  absent: '旷工',
  missingPunch: '缺卡',
  leave: '请假',
};

const metricNames: Record<Metric, { en: string; zh: string; unit: { en: string; zh: string } }> = {
  lateCount: { en: 'Lates', zh: '迟到次数', unit: { en: '', zh: '次' } },
  lateMinutes: { en: 'Late minutes', zh: '迟到分钟', unit: { en: ' min', zh: ' 分钟' } },
  earlyLeaveCount: { en: 'Early leaves', zh: '早退次数', unit: { en: '', zh: '次' } },
  earlyLeaveMinutes: { en: 'Early-leave minutes', zh: '早退分钟', unit: { en: ' min', zh: ' 分钟' } },
  absentDays: { en: 'Absent days', zh: '旷工天数', unit: { en: ' d', zh: ' 天' } },
  missingPunches: { en: 'Missing punches', zh: '缺卡次数', unit: { en: '', zh: '次' } },
  leaveDays: { en: 'Leave days', zh: '请假天数', unit: { en: ' d', zh: ' 天' } },
  attendanceRatePercent: { en: 'Attendance rate', zh: '出勤率', unit: { en: '%', zh: '%' } },
  fullAttendance: { en: 'Full attendance', zh: '全勤', unit: { en: '', zh: '' } },
};

function fill(template: string, params: Record<string, string | number>) {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

export function explainLine(line: LedgerLine, locale: Locale): string {
  const t = lineTexts[line.code];
  let params = line.params;
  if (locale === 'zh-CN' && line.code === 'fullAttendance.withheld') {
    const why = String(line.params.why)
      .split(', ')
      .map((w) => {
        const [k, n] = w.split('×');
        return `${whyWords[k] ?? k} ${n}`;
      })
      .join('，');
    params = { ...params, why };
  }
  const text = fill(locale === 'zh-CN' ? t.zh : t.en, params);
  return line.ruleName ? `${line.ruleName} · ${text}` : text;
}

export function explainScoreLine(line: ScoreLine, locale: Locale): string {
  const m = metricNames[line.metric];
  const zh = locale === 'zh-CN';
  const sign = line.points > 0 ? '+' : '';
  const cap = line.capped ? (zh ? `（封顶，原为 ${line.raw}）` : ` (capped from ${line.raw})`) : '';
  return `${zh ? m.zh : m.en} ${line.value}${zh ? m.unit.zh : m.unit.en} × ${line.pointsPerUnit} = ${sign}${line.points}${cap}`;
}
