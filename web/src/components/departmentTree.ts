// The flat department list (each with parentId) as a tree for antd's Tree, TreeSelect and Table.
import type { Department } from '../api/types';

export interface DepartmentNode extends Department {
  key: number;
  children?: DepartmentNode[];
}

export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const nodes = new Map<number, DepartmentNode>();
  for (const d of departments) nodes.set(d.id, { ...d, key: d.id });
  const roots: DepartmentNode[] = [];
  const byName = (a: DepartmentNode, b: DepartmentNode) => a.name.localeCompare(b.name);
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort(byName);
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

export interface TreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

/** Options for a TreeSelect; `exclude` (a department being moved) and its descendants cannot be chosen. */
export function departmentOptions(departments: readonly Department[], exclude?: number): TreeOption[] {
  const convert = (nodes: DepartmentNode[], blocked: boolean): TreeOption[] =>
    nodes.map((n) => {
      const isBlocked = blocked || n.id === exclude;
      return {
        value: n.id,
        title: n.code ? `${n.name} (${n.code})` : n.name,
        disabled: isBlocked,
        children: n.children ? convert(n.children, isBlocked) : undefined,
      };
    });
  return convert(buildDepartmentTree(departments), false);
}

/** The department's path from the root, e.g. "Engineering / Platform". */
export function departmentPath(departments: readonly Department[], id: number | null): string {
  if (id === null) return '';
  const byId = new Map(departments.map((d) => [d.id, d]));
  const names: string[] = [];
  let current = byId.get(id);
  while (current && names.length < 50) {
    names.unshift(current.name);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return names.join(' / ');
}
