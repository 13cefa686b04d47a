// Which employees an actor may see: everyone (admin, hr, auditor), the departments they manage with their
// sub-departments (manager), or only themselves (employee).
import type { Role } from './roles.js';

export type EmployeeScope =
  | { kind: 'all' }
  | { kind: 'departments'; departmentIds: ReadonlySet<number>; selfEmployeeId: number | null }
  | { kind: 'self'; employeeId: number | null };

export function employeeScope(
  roles: readonly Role[],
  managedDepartmentIds: ReadonlySet<number>,
  selfEmployeeId: number | null,
): EmployeeScope {
  if (roles.some((r) => r === 'admin' || r === 'hr' || r === 'auditor')) return { kind: 'all' };
  if (roles.includes('manager'))
    return { kind: 'departments', departmentIds: managedDepartmentIds, selfEmployeeId };
  return { kind: 'self', employeeId: selfEmployeeId };
}

export function scopeIncludes(
  scope: EmployeeScope,
  employee: { id: number; departmentId: number | null },
): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'departments':
      return (
        employee.id === scope.selfEmployeeId ||
        (employee.departmentId !== null && scope.departmentIds.has(employee.departmentId))
      );
    case 'self':
      return employee.id === scope.employeeId;
  }
}
