// Builds an employee import workbook (XLSX) like the ones HR prepares: realistic names, departments by code.
import ExcelJS from 'exceljs';

export const EMPLOYEE_HEADER = [
  'employee_no',
  'name',
  'department',
  'position',
  'site',
  'hire_date',
  'email',
];

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
];
const pinyinSurnames = [
  'wang',
  'li',
  'zhang',
  'liu',
  'chen',
  'yang',
  'huang',
  'zhao',
  'wu',
  'zhou',
  'xu',
  'sun',
  'ma',
  'zhu',
  'hu',
  'guo',
];

export interface EmployeeRowSpec {
  departments: string[];
  positions: string[];
  site: string;
}

/** 100 (or `count`) rows numbered from `firstNo`; the same input always gives the same rows. */
export function employeeRows(count: number, firstNo: number, spec: EmployeeRowSpec): string[][] {
  return Array.from({ length: count }, (_, i) => {
    const n = firstNo + i;
    const s = (i * 7) % surnames.length;
    const g = (i * 5 + Math.floor(i / 3)) % givenNames.length;
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    return [
      `E${n}`,
      surnames[s] + givenNames[g],
      spec.departments[i % spec.departments.length],
      spec.positions[i % spec.positions.length],
      spec.site,
      `${2018 + (i % 7)}-${month}-${day}`,
      `${pinyinSurnames[s]}.${n}@example.cn`,
    ];
  });
}

export async function workbookOf(header: string[], rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('employees');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
