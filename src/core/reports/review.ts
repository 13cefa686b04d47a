import { col, type Label, type ReportColumn } from './table.js';

// The monthly data review (月度数据核对): what in a month's records did not come from a clean face punch and
// so deserves a human look before the month is closed.

export type ReviewKind = 'manualDay' | 'correction' | 'nonFacePunch' | 'lowMargin';

export const REVIEW_KINDS: readonly ReviewKind[] = ['manualDay', 'correction', 'nonFacePunch', 'lowMargin'];

/** A face punch whose best match beat the runner-up by less than this is listed for review. */
export const DEFAULT_LOW_MARGIN = 0.03;

export function isNonFace(method: string): boolean {
  return method !== 'face';
}

export function isLowMargin(method: string, margin: number | null, below: number): boolean {
  return method === 'face' && margin !== null && margin < below;
}

/** Day results recomputed because of a hand-entered change carry a cause naming it. */
export function isManualCause(cause: string): boolean {
  return /^manual punch/i.test(cause) || /edited by hand/i.test(cause);
}

export type ReviewCounts = Record<ReviewKind, number>;

export function countByKind(items: Iterable<{ kind: ReviewKind }>): ReviewCounts {
  const counts: ReviewCounts = { manualDay: 0, correction: 0, nonFacePunch: 0, lowMargin: 0 };
  for (const i of items) counts[i.kind]++;
  return counts;
}

export const REVIEW_KIND_LABELS: Record<ReviewKind, Label> = {
  manualDay: { en: 'Day edited by hand', 'zh-CN': '手工修改的日期' },
  correction: { en: 'Punch correction', 'zh-CN': '补卡' },
  nonFacePunch: { en: 'Non-face punch', 'zh-CN': '非刷脸打卡' },
  lowMargin: { en: 'Low match margin', 'zh-CN': '低匹配差值' },
};

const METHOD_LABELS: Record<string, Label> = {
  face: { en: 'Face', 'zh-CN': '刷脸' },
  pin: { en: 'PIN', 'zh-CN': 'PIN 码' },
  qr: { en: 'QR code', 'zh-CN': '二维码' },
  manual: { en: 'Entered by HR', 'zh-CN': 'HR 录入' },
  import: { en: 'Imported', 'zh-CN': '导入' },
};

export const reviewColumns: ReportColumn[] = [
  { ...col('kind', 'What', '类别'), codes: REVIEW_KIND_LABELS },
  col('date', 'Date', '日期'),
  col('employeeNo', 'Employee No.', '工号'),
  col('name', 'Name', '姓名'),
  col('department', 'Department', '部门'),
  col('at', 'Punch time (UTC)', '打卡时间（UTC）'),
  { ...col('method', 'Method', '方式'), codes: METHOD_LABELS },
  col('matchMargin', 'Match margin', '匹配差值'),
  col('detail', 'Detail', '说明'),
];

export const reviewTitle: Label = { en: 'Monthly data review', 'zh-CN': '月度数据核对' };
