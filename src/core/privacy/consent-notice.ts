// The consent notice (个人信息处理告知书) that an employee reads before giving the separate biometric consent
// (单独同意, PIPL art. 29–30): what is processed, why, where it is kept, for how long, who sees it, and the
// employee's rights. Each published version is kept unchanged; a consent given to an older version needs renewal.
import { invalid } from '../errors.js';
import type { RetentionSettings } from './retention.js';

export const NOTICE_LANGUAGES = ['zh-CN', 'en'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

/** The sections of the notice, in reading order. */
export const NOTICE_SECTIONS = ['purpose', 'data', 'storage', 'retention', 'access', 'rights'] as const;
export type NoticeSection = (typeof NOTICE_SECTIONS)[number];

export interface NoticeText {
  title: string;
  purpose: string;
  data: string;
  storage: string;
  retention: string;
  access: string;
  rights: string;
}

export type NoticeContent = Record<NoticeLanguage, NoticeText>;

const MAX_SECTION = 8000;

/** Checks a notice's text: every section present in both languages, within a sane length. */
export function checkNoticeContent(content: unknown): NoticeContent {
  if (!content || typeof content !== 'object') throw invalid('content: an object with zh-CN and en');
  const out = {} as NoticeContent;
  for (const lang of NOTICE_LANGUAGES) {
    const text = (content as Record<string, unknown>)[lang];
    if (!text || typeof text !== 'object') throw invalid(`content.${lang} is missing`);
    const checked = {} as NoticeText;
    for (const field of ['title', ...NOTICE_SECTIONS] as const) {
      const value = (text as Record<string, unknown>)[field];
      if (typeof value !== 'string' || value.trim() === '')
        throw invalid(`content.${lang}.${field} must not be empty`);
      if (value.length > MAX_SECTION)
        throw invalid(`content.${lang}.${field}: at most ${MAX_SECTION} characters`);
      checked[field] = value.trim();
    }
    out[lang] = checked;
  }
  return out;
}

/** A version label: letters, digits, dot, dash, underscore; 1–64 characters. */
export function checkNoticeVersion(version: string): string {
  const v = version.trim();
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(v)) throw invalid('version: 1–64 letters, digits, ".", "-" or "_"');
  return v;
}

export type ConsentStanding = 'current' | 'needs_renewal' | 'none';

/**
 * Where an employee's consent stands against the current notice: given to the current version, given to an
 * older one (needs renewal), or not given (none). Without any published notice a consent counts as current.
 */
export function consentStanding(
  activeVersion: string | null,
  currentNoticeVersion: string | null,
): ConsentStanding {
  if (activeVersion === null) return 'none';
  if (currentNoticeVersion === null || activeVersion === currentNoticeVersion) return 'current';
  return 'needs_renewal';
}

/** What the live configuration says, for prefilling a new notice draft. */
export interface NoticeFacts {
  retention: RetentionSettings;
}

/** A first draft of the notice from the live settings; HR edits it before publishing. */
export function draftNoticeContent(facts: NoticeFacts): NoticeContent {
  const r = facts.retention;
  return {
    'zh-CN': {
      title: '人脸识别考勤个人信息处理告知书',
      purpose:
        '仅用于考勤打卡时确认员工身份（防止代打卡），不用于考勤以外的任何目的，不用于评价员工的其他行为。',
      data:
        '人脸特征模板（由照片计算出的数值，不能还原为照片）；打卡时的证据截图；' +
        (r.keepEnrollmentPhotos ? '录入时的人脸照片；' : '') +
        '打卡时间、地点和设备。',
      storage:
        '保存在公司自己的服务器上，人脸模板、照片和证据截图均以 AES-256-GCM 加密保存，不向第三方提供，不出境。',
      retention:
        `打卡证据截图保存 ${r.evidenceDays} 天；离职后 ${r.templateDaysAfterTermination} 天内删除人脸模板；` +
        `考勤记录保存 ${r.recordYears} 年。撤回同意后人脸模板和照片立即删除。`,
      access:
        '人力资源部门和系统管理员可以管理人脸数据（看不到模板本身）；审计人员可以查看访问记录；' +
        '部门经理只能看到本部门的考勤结果。每一次查看证据截图都有审计记录。',
      rights:
        '您可以随时撤回同意，撤回后改用工号加 PIN 或二维码打卡，不会因此受到不利对待；' +
        '您有权查阅、复制、更正和删除您的个人信息，可在员工自助页面提出申请。',
    },
    en: {
      title: 'Face-recognition attendance: notice on personal information',
      purpose:
        'Only to confirm who is punching in or out (to prevent buddy punching); never for any purpose other ' +
        'than attendance, and never to assess other conduct.',
      data:
        'A face template (numbers computed from a photo; it cannot be turned back into a photo); an evidence ' +
        'crop of each punch; ' +
        (r.keepEnrollmentPhotos ? 'the enrollment photos; ' : '') +
        'the time, place and device of each punch.',
      storage:
        "Kept on the company's own server; templates, photos and evidence crops are encrypted with " +
        'AES-256-GCM. Not shared with third parties and not transferred abroad.',
      retention:
        `Evidence crops are kept ${r.evidenceDays} days; templates are deleted within ` +
        `${r.templateDaysAfterTermination} days after you leave; attendance records are kept ${r.recordYears} ` +
        'years. When you withdraw your consent your templates and photos are deleted at once.',
      access:
        'HR and system administrators manage face data (they never see the templates themselves); auditors see ' +
        'the access log; managers see only the attendance results of their departments. Every look at an ' +
        'evidence crop is recorded in the audit log.',
      rights:
        'You may withdraw your consent at any time and then punch with your employee number and PIN or a QR ' +
        'code, with no disadvantage to you. You may see, copy, correct and delete your personal information ' +
        'through the self-service pages.',
    },
  };
}
