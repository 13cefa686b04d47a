// Telling people in the app: a new announcement goes to every active user; an answer to feedback goes to the
// user who asked. Notices are written in both console languages.
import type { ServiceContext } from '../context.js';
import { notifyUsers } from '../notify/index.js';

const KIND_LABEL = {
  rule: { en: 'Rule change', 'zh-CN': '制度变更' },
  system: { en: 'System update', 'zh-CN': '系统更新' },
  maintenance: { en: 'Maintenance', 'zh-CN': '维护通知' },
} as const;

const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

export async function announceToUsers(
  ctx: ServiceContext,
  a: { id: number; kind: keyof typeof KIND_LABEL; title: string; body: string },
) {
  const users = await ctx.db.kysely.selectFrom('users').select('id').where('status', '=', 'active').execute();
  if (users.length === 0) return;
  const label = KIND_LABEL[a.kind];
  await notifyUsers(
    ctx,
    users.map((u) => u.id),
    {
      kind: 'announcement.published',
      title: { en: `${label.en}: ${a.title}`, 'zh-CN': `${label['zh-CN']}：${a.title}` },
      body: { en: excerpt(a.body), 'zh-CN': excerpt(a.body) },
      link: `/announcements?open=${a.id}`,
    },
  );
}

export async function tellAsker(ctx: ServiceContext, userId: number, f: { id: number; subject: string }) {
  await notifyUsers(ctx, [userId], {
    kind: 'feedback.answered',
    title: { en: `Your question was answered: ${f.subject}`, 'zh-CN': `您的反馈已答复：${f.subject}` },
    body: {
      en: 'HR answered your feedback. Open it to read the answer.',
      'zh-CN': '人事已答复您的反馈，请打开查看答复。',
    },
    link: `/feedback?open=${f.id}`,
  });
}

/** New feedback goes to the users who answer it: HR, or the administrators where there is no HR user. */
export async function tellAnswerers(
  ctx: ServiceContext,
  f: { id: number; subject: string; askedBy: string },
) {
  const holders = await ctx.db.kysely
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['users.id', 'user_roles.role'])
    .where('user_roles.role', 'in', ['hr', 'admin'])
    .where('users.status', '=', 'active')
    .execute();
  const hr = holders.filter((h) => h.role === 'hr');
  const to = (hr.length ? hr : holders).map((h) => h.id);
  await notifyUsers(ctx, to, {
    kind: 'feedback.submitted',
    title: {
      en: `New feedback from ${f.askedBy}: ${f.subject}`,
      'zh-CN': `${f.askedBy} 提交了意见反馈：${f.subject}`,
    },
    body: { en: 'Open it to answer.', 'zh-CN': '请打开并答复。' },
    link: `/feedback?open=${f.id}`,
  });
}
