// The department tree (部门树): descendants for manager scope, cycle checks for moves.
export interface DepartmentNode {
  id: number;
  parentId: number | null;
}

/** The given departments and every department below them. */
export function withDescendants(nodes: readonly DepartmentNode[], roots: Iterable<number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const out = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const child of children.get(id) ?? []) stack.push(child);
  }
  return out;
}

/** True when making `parentId` the parent of `id` would put `id` below itself. */
export function wouldCreateCycle(
  nodes: readonly DepartmentNode[],
  id: number,
  parentId: number | null,
): boolean {
  if (parentId === null) return false;
  return withDescendants(nodes, [id]).has(parentId);
}
