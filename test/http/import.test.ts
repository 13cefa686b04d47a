import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: ApiClient;

before(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  await admin.post('/api/sites', { name: 'HQ', timeZone: 'Asia/Shanghai' });
});
after(() => server?.stop());

function upload(content: Buffer | string, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
  return form;
}

async function xlsx(rows: (string | Date)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('people');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const count = async () => (await admin.get('/api/employees?limit=1')).body.total as number;

test('departments import from CSV with parents in any order', async () => {
  const csv = 'code,name,parent_code\nENG-FE,Frontend,ENG\nENG,Engineering,\nOPS,运营部,\n';
  const preview = await admin.post('/api/imports/departments/preview', upload(csv, 'depts.csv'));
  assert.equal(preview.status, 200);
  assert.deepEqual([preview.body.creates, preview.body.problems.length], [3, 0]);
  const commit = await admin.post('/api/imports/departments/commit', upload(csv, 'depts.csv'));
  assert.equal(commit.status, 200);
  const depts = (await admin.get('/api/departments')).body as {
    code: string;
    id: number;
    parentId: number | null;
  }[];
  const eng = depts.find((d) => d.code === 'ENG')!;
  assert.equal(depts.find((d) => d.code === 'ENG-FE')!.parentId, eng.id);
  const cyclic = 'code,name,parent_code\nX,X,Y\nY,Y,X\n';
  const bad = await admin.post('/api/imports/departments/preview', upload(cyclic, 'c.csv'));
  assert.deepEqual(
    bad.body.problems.map((p: { code: string }) => p.code),
    ['cycle', 'cycle'],
  );
});

test('an XLSX with bad rows is previewed with each problem, refused whole, then imported once fixed', async () => {
  const header = ['employee_no', 'name', 'department', 'position', 'site', 'hire_date', 'email'];
  const rows: string[][] = [];
  for (let i = 1; i <= 100; i++) {
    rows.push([
      `X${String(i).padStart(3, '0')}`,
      `Person ${i}`,
      'ENG',
      'Engineer',
      'HQ',
      '2025-01-15',
      `p${i}@example.com`,
    ]);
  }
  rows[9] = ['X010', '', 'ENG', 'Engineer', 'HQ', '2025-01-15', 'p10@example.com']; // no name
  rows[41] = ['X042', 'Person 42', 'NOPE', 'Engineer', 'HQ', '2025-02-30', 'p42@example.com']; // unknown department, bad date
  const before = await count();
  const file = await xlsx([header, ...rows]);
  const preview = await admin.post('/api/imports/employees/preview', upload(file, 'people.xlsx'));
  assert.equal(preview.status, 200);
  assert.equal(preview.body.totalRows, 100);
  assert.equal(preview.body.validRows, 98);
  assert.deepEqual(
    preview.body.problems.map(
      (p: { row: number; field: string; code: string }) => `${p.row}:${p.field}:${p.code}`,
    ),
    ['11:name:required', '43:department:unknown_department', '43:hire_date:invalid_date'],
  );
  const refused = await admin.post('/api/imports/employees/commit', upload(file, 'people.xlsx'));
  assert.equal(refused.status, 422);
  assert.equal(refused.body.code, 'import_has_errors');
  assert.equal(await count(), before, 'nothing was written');

  rows[9][1] = 'Person 10';
  rows[41][2] = 'ENG';
  rows[41][5] = '2025-02-28';
  const fixed = await xlsx([header, ...rows]);
  const done = await admin.post('/api/imports/employees/commit', upload(fixed, 'people.xlsx'));
  assert.equal(done.status, 200);
  assert.equal(done.body.creates, 100);
  assert.equal(await count(), before + 100);
  const p42 = (await admin.get('/api/employees?q=X042')).body.items[0];
  assert.equal(p42.hireDate, '2025-02-28');
});

test('re-importing updates existing employees by number; Chinese headers are understood', async () => {
  const csv = '工号,姓名,部门,入职日期,状态\nX001,王五,运营部,2025/3/1,离职\n';
  const preview = await admin.post('/api/imports/employees/preview', upload(csv, 'zh.csv'));
  assert.deepEqual([preview.body.creates, preview.body.updates], [0, 1]);
  await admin.post('/api/imports/employees/commit', upload(csv, 'zh.csv'));
  const x1 = (await admin.get('/api/employees?q=X001')).body.items[0];
  assert.equal(x1.name, '王五');
  assert.equal(x1.status, 'terminated');
  assert.equal(x1.hireDate, '2025-03-01');
});

test('exports read back as the same employees (CSV and XLSX)', async () => {
  const total = await count();
  const csv = await admin.get('/api/exports/employees?format=csv');
  assert.equal(csv.status, 200);
  const text = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split('\n');
  assert.equal(lines.length, total + 1);
  assert.match(lines[0], /^employee_no,name,department/);
  const xl = await admin.get('/api/exports/employees?format=xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xl.body as unknown as ArrayBuffer);
  assert.equal(wb.worksheets[0].rowCount, total + 1);
  // The export imports again with no problems and no creates.
  const again = await admin.post('/api/imports/employees/preview', upload(xl.body as Buffer, 'again.xlsx'));
  assert.deepEqual([again.body.problems.length, again.body.creates, again.body.updates], [0, 0, total]);
});

test('files that are not CSV or XLSX, or are broken, get a clear error', async () => {
  const wrong = await admin.post('/api/imports/employees/preview', upload('hello', 'notes.txt'));
  assert.equal(wrong.status, 415);
  assert.equal(wrong.body.code, 'unsupported_file');
  const broken = await admin.post('/api/imports/employees/preview', upload('not a zip', 'broken.xlsx'));
  assert.equal(broken.status, 400);
  const missingColumn = await admin.post('/api/imports/employees/preview', upload('name\nA\n', 'a.csv'));
  assert.deepEqual(missingColumn.body.problems, [{ row: 1, field: 'employee_no', code: 'missing_column' }]);
});
