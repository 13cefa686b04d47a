// Notifications for every area: in-app notices (the console's /notifications page and its bell), e-mail queued in
// the database outbox and delivered over SMTP by a job with retries, and webhook messages to chat bots.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { nowIso, type ServiceContext } from '../context.js';
import { enqueue, kickDelivery, type StoredMail } from './outbox.js';
import type { LocalisedText, MailAttachment, MailInput, NoticeInput, NoticeLocale } from './types.js';

export { deliverDue, kickDelivery } from './outbox.js';
export type { LocalisedText, MailAttachment, MailInput, NoticeInput } from './types.js';

function toStoredMail(mail: MailInput): StoredMail {
  return {
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    ...(mail.attachments?.length
      ? {
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            content: Buffer.from(a.content).toString('base64'),
            ...(a.contentType ? { contentType: a.contentType } : {}),
          })),
        }
      : {}),
  };
}

const isAddress = (value: string | null | undefined): value is string =>
  !!value && /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(value);

function localeOf(value: string | null): NoticeLocale {
  return value === 'en' ? 'en' : 'zh-CN';
}

function mailText(ctx: ServiceContext, body: string, link: string | undefined, locale: NoticeLocale): string {
  if (!link) return body;
  const url = ctx.config.publicUrl ? `${ctx.config.publicUrl.replace(/\/$/, '')}${link}` : link;
  return `${body}\n\n${locale === 'en' ? 'Open in FaceClock' : '在 FaceClock 中查看'}: ${url}`;
}

/** Queues an e-mail in the outbox; a job delivers it over SMTP (it stays queued while no SMTP is set). */
export async function sendEmail(ctx: ServiceContext, mail: MailInput, trx?: Kysely<Database>): Promise<void> {
  const to = [...new Set(mail.to.map((a) => a.trim()).filter(isAddress))];
  if (to.length === 0) return;
  await enqueue(trx ?? ctx.db.kysely, nowIso(ctx), {
    channel: 'email',
    kind: 'email',
    summary: mail.subject,
    payload: toStoredMail({ ...mail, to }),
  });
  kickDelivery(ctx);
}

interface Recipient {
  userId: number | null;
  locale: NoticeLocale;
  email: string | null;
}

async function deliverNotice(
  ctx: ServiceContext,
  db: Kysely<Database>,
  recipients: Recipient[],
  notice: NoticeInput,
): Promise<void> {
  const at = nowIso(ctx);
  const title = JSON.stringify(notice.title satisfies LocalisedText);
  const body = JSON.stringify(notice.body satisfies LocalisedText);
  const mailed = new Set<string>();
  const localised = new Map<NoticeLocale, Promise<MailAttachment[]>>();
  const attachmentsIn = async (locale: NoticeLocale): Promise<MailAttachment[] | undefined> => {
    if (!notice.localisedAttachments) return notice.attachments;
    if (!localised.has(locale)) localised.set(locale, notice.localisedAttachments(locale));
    return [...(notice.attachments ?? []), ...((await localised.get(locale)) ?? [])];
  };
  for (const r of recipients) {
    let fresh = true;
    if (r.userId !== null) {
      const inserted = await db
        .insertInto('notices')
        .values({
          user_id: r.userId,
          kind: notice.kind,
          title,
          body,
          link: notice.link ?? null,
          dedupe_key: notice.dedupeKey ?? null,
          created_at: at,
          read_at: null,
        })
        .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
        .executeTakeFirst();
      fresh = Number(inserted.numInsertedOrUpdatedRows ?? 1n) > 0;
    }
    if (!fresh || !notice.email || !isAddress(r.email) || mailed.has(r.email.toLowerCase())) continue;
    mailed.add(r.email.toLowerCase());
    await enqueue(db, at, {
      channel: 'email',
      kind: notice.kind,
      summary: notice.title[r.locale],
      payload: toStoredMail({
        to: [r.email],
        subject: notice.title[r.locale],
        text: mailText(ctx, notice.body[r.locale], notice.link, r.locale),
        attachments: await attachmentsIn(r.locale),
      }),
    });
  }
  if (notice.email) kickDelivery(ctx);
}

/** In-app notice (and, with `email`, an e-mail) to these users. Disabled users get nothing. */
export async function notifyUsers(
  ctx: ServiceContext,
  userIds: readonly number[],
  notice: NoticeInput,
  trx?: Kysely<Database>,
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const db = trx ?? ctx.db.kysely;
  const rows = await db
    .selectFrom('users')
    .leftJoin('employees', 'employees.id', 'users.employee_id')
    .select(['users.id', 'users.locale', 'users.email', 'employees.email as employee_email'])
    .where('users.id', 'in', ids)
    .where('users.status', '=', 'active')
    .orderBy('users.id')
    .execute();
  await deliverNotice(
    ctx,
    db,
    rows.map((r) => ({ userId: r.id, locale: localeOf(r.locale), email: r.email || r.employee_email })),
    notice,
  );
}

/**
 * In-app notice to the users linked to these employees; with `email`, an e-mail to each (an employee without a
 * console account is still e-mailed at the address on their record).
 */
export async function notifyEmployees(
  ctx: ServiceContext,
  employeeIds: readonly number[],
  notice: NoticeInput,
  trx?: Kysely<Database>,
): Promise<void> {
  const ids = [...new Set(employeeIds)];
  if (ids.length === 0) return;
  const db = trx ?? ctx.db.kysely;
  const employees = await db.selectFrom('employees').select(['id', 'email']).where('id', 'in', ids).execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'employee_id', 'locale', 'email'])
    .where('employee_id', 'in', ids)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  const recipients: Recipient[] = [];
  for (const e of employees) {
    const linked = users.filter((u) => u.employee_id === e.id);
    if (linked.length === 0) {
      recipients.push({ userId: null, locale: 'zh-CN', email: e.email });
      continue;
    }
    for (const u of linked)
      recipients.push({ userId: u.id, locale: localeOf(u.locale), email: u.email || e.email });
  }
  await deliverNotice(ctx, db, recipients, notice);
}
