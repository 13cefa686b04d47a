// The notification contract shared by every area: a notice in both console languages, optionally e-mailed.
export interface LocalisedText {
  en: string;
  'zh-CN': string;
}

export type NoticeLocale = keyof LocalisedText;

export interface MailAttachment {
  filename: string;
  content: Uint8Array;
  contentType?: string;
}

export interface NoticeInput {
  /** What it is about, e.g. 'report.scheduled', 'appeal.decided', 'alert.opened'. */
  kind: string;
  title: LocalisedText;
  body: LocalisedText;
  /** Console path the notice opens, e.g. '/me/appeals/12'. */
  link?: string;
  /** Also e-mail it to users that have an address (default false). */
  email?: boolean;
  /** E-mail only. */
  attachments?: MailAttachment[];
  /** E-mail only: attachments in the recipient's language, made when an e-mail is queued (once a language). */
  localisedAttachments?: (locale: NoticeLocale) => Promise<MailAttachment[]>;
  /** A user gets at most one notice with the same key (for notices a job may raise again). */
  dedupeKey?: string;
}

export interface MailInput {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

/** Seconds to wait before the next try after `attempts` failed ones: 30 s doubling, at most one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/** Tries before a message is marked failed (about six hours of back-off). */
export const MAX_ATTEMPTS = 10;
