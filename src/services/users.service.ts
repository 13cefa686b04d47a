// User accounts and their roles; the first admin (from the environment or the one-time setup page).
import type { Kysely } from 'kysely';
import { isStrongPassword } from '../core/access/password-policy.js';
import { isRole, type Role } from '../core/access/roles.js';
import { AppError, conflict, invalid, notFound } from '../core/errors.js';
import type { Database } from '../db/schema.js';
import { type Actor, systemActor } from './actor.js';
import { writeWithAudit } from './audit.service.js';
import { authorize } from './authorize.js';
import { nowIso, type ServiceContext } from './context.js';
import { hashSecret } from './passwords.js';

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  employeeId: number | null;
  status: 'active' | 'disabled';
  roles: Role[];
  managedDepartmentIds: number[];
  locked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface UserInput {
  username: string;
  displayName?: string;
  password: string;
  roles: string[];
  employeeId?: number | null;
  managedDepartmentIds?: number[];
}

export interface UserPatch {
  displayName?: string;
  roles?: string[];
  employeeId?: number | null;
  status?: 'active' | 'disabled';
  managedDepartmentIds?: number[];
}

function checkRoles(roles: string[]): Role[] {
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length > 0) throw invalid(`unknown role ${bad.join(', ')}`);
  if (roles.length === 0) throw invalid('a user needs at least one role');
  return [...new Set(roles)] as Role[];
}

async function toDtos(db: Kysely<Database>, ids: number[] | 'all', nowIsoString: string): Promise<UserDto[]> {
  let q = db.selectFrom('users').selectAll();
  if (ids !== 'all') {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  const users = await q.orderBy('username').execute();
  const roles = await db.selectFrom('user_roles').selectAll().execute();
  const managed = await db.selectFrom('department_managers').selectAll().execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    employeeId: u.employee_id,
    status: u.status,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role as Role),
    managedDepartmentIds: managed.filter((m) => m.user_id === u.id).map((m) => m.department_id),
    locked: !!u.locked_until && u.locked_until > nowIsoString,
    mustChangePassword: u.must_change_password === 1,
    createdAt: u.created_at,
  }));
}

export async function listUsers(ctx: ServiceContext, actor: Actor | null): Promise<UserDto[]> {
  authorize(actor, 'users.read');
  return toDtos(ctx.db.kysely, 'all', nowIso(ctx));
}

async function setRolesAndScope(
  trx: Kysely<Database>,
  userId: number,
  roles: Role[] | undefined,
  departments: number[] | undefined,
) {
  if (roles) {
    await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    await trx
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
  }
  if (departments) {
    await trx.deleteFrom('department_managers').where('user_id', '=', userId).execute();
    const unique = [...new Set(departments)];
    if (unique.length > 0) {
      const found = await trx.selectFrom('departments').select('id').where('id', 'in', unique).execute();
      if (found.length !== unique.length) throw invalid('unknown department in managedDepartmentIds');
      await trx
        .insertInto('department_managers')
        .values(unique.map((d) => ({ department_id: d, user_id: userId })))
        .execute();
    }
  }
}

export async function createUser(
  ctx: ServiceContext,
  actor: Actor | null,
  input: UserInput,
): Promise<UserDto> {
  authorize(actor, 'users.write');
  return insertUser(ctx, actor, input);
}

async function insertUser(
  ctx: ServiceContext,
  actor: Actor,
  input: UserInput,
  enforcePolicy = true,
): Promise<UserDto> {
  const roles = checkRoles(input.roles);
  const username = input.username.trim();
  if (!/^[\p{L}\p{N}._@-]{2,64}$/u.test(username)) throw invalid('username: 2–64 letters, digits, . _ @ -');
  if (enforcePolicy && !isStrongPassword(input.password)) throw new AppError('weak_password', 400);
  if (input.password.length === 0) throw new AppError('weak_password', 400);
  const passwordHash = await hashSecret(input.password);
  const now = nowIso(ctx);
  const id = await writeWithAudit(ctx, actor, async (trx) => {
    const exists = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (exists) throw conflict(`username ${username} is taken`);
    if (input.employeeId != null) {
      const emp = await trx
        .selectFrom('employees')
        .select('id')
        .where('id', '=', input.employeeId)
        .executeTakeFirst();
      if (!emp) throw notFound('employee', input.employeeId);
    }
    const row = await trx
      .insertInto('users')
      .values({
        username,
        display_name: input.displayName?.trim() || username,
        password_hash: passwordHash,
        employee_id: input.employeeId ?? null,
        locale: null,
        status: 'active',
        must_change_password: 0,
        failed_logins: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setRolesAndScope(trx, row.id, roles, input.managedDepartmentIds);
    return {
      result: row.id,
      audit: { action: 'user.create', targetType: 'user', targetId: row.id, details: { username, roles } },
    };
  });
  return (await toDtos(ctx.db.kysely, [id], now))[0];
}

export async function updateUser(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: UserPatch,
): Promise<UserDto> {
  authorize(actor, 'users.write');
  const roles = patch.roles ? checkRoles(patch.roles) : undefined;
  if (actor.userId === id && ((roles && !roles.includes('admin')) || patch.status === 'disabled')) {
    throw invalid('you cannot remove your own admin role or disable yourself');
  }
  await writeWithAudit(ctx, actor, async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst();
    if (!user) throw notFound('user', id);
    await trx
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() } : {}),
        ...(patch.employeeId !== undefined ? { employee_id: patch.employeeId } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await setRolesAndScope(trx, id, roles, patch.managedDepartmentIds);
    if (patch.status === 'disabled') await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    return {
      result: undefined,
      audit: { action: 'user.update', targetType: 'user', targetId: id, details: { ...patch } },
    };
  });
  return (await toDtos(ctx.db.kysely, [id], nowIso(ctx)))[0];
}

export async function countUsers(ctx: ServiceContext): Promise<number> {
  const r = await ctx.db.kysely
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The one-time setup: creates the first admin, only while there is no user at all. */
export async function setupFirstAdmin(
  ctx: ServiceContext,
  input: { username: string; password: string; displayName?: string },
  ip: string | null,
): Promise<UserDto> {
  if ((await countUsers(ctx)) > 0) throw new AppError('setup_done', 409);
  return insertUser(ctx, { ...systemActor('setup'), ip }, { ...input, roles: ['admin'] });
}

/** At start: FACECLOCK_ADMIN_USER / FACECLOCK_ADMIN_PASSWORD create the first admin when there is no user. */
export async function ensureAdminFromEnv(ctx: ServiceContext): Promise<UserDto | null> {
  const { adminUser, adminPassword } = ctx.config;
  if (!adminUser || !adminPassword) return null;
  if ((await countUsers(ctx)) > 0) return null;
  // The operator chose this password; it is not held to the policy, but a weak one is flagged in the log.
  if (!isStrongPassword(adminPassword))
    ctx.log.warn('FACECLOCK_ADMIN_PASSWORD is weak: change it after the first login');
  return insertUser(
    ctx,
    systemActor('bootstrap'),
    { username: adminUser, password: adminPassword, roles: ['admin'] },
    false,
  );
}

/** For the CLI: create a user with the system's authority. */
export const createUserAsSystem = (ctx: ServiceContext, input: UserInput) =>
  insertUser(ctx, systemActor('cli'), input);
