// Announcements (公告) from HR: rule changes, system updates and maintenance windows, each with read receipts
// (who of the active users has read it, and who not). Everyone with an account reads them.
import { hasPermission } from '../../core/access/roles.js';
import { invalid, notFound } from '../../core/errors.js';
import { isValidInstant } from '../../core/time/instant.js';
import type { AnnouncementsTable } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { announceToUsers } from './notify.js';

export type AnnouncementKind = AnnouncementsTable['kind'];

export interface AnnouncementInput {
  kind: AnnouncementKind;
  title: string;
  body: string;
  windowStart?: string | null;
  windowEnd?: string | null;
}

export interface AnnouncementDto {
  id: number;
  kind: AnnouncementKind;
  title: string;
  body: string;
  windowStart: string | null;
  windowEnd: string | null;
  publishedAt: string;
  withdrawnAt: string | null;
  publishedBy: string;
  /** Whether the reader has read it. */
  read: boolean;
  /** For those who manage announcements: how many of the audience have read it. */
  receipts: { read: number; audience: number } | null;
}

const canManage = (actor: Actor) => hasPermission(actor.roles, 'announcements.manage');

async function audienceSize(ctx: ServiceContext): Promise<number> {
  const row = await ctx.db.kysely
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAnnouncements(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { includeWithdrawn?: boolean; limit?: number; offset?: number },
) {
  authorize(actor, 'self.read');
  const db = ctx.db.kysely;
  const manager = canManage(actor);
  let q = db.selectFrom('announcements');
  if (!(manager && query.includeWithdrawn)) q = q.where('withdrawn_at', 'is', null);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(query.limit ?? 50, 200))
    .offset(query.offset ?? 0)
    .execute();
  const ids = rows.map((r) => r.id);
  const mine = new Set(
    ids.length && actor.userId !== null
      ? (
          await db
            .selectFrom('announcement_reads')
            .select('announcement_id')
            .where('user_id', '=', actor.userId)
            .where('announcement_id', 'in', ids)
            .execute()
        ).map((r) => r.announcement_id)
      : [],
  );
  let counts = new Map<number, number>();
  let audience = 0;
  if (manager && ids.length) {
    audience = await audienceSize(ctx);
    const read = await db
      .selectFrom('announcement_reads')
      .innerJoin('users', 'users.id', 'announcement_reads.user_id')
      .select(['announcement_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('users.status', '=', 'active')
      .where('announcement_id', 'in', ids)
      .groupBy('announcement_id')
      .execute();
    counts = new Map(read.map((r) => [r.announcement_id, Number(r.n)]));
  }
  return {
    total: Number(total.n),
    unread: await unreadCount(ctx, actor),
    items: rows.map(
      (r): AnnouncementDto => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        windowStart: r.window_start,
        windowEnd: r.window_end,
        publishedAt: r.published_at,
        withdrawnAt: r.withdrawn_at,
        publishedBy: r.created_by_name,
        read: mine.has(r.id),
        receipts: manager ? { read: counts.get(r.id) ?? 0, audience } : null,
      }),
    ),
  };
}

/** Published announcements the reader has not read yet. */
export async function unreadCount(ctx: ServiceContext, actor: Actor): Promise<number> {
  const row = await ctx.db.kysely
    .selectFrom('announcements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('withdrawn_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('announcement_reads')
            .select('announcement_reads.user_id')
            .whereRef('announcement_reads.announcement_id', '=', 'announcements.id')
            .where('announcement_reads.user_id', '=', actor.userId ?? -1),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function checkInput(input: AnnouncementInput) {
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title) throw invalid('the title is empty');
  if (!body) throw invalid('the text is empty');
  // No window: null, or the empty string a JSON null becomes under the schema's type coercion.
  const start = input.windowStart || null;
  const end = input.windowEnd || null;
  for (const v of [start, end])
    if (v !== null && !isValidInstant(v)) throw invalid('window times must be ISO instants');
  if (input.kind === 'maintenance' && (start === null || end === null))
    throw invalid('a maintenance announcement needs the start and end of its window');
  if (start !== null && end !== null && Date.parse(end) <= Date.parse(start))
    throw invalid('the window must end after it starts');
  return {
    title,
    body,
    start: start && new Date(start).toISOString(),
    end: end && new Date(end).toISOString(),
  };
}

/** Publishes at once; every active user is told in the app. */
export async function publishAnnouncement(
  ctx: ServiceContext,
  actor: Actor | null,
  input: AnnouncementInput,
) {
  authorize(actor, 'announcements.manage');
  const v = checkInput(input);
  const at = nowIso(ctx);
  const id = await writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .insertInto('announcements')
      .values({
        kind: input.kind,
        title: v.title,
        body: v.body,
        window_start: v.start,
        window_end: v.end,
        published_at: at,
        withdrawn_at: null,
        created_by_user_id: actor.userId,
        created_by_name: actor.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: row.id,
      audit: {
        action: 'announcement.publish',
        targetType: 'announcement',
        targetId: row.id,
        details: { kind: input.kind, title: v.title },
      },
    };
  });
  await announceToUsers(ctx, { id, kind: input.kind, title: v.title, body: v.body });
  return getAnnouncement(ctx, actor, id);
}

export async function getAnnouncement(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'self.read');
  const db = ctx.db.kysely;
  const r = await db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || (r.withdrawn_at !== null && !canManage(actor))) throw notFound('announcement', id);
  const read = await db
    .selectFrom('announcement_reads')
    .select('read_at')
    .where('announcement_id', '=', id)
    .where('user_id', '=', actor.userId ?? -1)
    .executeTakeFirst();
  let receipts: AnnouncementDto['receipts'] = null;
  if (canManage(actor)) {
    const n = await db
      .selectFrom('announcement_reads')
      .innerJoin('users', 'users.id', 'announcement_reads.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('users.status', '=', 'active')
      .where('announcement_id', '=', id)
      .executeTakeFirstOrThrow();
    receipts = { read: Number(n.n), audience: await audienceSize(ctx) };
  }
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    publishedAt: r.published_at,
    withdrawnAt: r.withdrawn_at,
    publishedBy: r.created_by_name,
    read: !!read,
    receipts,
  } satisfies AnnouncementDto;
}

/** The reader has read it (once; later calls keep the first time). */
export async function markRead(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'self.read');
  const db = ctx.db.kysely;
  const r = await db
    .selectFrom('announcements')
    .select(['id'])
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (!r) throw notFound('announcement', id);
  if (actor.userId === null) return { ok: true as const };
  await db
    .insertInto('announcement_reads')
    .values({ announcement_id: id, user_id: actor.userId, read_at: nowIso(ctx) })
    .onConflict((oc) => oc.columns(['announcement_id', 'user_id']).doNothing())
    .execute();
  return { ok: true as const };
}

export async function withdrawAnnouncement(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'announcements.manage');
  return writeWithAudit(ctx, actor, async (trx) => {
    const r = await trx
      .selectFrom('announcements')
      .select(['id', 'withdrawn_at', 'title'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw notFound('announcement', id);
    if (r.withdrawn_at === null)
      await trx
        .updateTable('announcements')
        .set({ withdrawn_at: nowIso(ctx) })
        .where('id', '=', id)
        .execute();
    return {
      result: { ok: true as const },
      audit: {
        action: 'announcement.withdraw',
        targetType: 'announcement',
        targetId: id,
        details: { title: r.title },
      },
    };
  });
}

/** Who of the active users has read it and when, and who has not. */
export async function readReceipts(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'announcements.manage');
  const db = ctx.db.kysely;
  const r = await db.selectFrom('announcements').select(['id']).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('announcement', id);
  const rows = await db
    .selectFrom('users')
    .leftJoin('announcement_reads', (join) =>
      join
        .onRef('announcement_reads.user_id', '=', 'users.id')
        .on('announcement_reads.announcement_id', '=', id),
    )
    .leftJoin('employees', 'employees.id', 'users.employee_id')
    .leftJoin('departments', 'departments.id', 'employees.department_id')
    .select([
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'departments.name as department',
      'announcement_reads.read_at',
    ])
    .where('users.status', '=', 'active')
    .orderBy('users.username')
    .execute();
  const person = (u: (typeof rows)[number]) => ({
    userId: u.user_id,
    username: u.username,
    displayName: u.display_name,
    department: u.department ?? null,
    readAt: u.read_at ?? null,
  });
  return {
    read: rows.filter((u) => u.read_at).map(person),
    unread: rows.filter((u) => !u.read_at).map(person),
  };
}
