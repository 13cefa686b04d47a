// The words of an alert, in both console languages, for notices, e-mails and chat messages. The console renders
// its own from the kind and details; this is the text that leaves the console.
import type { AnomalyKind, Severity } from './types.js';

export interface Text {
  en: string;
  'zh-CN': string;
}

export interface AlertSubject {
  kind: AnomalyKind | string;
  severity: Severity;
  details: Record<string, unknown>;
  employeeName: string | null;
  deviceName: string | null;
}

const KIND_TITLES: Record<AnomalyKind, Text> = {
  unusual_time: { en: 'Punch at an unusual time', 'zh-CN': '打卡时间异常' },
  site_hopping: { en: 'Frequent change of punch place', 'zh-CN': '频繁变换打卡地点' },
  impossible_travel: { en: 'Impossible travel between punches', 'zh-CN': '打卡地点间不可能的移动' },
  device_failures: { en: 'Repeated recognition failures at a device', 'zh-CN': '设备连续识别失败' },
  spoof_suspected: { en: 'Spoofing suspected at a device', 'zh-CN': '设备疑似遭遇假体攻击' },
  challenge_failed: { en: 'Liveness challenge failed', 'zh-CN': '活体动作校验失败' },
  low_margin: { en: 'Low-margin face match', 'zh-CN': '人脸比对区分度过低' },
  punch_on_leave: { en: 'Punch during leave or a business trip', 'zh-CN': '请假或出差期间打卡' },
  punch_terminated: { en: 'Punch by a former employee', 'zh-CN': '离职人员打卡' },
  non_face_person: { en: 'Many non-face punches by one person', 'zh-CN': '个人非刷脸打卡过多' },
  non_face_device: {
    en: 'Several people punching without a face at one device',
    'zh-CN': '多人在同一设备非刷脸打卡',
  },
  device_clock: { en: 'Device clock far off', 'zh-CN': '设备时钟偏差过大' },
  device_offline: { en: 'Device offline during working hours', 'zh-CN': '设备在工作时间离线' },
};

const SEVERITY: Record<Severity, Text> = {
  info: { en: 'Info', 'zh-CN': '提示' },
  warning: { en: 'Warning', 'zh-CN': '警告' },
  critical: { en: 'Critical', 'zh-CN': '严重' },
};

export function kindTitle(kind: string): Text {
  return KIND_TITLES[kind as AnomalyKind] ?? { en: kind, 'zh-CN': kind };
}

function detailLine(kind: string, d: Record<string, unknown>): Text | null {
  switch (kind) {
    case 'unusual_time':
      return {
        en: `Punched at ${d.localTime}; usually about ${d.usualTime} (${d.days} days).`,
        'zh-CN': `打卡时间 ${d.localTime}，通常约为 ${d.usualTime}（近 ${d.days} 天）。`,
      };
    case 'site_hopping':
      return {
        en: `${d.places} different places within ${d.periodHours} hours.`,
        'zh-CN': `${d.periodHours} 小时内在 ${d.places} 个不同地点打卡。`,
      };
    case 'impossible_travel':
      return {
        en: `${d.fromSite} → ${d.toSite}: ${d.distanceKm} km in ${d.minutes} minutes.`,
        'zh-CN': `${d.fromSite} → ${d.toSite}：${d.minutes} 分钟内移动 ${d.distanceKm} 公里。`,
      };
    case 'device_failures':
    case 'spoof_suspected':
      return {
        en: `${d.count} refused attempts within ${d.windowMinutes} minutes.`,
        'zh-CN': `${d.windowMinutes} 分钟内 ${d.count} 次被拒绝的尝试。`,
      };
    case 'low_margin':
      return {
        en: `Lead over the next employee: ${d.margin} (alert below ${d.limit}).`,
        'zh-CN': `与次相似员工的分差：${d.margin}（低于 ${d.limit} 时告警）。`,
      };
    case 'punch_on_leave':
      return {
        en: `Punched on ${d.date}, inside an approved ${d.requestKind === 'businessTrip' ? 'business trip' : 'leave'}.`,
        'zh-CN': `${d.date} 打卡，处于已批准的${d.requestKind === 'businessTrip' ? '出差' : '请假'}期间。`,
      };
    case 'punch_terminated':
      return {
        en: `Punched on ${d.date}; left on ${d.terminationDate ?? '—'}.`,
        'zh-CN': `${d.date} 打卡；离职日期 ${d.terminationDate ?? '—'}。`,
      };
    case 'non_face_person':
      return {
        en: `${d.count} PIN or QR punches within ${d.periodDays} days. Only people expected to punch by face are counted: a face enrolled, consent in force and face punching rolled out to them; for everyone else PIN or QR is the offered way to punch.`,
        'zh-CN': `${d.periodDays} 天内 ${d.count} 次密码或二维码打卡。仅统计应刷脸打卡的人员（已录入人脸、同意有效且所在部门已实施刷脸考勤）；其他人员以密码或二维码打卡是提供给他们的替代方式，不计入。`,
      };
    case 'non_face_device':
      return {
        en: `${d.people} people punched by PIN or QR within ${d.windowMinutes} minutes.`,
        'zh-CN': `${d.windowMinutes} 分钟内 ${d.people} 人以密码或二维码打卡。`,
      };
    case 'device_clock':
      return {
        en: `The device clock is off by ${d.offsetSeconds} seconds.`,
        'zh-CN': `设备时钟偏差 ${d.offsetSeconds} 秒。`,
      };
    case 'device_offline':
      return { en: `Last seen ${d.lastSeenAt ?? 'never'}.`, 'zh-CN': `最后在线 ${d.lastSeenAt ?? '从未'}。` };
    default:
      return null;
  }
}

export function describeAlert(alert: AlertSubject): { title: Text; body: Text } {
  const kind = kindTitle(alert.kind);
  const sev = SEVERITY[alert.severity];
  const who = [alert.employeeName, alert.deviceName].filter(Boolean).join(' · ');
  const line = detailLine(alert.kind, alert.details);
  return {
    title: {
      en: `[${sev.en}] ${kind.en}${who ? ` — ${who}` : ''}`,
      'zh-CN': `【${sev['zh-CN']}】${kind['zh-CN']}${who ? ` — ${who}` : ''}`,
    },
    body: {
      en: line?.en ?? kind.en,
      'zh-CN': line?.['zh-CN'] ?? kind['zh-CN'],
    },
  };
}
