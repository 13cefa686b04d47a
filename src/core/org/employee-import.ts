// Validates rows of an employee import file before anything is written: every problem is reported by row and
// field, so HR can fix the file and try again.
import { EMPLOYEE_COLUMNS, mapHeaders, STATUS_WORDS } from './employee-fields.js';
import { isEmail, isEmployeeNo, isPhone } from './employee-validation.js';

export interface ImportProblem {
  /** 1-based row number in the file, header being row 1. */
  row: number;
  field: string;
  code:
    | 'required'
    | 'invalid_date'
    | 'invalid_email'
    | 'invalid_phone'
    | 'unknown_department'
    | 'unknown_site'
    | 'duplicate_in_file'
    | 'invalid_status'
    | 'too_long'
    | 'invalid_employee_no'
    | 'date_order'
    | 'missing_column';
  value?: string;
}

export interface EmployeeImportRow {
  row: number;
  employeeNo: string;
  name: string;
  departmentId: number | null;
  positionName: string | null;
  siteId: number | null;
  hireDate: string | null;
  terminationDate: string | null;
  status: 'active' | 'suspended' | 'terminated';
  phone: string | null;
  email: string | null;
  /** Whether the employee number already exists (the row updates it). */
  existingId: number | null;
}

export interface ImportReferences {
  /** Department lookup by code or by name (exact). */
  departments: ReadonlyMap<string, number>;
  sites: ReadonlyMap<string, number>;
  existingEmployees: ReadonlyMap<string, number>;
}

export function normaliseDate(raw: string): string | null {
  const s = raw
    .trim()
    .replace(/[/.年月]/g, '-')
    .replace(/日$/, '');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return null;
  return iso;
}

export function validateEmployeeRows(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  refs: ImportReferences,
): { rows: EmployeeImportRow[]; problems: ImportProblem[] } {
  const { index, missing } = mapHeaders(EMPLOYEE_COLUMNS, header);
  const problems: ImportProblem[] = missing.map((field) => ({ row: 1, field, code: 'missing_column' }));
  if (missing.length > 0) return { rows: [], problems };
  const out: EmployeeImportRow[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const rowNo = i + 2;
    const get = (key: string) => {
      const at = index.get(key);
      return at === undefined ? '' : String(cells[at] ?? '').trim();
    };
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    const rowProblems: ImportProblem[] = [];
    const problem = (field: string, code: ImportProblem['code'], value?: string) =>
      rowProblems.push({ row: rowNo, field, code, value });

    const employeeNo = get('employee_no');
    const name = get('name');
    if (!employeeNo) problem('employee_no', 'required');
    else if (!isEmployeeNo(employeeNo)) problem('employee_no', 'invalid_employee_no', employeeNo);
    else if (seen.has(employeeNo)) problem('employee_no', 'duplicate_in_file', employeeNo);
    else seen.set(employeeNo, rowNo);
    if (!name) problem('name', 'required');
    else if (name.length > 100) problem('name', 'too_long', name);

    const dept = get('department');
    const departmentId = dept ? (refs.departments.get(dept) ?? null) : null;
    if (dept && departmentId === null) problem('department', 'unknown_department', dept);
    const site = get('site');
    const siteId = site ? (refs.sites.get(site) ?? null) : null;
    if (site && siteId === null) problem('site', 'unknown_site', site);

    const dates: Record<string, string | null> = {};
    for (const key of ['hire_date', 'termination_date']) {
      const raw = get(key);
      dates[key] = null;
      if (!raw) continue;
      const iso = normaliseDate(raw);
      if (!iso) problem(key, 'invalid_date', raw);
      dates[key] = iso;
    }
    if (dates.hire_date && dates.termination_date && dates.termination_date < dates.hire_date) {
      problem('termination_date', 'date_order', get('termination_date'));
    }
    const statusRaw = get('status');
    const status = statusRaw
      ? STATUS_WORDS[statusRaw.toLowerCase()]
      : dates.termination_date
        ? 'terminated'
        : 'active';
    if (!status) problem('status', 'invalid_status', statusRaw);
    const email = get('email');
    if (email && !isEmail(email)) problem('email', 'invalid_email', email);
    const phone = get('phone');
    if (phone && !isPhone(phone)) problem('phone', 'invalid_phone', phone);

    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      return;
    }
    out.push({
      row: rowNo,
      employeeNo,
      name,
      departmentId,
      positionName: get('position') || null,
      siteId,
      hireDate: dates.hire_date,
      terminationDate: dates.termination_date,
      status: status!,
      phone: phone || null,
      email: email || null,
      existingId: refs.existingEmployees.get(employeeNo) ?? null,
    });
  });
  return { rows: out, problems };
}
