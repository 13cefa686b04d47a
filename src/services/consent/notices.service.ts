// Versions of the consent notice (告知书): HR writes a draft (prefilled from the live retention settings), edits
// it and publishes it; a published version is never changed, so the exact text an employee accepted stays on
// record. The newest published version is the current one.
import type { Kysely } from 'kysely';
import { hasPermission } from '../../core/access/roles.js';
import { AppError, notFound } from '../../core/errors.js';
import {
  checkNoticeContent,
  checkNoticeVersion,
  draftNoticeContent,
  type NoticeContent,
} from '../../core/privacy/consent-notice.js';
import type { ConsentNoticesTable, Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { notifyEmployees } from '../notify/index.js';
import { readRetention } from '../privacy/retention-settings.js';

export interface NoticeDto {
  id: number;
  version: string;
  status: ConsentNoticesTable['status'];
  content: NoticeContent;
  createdAt: string;
  createdByName: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedByName: string | null;
}

type NoticeRow = {
  id: number;
  version: string;
  status: ConsentNoticesTable['status'];
  content: string;
  created_at: string;
  created_by_name: string;
  updated_at: string;
  published_at: string | null;
  published_by_name: string | null;
};

const toDto = (r: NoticeRow): NoticeDto => ({
  id: r.id,
  version: r.version,
  status: r.status,
  content: JSON.parse(r.content) as NoticeContent,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
  publishedByName: r.published_by_name,
});

/** Published versions, newest first. */
export async function publishedNoticeVersions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('consent_notices')
    .select('version')
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => r.version);
}

/** The notice in force: the newest published version, or null before the first is published. */
export async function currentNotice(db: Kysely<Database>): Promise<NoticeDto | null> {
  const row = await db
    .selectFrom('consent_notices')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toDto(row) : null;
}

/** Every version, newest first (HR, auditors). */
export async function listNotices(ctx: ServiceContext, actor: Actor | null): Promise<NoticeDto[]> {
  authorize(actor, 'consent.read');
  const rows = await ctx.db.kysely.selectFrom('consent_notices').selectAll().orderBy('id', 'desc').execute();
  return rows.map(toDto);
}

/** One version by its label: anyone logged in may read a notice (it is addressed to every employee). */
export async function getNotice(
  ctx: ServiceContext,
  actor: Actor | null,
  version: string,
): Promise<NoticeDto> {
  authorize(actor, 'self.read');
  const row = await ctx.db.kysely
    .selectFrom('consent_notices')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirst();
  // Drafts are HR's working copies.
  if (!row || (row.status === 'draft' && !hasConsentRead(actor)))
    throw notFound('notice', version.slice(0, 64));
  return toDto(row);
}

const hasConsentRead = (actor: Actor) => hasPermission(actor.roles, 'consent.read');

/** The current notice for any logged-in user (null before one is published). */
export async function getCurrentNotice(ctx: ServiceContext, actor: Actor | null): Promise<NoticeDto | null> {
  authorize(actor, 'self.read');
  return currentNotice(ctx.db.kysely);
}

/** A first draft from the live settings, not saved: HR starts from it. */
export async function noticeTemplate(ctx: ServiceContext, actor: Actor | null): Promise<NoticeContent> {
  authorize(actor, 'privacy.manage');
  const current = await currentNotice(ctx.db.kysely);
  if (current) return current.content;
  return draftNoticeContent({ retention: await readRetention(ctx.db.kysely) });
}

export async function createNotice(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { version: string; content: unknown },
): Promise<NoticeDto> {
  authorize(actor, 'privacy.manage');
  const version = checkNoticeVersion(input.version);
  const content = checkNoticeContent(input.content);
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const exists = await trx
      .selectFrom('consent_notices')
      .select('id')
      .where('version', '=', version)
      .executeTakeFirst();
    if (exists) throw new AppError('notice_version_exists', 409, { version });
    const row = await trx
      .insertInto('consent_notices')
      .values({
        version,
        status: 'draft',
        content: JSON.stringify(content),
        created_at: now,
        created_by_name: actor.username,
        updated_at: now,
        published_at: null,
        published_by_name: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(row),
      audit: {
        action: 'consent.notice_create',
        targetType: 'consent_notice',
        targetId: row.id,
        details: { version },
      },
    };
  });
}

async function draftOf(trx: Kysely<Database>, id: number): Promise<NoticeRow> {
  const row = await trx.selectFrom('consent_notices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('notice', id);
  if (row.status !== 'draft') throw new AppError('notice_published', 409, { version: row.version });
  return row;
}

export async function updateNotice(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  input: { content: unknown },
): Promise<NoticeDto> {
  authorize(actor, 'privacy.manage');
  const content = checkNoticeContent(input.content);
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await draftOf(trx, id);
    const updated = await trx
      .updateTable('consent_notices')
      .set({ content: JSON.stringify(content), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(updated),
      audit: {
        action: 'consent.notice_update',
        targetType: 'consent_notice',
        targetId: id,
        details: { version: row.version },
      },
    };
  });
}

export async function deleteNoticeDraft(ctx: ServiceContext, actor: Actor | null, id: number): Promise<void> {
  authorize(actor, 'privacy.manage');
  await writeWithAudit(ctx, actor, async (trx) => {
    const row = await draftOf(trx, id);
    await trx.deleteFrom('consent_notices').where('id', '=', id).execute();
    return {
      result: undefined,
      audit: {
        action: 'consent.notice_delete',
        targetType: 'consent_notice',
        targetId: id,
        details: { version: row.version },
      },
    };
  });
}

/** Publishes a draft: it becomes the current notice, and consents to earlier versions need renewal. */
export async function publishNotice(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
): Promise<NoticeDto> {
  authorize(actor, 'privacy.manage');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await draftOf(trx, id);
    const published = await trx
      .updateTable('consent_notices')
      .set({ status: 'published', published_at: now, published_by_name: actor.username, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const renewals = await trx
      .selectFrom('biometric_consents')
      .select('employee_id')
      .where('withdrawn_at', 'is', null)
      .where('superseded_at', 'is', null)
      .where('notice_version', '!=', row.version)
      .execute();
    // Everyone whose consent was given to an earlier version is asked to read the new one.
    await notifyEmployees(
      ctx,
      renewals.map((r) => r.employee_id),
      {
        kind: 'consent.renewal',
        title: { en: 'The face data notice has changed', 'zh-CN': '人脸信息告知书已更新' },
        body: {
          en: `Version ${row.version} of the notice is in force. Read it and accept it to keep punching by face.`,
          'zh-CN': `告知书版本 ${row.version} 已生效。请阅读并同意，以继续刷脸打卡。`,
        },
        link: '/me/consent',
      },
      trx,
    );
    return {
      result: toDto(published),
      audit: {
        action: 'consent.notice_publish',
        targetType: 'consent_notice',
        targetId: id,
        details: { version: row.version, consentsNeedingRenewal: renewals.length },
      },
    };
  });
}
