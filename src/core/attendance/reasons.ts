// Reasons: every figure of a DayResult carries the rule, setting and punch that produced it, as a code
// with parameters. The message templates (en, zh-CN) live here too, so the console and the CLI render
// the same sentence: "late 12 min: punch 09:12, shift starts 09:00, grace 0".

export type Figure =
  | 'day'
  | 'schedule'
  | 'scheduled'
  | 'punches'
  | 'worked'
  | 'late'
  | 'earlyLeave'
  | 'missing'
  | 'absent'
  | 'leave'
  | 'businessTrip'
  | 'fieldWork'
  | 'overtime';

export type Locale = 'en' | 'zh-CN';

export const MESSAGES = {
  dayType: {
    en: '{dayType} {name} (from {source})',
    'zh-CN': '{dayType} {name}（依据：{source}）',
  },
  shiftAssigned: {
    en: 'shift {shift} ({kind}) from {source}',
    'zh-CN': '班次 {shift}（{kind}），来自{source}',
  },
  noShift: { en: 'no shift: {dayType}', 'zh-CN': '无班次：{dayType}' },
  outOfScope: {
    en: 'not evaluated: no attendance group for this date',
    'zh-CN': '不计算：该日期不在任何考勤组',
  },
  scheduled: {
    en: 'scheduled {minutes} min: shift {shift} {start}–{end}, breaks {breakMinutes} min',
    'zh-CN': '应出勤 {minutes} 分钟：班次 {shift} {start}–{end}，休息 {breakMinutes} 分钟',
  },
  punchIn: {
    en: 'in: punch {punch} (check-in window {from}–{to})',
    'zh-CN': '上班卡：{punch}（上班打卡时段 {from}–{to}）',
  },
  punchOut: {
    en: 'out: punch {punch} (check-out window {from}–{to})',
    'zh-CN': '下班卡：{punch}（下班打卡时段 {from}–{to}）',
  },
  duplicatePunch: {
    en: 'punch {punch} ignored: within {within} min of punch {kept}',
    'zh-CN': '打卡 {punch} 已忽略：距打卡 {kept} 不超过 {within} 分钟（重复打卡）',
  },
  punchOutsideWindow: {
    en: 'punch {punch} not used: outside the check-in window {inFrom}–{inTo} and the check-out window {outFrom}–{outTo}',
    'zh-CN': '打卡 {punch} 未采用：不在上班打卡时段 {inFrom}–{inTo} 或下班打卡时段 {outFrom}–{outTo} 内',
  },
  punchCorrected: {
    en: 'punch {punch} added by approved punch correction {request}',
    'zh-CN': '打卡 {punch} 由已批准的补卡申请 {request} 补录',
  },
  worked: {
    en: 'worked {minutes} min: {from}–{to}, less {breakMinutes} min of breaks',
    'zh-CN': '实际工作 {minutes} 分钟：{from}–{to}，扣除休息 {breakMinutes} 分钟',
  },
  late: {
    en: 'late {minutes} min: punch {punch}, shift starts {shiftStart}, grace {grace}',
    'zh-CN': '迟到 {minutes} 分钟：打卡 {punch}，上班时间 {shiftStart}，宽限 {grace} 分钟',
  },
  lateFlexible: {
    en: 'late {minutes} min: punch {punch}, latest start {latestStart}, grace {grace}',
    'zh-CN': '迟到 {minutes} 分钟：打卡 {punch}，最晚上班时间 {latestStart}，宽限 {grace} 分钟',
  },
  lateCore: {
    en: 'late {minutes} min: punch {punch}, core hours start {coreStart}, grace {grace}',
    'zh-CN': '迟到 {minutes} 分钟：打卡 {punch}，核心时段开始 {coreStart}，宽限 {grace} 分钟',
  },
  lateWithinGrace: {
    en: 'not late: punch {punch} is {minutes} min after {shiftStart}{latestStart}{coreStart}, within the grace of {grace} min',
    'zh-CN':
      '不算迟到：打卡 {punch} 晚于 {shiftStart}{latestStart}{coreStart} {minutes} 分钟，在 {grace} 分钟宽限内',
  },
  lateAsAbsence: {
    en: 'absent {absence}: punch {punch} is {minutes} min after {start}, over {threshold} min also counts as absence',
    'zh-CN': '旷工{absence}：打卡 {punch} 晚于 {start} {minutes} 分钟，超过 {threshold} 分钟同时按旷工计',
  },
  earlyLeave: {
    en: 'left early {minutes} min: punch {punch}, shift ends {shiftEnd}, grace {grace}',
    'zh-CN': '早退 {minutes} 分钟：打卡 {punch}，下班时间 {shiftEnd}，宽限 {grace} 分钟',
  },
  earlyLeaveFlexible: {
    en: 'left early {minutes} min: punch {punch}, {required} min of work end at {expectedEnd}, grace {grace}',
    'zh-CN': '早退 {minutes} 分钟：打卡 {punch}，应工作 {required} 分钟至 {expectedEnd}，宽限 {grace} 分钟',
  },
  earlyLeaveCore: {
    en: 'left early {minutes} min: punch {punch}, core hours end {coreEnd}, grace {grace}',
    'zh-CN': '早退 {minutes} 分钟：打卡 {punch}，核心时段结束 {coreEnd}，宽限 {grace} 分钟',
  },
  earlyLeaveWithinGrace: {
    en: 'not early: punch {punch} is {minutes} min before {end}, within the grace of {grace} min',
    'zh-CN': '不算早退：打卡 {punch} 早于 {end} {minutes} 分钟，在 {grace} 分钟宽限内',
  },
  earlyLeaveAsAbsence: {
    en: 'absent {absence}: punch {punch} is {minutes} min before {end}, over {threshold} min also counts as absence',
    'zh-CN': '旷工{absence}：打卡 {punch} 早于 {end} {minutes} 分钟，超过 {threshold} 分钟同时按旷工计',
  },
  missingIn: {
    en: 'missing check-in (expected by {expected}); a missing punch counts as: {meaning}',
    'zh-CN': '上班缺卡（应于 {expected} 前打卡）；缺卡按：{meaning}',
  },
  missingOut: {
    en: 'missing check-out (expected from {expected}); a missing punch counts as: {meaning}',
    'zh-CN': '下班缺卡（应于 {expected} 后打卡）；缺卡按：{meaning}',
  },
  missingPunchAsAbsence: {
    en: 'absent {absence}: the rule counts {which} as absence',
    'zh-CN': '旷工{absence}：规则规定{which}按旷工计',
  },
  missingPunchAsLate: {
    en: '{which} counts as {minutes} min late or early by rule',
    'zh-CN': '{which}按规则计为迟到/早退 {minutes} 分钟',
  },
  unpairedPunch: {
    en: 'punch {punch} has no matching out punch; its time is not counted',
    'zh-CN': '打卡 {punch} 没有对应的下班卡，不计工时',
  },
  absentNoPunches: {
    en: 'absent {absence}: no punch for the required time {from}–{to}',
    'zh-CN': '旷工{absence}：{from}–{to} 应出勤时段没有打卡',
  },
  absenceCapped: {
    en: 'absence limited to the {requiredHalves} half-day(s) still required ({requiredMinutes} min) after leave and trips',
    'zh-CN': '旷工以扣除请假、出差后仍需出勤的 {requiredHalves} 个半天（{requiredMinutes} 分钟）为限',
  },
  absenceLimitedByRequests: {
    en: 'absence {absence} (not {computed}): approved leave, trips and field work never make a day more absent than without them',
    'zh-CN': '旷工按{absence}计（而非{computed}）：已批准的请假、出差、外勤不会使旷工多于未申请时',
  },
  leave: {
    en: 'leave {type} {minutes} min ({from}–{to}, request {request}), paid: {paid}, takes {amount} {unit}',
    'zh-CN': '请假 {type} {minutes} 分钟（{from}–{to}，申请 {request}），带薪：{paid}，扣减 {amount} {unit}',
  },
  leaveOnDayOff: {
    en: 'leave {type} (request {request}) covers no scheduled time on this day',
    'zh-CN': '请假 {type}（申请 {request}）当天不占用排班时间',
  },
  businessTrip: {
    en: 'business trip {minutes} min ({from}–{to}, request {request}) counts as attendance',
    'zh-CN': '出差 {minutes} 分钟（{from}–{to}，申请 {request}），视为出勤',
  },
  fieldWork: {
    en: 'field work {minutes} min ({from}–{to}, request {request}) counts as attendance',
    'zh-CN': '外勤 {minutes} 分钟（{from}–{to}，申请 {request}），视为出勤',
  },
  overtimeAfterShift: {
    en: 'overtime {minutes} min after the shift: {from}–{to} (shift ends {shiftEnd}, counts from {startsAfter} min after)',
    'zh-CN': '下班后加班 {minutes} 分钟：{from}–{to}（下班 {shiftEnd}，下班 {startsAfter} 分钟后起算）',
  },
  overtimeBeforeShift: {
    en: 'overtime {minutes} min before the shift: {from}–{to}',
    'zh-CN': '上班前加班 {minutes} 分钟：{from}–{to}',
  },
  overtimeRestDay: {
    en: 'rest-day work {minutes} min: {from}–{to}',
    'zh-CN': '休息日工作 {minutes} 分钟：{from}–{to}',
  },
  overtimeHoliday: {
    en: 'statutory-holiday work {minutes} min: {from}–{to}',
    'zh-CN': '法定节假日工作 {minutes} 分钟：{from}–{to}',
  },
  overtimeFreeSchedule: {
    en: 'overtime {minutes} min: worked {worked} min, {required} min required',
    'zh-CN': '加班 {minutes} 分钟：工作 {worked} 分钟，应工作 {required} 分钟',
  },
  overtimeRequested: {
    en: 'overtime {minutes} min from approved request {request}: {from}–{to}',
    'zh-CN': '加班 {minutes} 分钟，依据已批准的加班申请 {request}：{from}–{to}',
  },
  overtimeRequestedAndWorked: {
    en: 'overtime {minutes} min requested ({request}) and worked: {from}–{to}',
    'zh-CN': '加班 {minutes} 分钟，已申请（{request}）且有打卡：{from}–{to}',
  },
  overtimeWithoutRequest: {
    en: '{minutes} min worked beyond the schedule are not overtime: the rule counts {source}',
    'zh-CN': '超出排班的 {minutes} 分钟不计加班：规则按{source}计算加班',
  },
  overtimeBelowMinimum: {
    en: 'overtime {minutes} min not counted: below the minimum of {minimum} min',
    'zh-CN': '加班 {minutes} 分钟不计：不足起算时长 {minimum} 分钟',
  },
  overtimeRounded: {
    en: 'overtime rounded {mode} from {before} to {after} min (steps of {step} min)',
    'zh-CN': '加班时长按 {step} 分钟{mode}取整：{before} → {after} 分钟',
  },
  overtimePaid: {
    en: '{kind} overtime {minutes} min paid at {percent}% ({setting})',
    'zh-CN': '{kind}加班 {minutes} 分钟，按 {percent}% 支付加班费（{setting}）',
  },
  overtimeToTimeOff: {
    en: '{kind} overtime {minutes} min turned into time off in lieu ({setting})',
    'zh-CN': '{kind}加班 {minutes} 分钟，转为调休（{setting}）',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type ReasonCode = keyof typeof MESSAGES;

export interface Reason {
  code: ReasonCode;
  /** The figure of the DayResult this reason explains. */
  figure: Figure;
  params: Record<string, string | number>;
}

/** Words for parameter values, so a rendered sentence reads in one language. */
export const VALUE_LABELS: Record<Locale, Record<string, string>> = {
  en: {
    workday: 'workday',
    restDay: 'rest day',
    statutoryHoliday: 'statutory holiday',
    holiday: 'statutory holiday',
    calendar: 'the holiday calendar',
    weekend: 'the weekly rest days',
    weekday: 'a weekday',
    companyDayOff: 'a company day off',
    roster: 'the roster',
    given: 'the input',
    weekly: 'the weekly schedule',
    rotating: 'the rotating roster',
    override: 'a schedule override',
    makeUpWorkday: 'the make-up workday shift',
    fixed: 'fixed',
    flexible: 'flexible',
    free: 'free schedule',
    full: 'full day',
    half: 'half day',
    missing: 'a missing punch only',
    halfDayAbsent: 'half a day absent',
    fullDayAbsent: 'a full day absent',
    late: 'late',
    missingIn: 'a missing check-in',
    missingOut: 'a missing check-out',
    yes: 'yes',
    no: 'no',
    day: 'day(s)',
    halfDay: 'day(s)',
    hour: 'hour(s)',
    down: 'down',
    up: 'up',
    nearest: 'to nearest',
    punches: 'punches only',
    requests: 'approved requests only',
    both: 'approved requests that were also worked',
    art44Workday: 'Labour Law art. 44, workday',
    art44Holiday: 'Labour Law art. 44, statutory holiday',
    request: 'as the request asks',
    restDayOvertime: 'rule restDayOvertime',
  },
  'zh-CN': {
    workday: '工作日',
    restDay: '休息日',
    statutoryHoliday: '法定节假日',
    holiday: '法定节假日',
    calendar: '节假日日历',
    weekend: '每周休息日',
    weekday: '平日',
    companyDayOff: '公司假日',
    roster: '排班',
    given: '输入',
    weekly: '每周排班',
    rotating: '轮班',
    override: '排班调整',
    makeUpWorkday: '调休上班班次',
    fixed: '固定班',
    flexible: '弹性班',
    free: '自由工时',
    full: '一天',
    half: '半天',
    missing: '仅记缺卡',
    halfDayAbsent: '旷工半天',
    fullDayAbsent: '旷工一天',
    late: '迟到',
    missingIn: '上班缺卡',
    missingOut: '下班缺卡',
    yes: '是',
    no: '否',
    day: '天',
    halfDay: '天',
    hour: '小时',
    down: '向下',
    up: '向上',
    nearest: '四舍五入',
    punches: '打卡时长',
    requests: '审批单时长',
    both: '审批单且有打卡的时长',
    art44Workday: '《劳动法》第四十四条，工作日',
    art44Holiday: '《劳动法》第四十四条，法定节假日',
    request: '按加班申请',
    restDayOvertime: '规则 restDayOvertime',
  },
};

const VALUE_PARAMS = new Set([
  'dayType',
  'source',
  'kind',
  'absence',
  'meaning',
  'which',
  'paid',
  'unit',
  'mode',
  'setting',
]);

/** Render a reason as a sentence in the given locale. */
export function renderReason(reason: Reason, locale: Locale = 'en'): string {
  const template: string = MESSAGES[reason.code]?.[locale] ?? reason.code;
  const labels = VALUE_LABELS[locale];
  const text = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = reason.params[key];
    if (value === undefined) return '';
    const s = String(value);
    return VALUE_PARAMS.has(key) ? (labels[s] ?? s) : s;
  });
  return text.replace(/\s+\)/g, ')').replace(/\s+（/g, '（').replace(/ {2,}/g, ' ').trim();
}
