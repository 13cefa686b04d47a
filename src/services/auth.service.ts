// Login, sessions, lockout, password change and reset. Sessions are kept server-side; the cookie holds a random
// token and the database only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { isStrongPassword } from '../core/access/password-policy.js';
import { AppError, forbidden, notFound } from '../core/errors.js';
import { type Actor, loadActor } from './actor.js';
import { audit, writeWithAudit } from './audit.service.js';
import { authorize } from './authorize.js';
import { nowIso, type ServiceContext } from './context.js';
import { dummySecretHash, hashSecret, verifySecret } from './passwords.js';

export const SESSION_COOKIE = 'fc_session';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: string;
  actor: Actor;
  mustChangePassword: boolean;
}

export async function login(ctx: ServiceContext, input: LoginInput): Promise<LoginResult> {
  const now = ctx.now();
  const user = await ctx.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('username', '=', input.username)
    .executeTakeFirst();
  const who = { userId: user?.id ?? null, username: input.username, ip: input.ip };
  if (!user) {
    await verifySecret(await dummySecretHash(), input.password);
    await audit(ctx, who, { action: 'auth.login_failed', details: { reason: 'unknown_user' } });
    throw new AppError('bad_credentials', 401);
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    await audit(ctx, who, {
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: user.id,
      details: { reason: 'locked' },
    });
    throw new AppError('account_locked', 423, { until: user.locked_until });
  }
  const ok = await verifySecret(user.password_hash, input.password);
  if (!ok) {
    const failures = user.failed_logins + 1;
    const lock = failures >= ctx.config.maxLoginFailures;
    const lockedUntil = lock
      ? new Date(now.getTime() + ctx.config.lockoutMinutes * 60_000).toISOString()
      : null;
    await ctx.db.kysely
      .updateTable('users')
      .set({ failed_logins: lock ? 0 : failures, locked_until: lockedUntil })
      .where('id', '=', user.id)
      .execute();
    await audit(ctx, who, {
      action: lock ? 'auth.locked' : 'auth.login_failed',
      targetType: 'user',
      targetId: user.id,
      details: { reason: 'bad_password', failures },
    });
    if (lock) throw new AppError('account_locked', 423, { until: lockedUntil! });
    throw new AppError('bad_credentials', 401);
  }
  if (user.status !== 'active') {
    await audit(ctx, who, {
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: user.id,
      details: { reason: 'disabled' },
    });
    throw new AppError('account_disabled', 403);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = tokenHash(token);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000).toISOString();
  await writeWithAudit(
    ctx,
    { ...(await loadActor(ctx.db, user.id, input.ip))!, sessionId: id },
    async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', user.id)
        .execute();
      await trx
        .insertInto('sessions')
        .values({
          id,
          user_id: user.id,
          csrf_token: csrfToken,
          created_at: now.toISOString(),
          last_seen_at: now.toISOString(),
          expires_at: expiresAt,
          ip: input.ip,
          user_agent: input.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      return { result: undefined, audit: { action: 'auth.login', targetType: 'user', targetId: user.id } };
    },
  );
  const actor = (await loadActor(ctx.db, user.id, input.ip, id))!;
  return { token, csrfToken, expiresAt, actor, mustChangePassword: user.must_change_password === 1 };
}

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
}

/** Resolves a cookie token to its session and actor; null when unknown or expired. */
export async function resolveSession(
  ctx: ServiceContext,
  token: string,
  ip: string | null,
): Promise<SessionInfo | null> {
  const id = tokenHash(token);
  const session = await ctx.db.kysely
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const now = ctx.now();
  if (!session) return null;
  if (session.expires_at <= now.toISOString()) {
    await ctx.db.kysely.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const actor = await loadActor(ctx.db, session.user_id, ip, id);
  if (!actor) return null;
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await ctx.db.kysely
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return { actor, csrfToken: session.csrf_token, sessionId: id };
}

export async function logout(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'self.read');
  await writeWithAudit(ctx, actor, async (trx) => {
    await trx
      .deleteFrom('sessions')
      .where('id', '=', actor.sessionId ?? '')
      .execute();
    return {
      result: undefined,
      audit: { action: 'auth.logout', targetType: 'user', targetId: actor.userId },
    };
  });
}

export async function logoutEverywhere(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'self.read');
  return writeWithAudit(ctx, actor, async (trx) => {
    const r = await trx.deleteFrom('sessions').where('user_id', '=', actor.userId!).executeTakeFirst();
    return {
      result: Number(r.numDeletedRows),
      audit: { action: 'auth.logout_all', targetType: 'user', targetId: actor.userId },
    };
  });
}

export interface SessionDto {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export async function listMySessions(ctx: ServiceContext, actor: Actor | null): Promise<SessionDto[]> {
  authorize(actor, 'self.read');
  const rows = await ctx.db.kysely
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', actor.userId!)
    .where('expires_at', '>', nowIso(ctx))
    .orderBy('last_seen_at', 'desc')
    .execute();
  // The public id is a prefix of the token hash: enough to name a session, useless to steal one.
  return rows.map((r) => ({
    id: r.id.slice(0, 16),
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id === actor.sessionId,
  }));
}

export async function revokeMySession(ctx: ServiceContext, actor: Actor | null, publicId: string) {
  authorize(actor, 'self.read');
  await writeWithAudit(ctx, actor, async (trx) => {
    const rows = await trx.selectFrom('sessions').select('id').where('user_id', '=', actor.userId!).execute();
    const match = rows.find((r) => r.id.slice(0, 16) === publicId);
    if (!match) throw notFound('session', publicId);
    await trx.deleteFrom('sessions').where('id', '=', match.id).execute();
    return {
      result: undefined,
      audit: { action: 'auth.session_revoked', targetType: 'user', targetId: actor.userId },
    };
  });
}

export async function changePassword(
  ctx: ServiceContext,
  actor: Actor | null,
  current: string,
  next: string,
) {
  authorize(actor, 'self.read');
  const user = await ctx.db.kysely
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('id', '=', actor.userId!)
    .executeTakeFirstOrThrow();
  if (!(await verifySecret(user.password_hash, current))) throw new AppError('wrong_password', 400);
  if (!isStrongPassword(next)) throw new AppError('weak_password', 400);
  const hash = await hashSecret(next);
  await writeWithAudit(ctx, actor, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, updated_at: nowIso(ctx) })
      .where('id', '=', user.id)
      .execute();
    // Every other session of this user ends: a changed password must lock out whoever knew the old one.
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', user.id)
      .where('id', '!=', actor.sessionId ?? '')
      .execute();
    return {
      result: undefined,
      audit: { action: 'user.password_changed', targetType: 'user', targetId: user.id },
    };
  });
}

export async function resetPassword(ctx: ServiceContext, actor: Actor | null, userId: number, next: string) {
  authorize(actor, 'users.write');
  if (!isStrongPassword(next)) throw new AppError('weak_password', 400);
  const hash = await hashSecret(next);
  await writeWithAudit(ctx, actor, async (trx) => {
    const r = await trx
      .updateTable('users')
      .set({
        password_hash: hash,
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('user', userId);
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    return {
      result: undefined,
      audit: { action: 'user.password_reset', targetType: 'user', targetId: userId },
    };
  });
}

export function assertNotSelfLockout(actor: Actor, userId: number, roles: string[] | undefined) {
  if (actor.userId === userId && roles && !roles.includes('admin') && actor.roles.includes('admin')) {
    throw forbidden();
  }
}
