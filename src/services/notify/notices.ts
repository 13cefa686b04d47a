// A user's own notices: the /notifications page and the bell in the console header.
import { notFound } from '../../core/errors.js';
import type { Actor } from '../actor.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import type { LocalisedText } from './types.js';

export interface NoticeDto {
  id: number;
  kind: string;
  title: LocalisedText;
  body: LocalisedText;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export async function listMyNotices(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { unread?: boolean; limit?: number; offset?: number },
): Promise<{ total: number; unread: number; items: NoticeDto[] }> {
  authorize(actor, 'self.read');
  const userId = actor.userId ?? 0;
  const base = ctx.db.kysely.selectFrom('notices').where('user_id', '=', userId);
  const filtered = query.unread ? base.where('read_at', 'is', null) : base;
  const [total, unread, rows] = await Promise.all([
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    filtered
      .selectAll()
      .orderBy('id', 'desc')
      .limit(Math.min(query.limit ?? 50, 200))
      .offset(query.offset ?? 0)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    unread: Number(unread.n),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: JSON.parse(r.title) as LocalisedText,
      body: JSON.parse(r.body) as LocalisedText,
      link: r.link,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
  };
}

export async function countMyUnread(ctx: ServiceContext, actor: Actor | null): Promise<{ unread: number }> {
  authorize(actor, 'self.read');
  const row = await ctx.db.kysely
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', actor.userId ?? 0)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { unread: Number(row.n) };
}

/** Marks one notice (or, without an id, all of them) as read. */
export async function markRead(
  ctx: ServiceContext,
  actor: Actor | null,
  id?: number,
): Promise<{ marked: number }> {
  authorize(actor, 'self.read');
  let q = ctx.db.kysely
    .updateTable('notices')
    .set({ read_at: nowIso(ctx) })
    .where('user_id', '=', actor.userId ?? 0)
    .where('read_at', 'is', null);
  if (id !== undefined) {
    const mine = await ctx.db.kysely
      .selectFrom('notices')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', actor.userId ?? 0)
      .executeTakeFirst();
    if (!mine) throw notFound('notice', id);
    q = q.where('id', '=', id);
  }
  const result = await q.executeTakeFirst();
  return { marked: Number(result.numUpdatedRows) };
}

export async function getMyEmail(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'self.read');
  const row = await ctx.db.kysely
    .selectFrom('users')
    .leftJoin('employees', 'employees.id', 'users.employee_id')
    .select(['users.email', 'employees.email as employee_email'])
    .where('users.id', '=', actor.userId ?? 0)
    .executeTakeFirst();
  return { email: row?.email ?? null, employeeEmail: row?.employee_email ?? null };
}

/** A user's own address for notices (overrides the one on their employee record). */
export async function setMyEmail(ctx: ServiceContext, actor: Actor | null, email: string | null) {
  authorize(actor, 'self.read');
  await ctx.db.kysely
    .updateTable('users')
    .set({ email: email?.trim() || null, updated_at: nowIso(ctx) })
    .where('id', '=', actor.userId ?? 0)
    .execute();
  return getMyEmail(ctx, actor);
}
