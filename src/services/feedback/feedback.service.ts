// Feedback and questions about the system (意见反馈): any user sends one, HR answers, the asker reads the answer
// (and is told in the app). HR sees everyone's; others see their own.
import { hasPermission } from '../../core/access/roles.js';
import { forbidden, invalid, notFound } from '../../core/errors.js';
import type { FeedbackTable } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { tellAnswerers, tellAsker } from '../announcements/notify.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';

export type FeedbackCategory = FeedbackTable['category'];
export type FeedbackStatus = FeedbackTable['status'];

export interface FeedbackDto {
  id: number;
  category: FeedbackCategory;
  subject: string;
  body: string;
  status: FeedbackStatus;
  askedBy: string;
  createdAt: string;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
}

const toDto = (r: {
  id: number;
  category: FeedbackCategory;
  subject: string;
  body: string;
  status: FeedbackStatus;
  user_name: string;
  created_at: string;
  answer: string | null;
  answered_at: string | null;
  answered_by_name: string | null;
}): FeedbackDto => ({
  id: r.id,
  category: r.category,
  subject: r.subject,
  body: r.body,
  status: r.status,
  askedBy: r.user_name,
  createdAt: r.created_at,
  answer: r.answer,
  answeredAt: r.answered_at,
  answeredBy: r.answered_by_name,
});

const answers = (actor: Actor) => hasPermission(actor.roles, 'feedback.answer');

export async function submitFeedback(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { category: FeedbackCategory; subject: string; body: string },
) {
  authorize(actor, 'self.read');
  const subject = input.subject.trim();
  const body = input.body.trim();
  if (!subject || !body) throw invalid('subject and text are required');
  const created = await writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .insertInto('feedback')
      .values({
        user_id: actor.userId,
        user_name: actor.username,
        category: input.category,
        subject,
        body,
        status: 'open',
        answer: null,
        answered_at: null,
        answered_by_user_id: null,
        answered_by_name: null,
        created_at: nowIso(ctx),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(row),
      audit: { action: 'feedback.submit', targetType: 'feedback', targetId: row.id, details: { subject } },
    };
  });
  await tellAnswerers(ctx, created);
  return created;
}

/** HR: everyone's (or only open ones); others: their own. `mine` limits HR to their own too. */
export async function listFeedback(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { status?: FeedbackStatus; mine?: boolean; limit?: number; offset?: number },
) {
  authorize(actor, 'self.read');
  let q = ctx.db.kysely.selectFrom('feedback');
  if (!answers(actor) || query.mine) q = q.where('user_id', '=', actor.userId ?? -1);
  if (query.status) q = q.where('status', '=', query.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(query.limit ?? 50, 200))
    .offset(query.offset ?? 0)
    .execute();
  return { total: Number(total.n), items: rows.map(toDto) };
}

export async function getFeedback(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'self.read');
  const row = await ctx.db.kysely.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('feedback', id);
  if (!answers(actor) && row.user_id !== actor.userId) throw notFound('feedback', id);
  return toDto(row);
}

export async function answerFeedback(ctx: ServiceContext, actor: Actor | null, id: number, answer: string) {
  authorize(actor, 'feedback.answer');
  const text = answer.trim();
  if (!text) throw invalid('the answer is empty');
  const row = await writeWithAudit(ctx, actor, async (trx) => {
    const before = await trx.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('feedback', id);
    if (before.user_id !== null && before.user_id === actor.userId && !actor.roles.includes('admin'))
      throw forbidden();
    const after = await trx
      .updateTable('feedback')
      .set({
        status: 'answered',
        answer: text,
        answered_at: nowIso(ctx),
        answered_by_user_id: actor.userId,
        answered_by_name: actor.username,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: after,
      audit: {
        action: 'feedback.answer',
        targetType: 'feedback',
        targetId: id,
        details: { again: before.status === 'answered' },
      },
    };
  });
  if (row.user_id !== null) await tellAsker(ctx, row.user_id, { id: row.id, subject: row.subject });
  return toDto(row);
}
