// The one access check at the top of every service function.
import { scopeIncludes } from '../core/access/employee-scope.js';
import { hasPermission, type Permission } from '../core/access/roles.js';
import { AppError, forbidden } from '../core/errors.js';
import { type Actor, scopeOf } from './actor.js';

export type Target = { employee: { id: number; departmentId: number | null } } | undefined;

export function authorize(
  actor: Actor | null,
  permission: Permission,
  target?: Target,
): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated', 401);
  if (!hasPermission(actor.roles, permission)) throw forbidden();
  if (target?.employee && !scopeIncludes(scopeOf(actor), target.employee)) throw forbidden();
}
