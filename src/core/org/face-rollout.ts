// The face roll-out scope (刷脸考勤实施范围): which departments punch by face from which date. An empty scope
// means everyone; otherwise a department is covered, with everything below it, from its date on.
import type { DepartmentNode } from './department-tree.js';

export interface FaceRolloutEntry {
  departmentId: number;
  /** First date (YYYY-MM-DD) on which the department punches by face. */
  from: string;
}

/** The department and every department above it, nearest first. */
export function departmentChain(nodes: readonly DepartmentNode[], departmentId: number | null): number[] {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const chain: number[] = [];
  let current = departmentId;
  while (current !== null && current !== undefined && !chain.includes(current)) {
    chain.push(current);
    current = parentOf.get(current) ?? null;
  }
  return chain;
}

export function faceRolloutCovers(
  rollout: readonly FaceRolloutEntry[],
  chain: readonly number[],
  date: string,
): boolean {
  if (rollout.length === 0) return true;
  return rollout.some((entry) => chain.includes(entry.departmentId) && entry.from <= date);
}
