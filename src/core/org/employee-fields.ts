// Employee and department fields as they appear in import and export files (English or Chinese headers).
export const EMPLOYEE_COLUMNS = [
  { key: 'employee_no', headers: ['employee_no', 'employee no', '工号', '员工编号'], required: true },
  { key: 'name', headers: ['name', '姓名'], required: true },
  { key: 'department', headers: ['department', '部门', 'department_code', '部门编码'], required: false },
  { key: 'position', headers: ['position', '职位', '岗位'], required: false },
  { key: 'site', headers: ['site', '地点', '考勤地点', '站点'], required: false },
  { key: 'hire_date', headers: ['hire_date', 'hire date', '入职日期'], required: false },
  { key: 'termination_date', headers: ['termination_date', 'termination date', '离职日期'], required: false },
  { key: 'status', headers: ['status', '状态'], required: false },
  { key: 'phone', headers: ['phone', '电话', '手机'], required: false },
  { key: 'email', headers: ['email', '邮箱', '电子邮件'], required: false },
] as const;

export type EmployeeColumnKey = (typeof EMPLOYEE_COLUMNS)[number]['key'];

export const DEPARTMENT_COLUMNS = [
  { key: 'code', headers: ['code', '编码', '部门编码'], required: true },
  { key: 'name', headers: ['name', '名称', '部门名称', '部门'], required: true },
  {
    key: 'parent_code',
    headers: ['parent_code', 'parent code', '上级编码', '上级部门编码'],
    required: false,
  },
] as const;

export type DepartmentColumnKey = (typeof DEPARTMENT_COLUMNS)[number]['key'];

type Column = { key: string; headers: readonly string[]; required: boolean };

/** Maps a file's header row to field keys; unknown headers are ignored, missing required ones reported. */
export function mapHeaders(
  columns: readonly Column[],
  headerRow: readonly string[],
): { index: Map<string, number>; missing: string[] } {
  const index = new Map<string, number>();
  headerRow.forEach((raw, i) => {
    const h = raw.trim().toLowerCase();
    const col = columns.find((c) => c.headers.includes(h));
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.key);
  return { index, missing };
}

export const STATUS_WORDS: Record<string, 'active' | 'suspended' | 'terminated'> = {
  active: 'active',
  在职: 'active',
  suspended: 'suspended',
  停职: 'suspended',
  terminated: 'terminated',
  离职: 'terminated',
};
