// Validates a department import file (code, name, parent code). Parents may come later in the file or already
// exist; the result is ordered so that every parent is written before its children.
import { DEPARTMENT_COLUMNS, mapHeaders } from './employee-fields.js';
import type { ImportProblem } from './employee-import.js';

export interface DepartmentImportRow {
  row: number;
  code: string;
  name: string;
  parentCode: string | null;
  existingId: number | null;
}

export type DepartmentProblem = Omit<ImportProblem, 'code'> & {
  code: 'required' | 'duplicate_in_file' | 'unknown_parent' | 'cycle' | 'too_long' | 'missing_column';
};

export function validateDepartmentRows(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  existingByCode: ReadonlyMap<string, number>,
): { rows: DepartmentImportRow[]; problems: DepartmentProblem[] } {
  const { index, missing } = mapHeaders(DEPARTMENT_COLUMNS, header);
  if (missing.length > 0) {
    return {
      rows: [],
      problems: missing.map((field) => ({ row: 1, field, code: 'missing_column' as const })),
    };
  }
  const problems: DepartmentProblem[] = [];
  const byCode = new Map<string, DepartmentImportRow>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const get = (key: string) => String(cells[index.get(key) ?? -1] ?? '').trim();
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    const code = get('code');
    const name = get('name');
    const parentCode = get('parent_code') || null;
    const before = problems.length;
    if (!code) problems.push({ row, field: 'code', code: 'required' });
    else if (code.length > 32) problems.push({ row, field: 'code', code: 'too_long', value: code });
    else if (byCode.has(code)) problems.push({ row, field: 'code', code: 'duplicate_in_file', value: code });
    if (!name) problems.push({ row, field: 'name', code: 'required' });
    if (problems.length === before)
      byCode.set(code, { row, code, name, parentCode, existingId: existingByCode.get(code) ?? null });
  });
  for (const r of byCode.values()) {
    if (r.parentCode && !byCode.has(r.parentCode) && !existingByCode.has(r.parentCode)) {
      problems.push({ row: r.row, field: 'parent_code', code: 'unknown_parent', value: r.parentCode });
    }
  }
  // Order parents first; a code that never becomes placeable is part of a cycle.
  const ordered: DepartmentImportRow[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const r of byCode.values()) {
      if (placed.has(r.code)) continue;
      const parentReady =
        !r.parentCode ||
        placed.has(r.parentCode) ||
        (!byCode.has(r.parentCode) && existingByCode.has(r.parentCode));
      if (parentReady) {
        ordered.push(r);
        placed.add(r.code);
        progress = true;
      }
    }
  }
  for (const r of byCode.values()) {
    if (!placed.has(r.code) && !problems.some((p) => p.row === r.row)) {
      problems.push({ row: r.row, field: 'parent_code', code: 'cycle', value: r.parentCode ?? '' });
    }
  }
  return { rows: ordered, problems };
}
