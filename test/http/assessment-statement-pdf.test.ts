// The monthly statement as a PDF: publishing e-mails each employee their statement with the PDF attached, in
// their language (received by a real local SMTP server); the employee downloads the same PDF from /me/statements;
// the PDF text (pdftotext) holds the name, the ledger amounts and each leave line under its type's name. Without a
// CJK font the e-mail goes without it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { statementAttachments } from '../../src/services/assessment/statement-pdf.js';
import type { ServiceContext } from '../../src/services/context.js';
import { deliverDue, notifyEmployees } from '../../src/services/notify/index.js';
import { findCjkFont } from '../../src/services/pdf/index.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { type ReceivedMail, startSmtp } from './notify-receivers.js';

// Monday 10 November 2025 in Shanghai; October 2025 is assessed.
const now = new Date('2025-11-10T02:00:00Z');
const WORKDAYS = [
  '2025-10-09',
  '2025-10-10',
  '2025-10-11',
  ...[13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 27, 28, 29, 30, 31].map((d) => `2025-10-${d}`),
];

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: TestServer;
let hr: ApiClient;
let alice: ApiClient;
let zhang: ApiClient;
let aliceId: number;
let zhangId: number;

async function ok(p: ReturnType<ApiClient['get']>, status = 200) {
  const res = await p;
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
}

function pdfText(bytes: Buffer): string {
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-pdf-'));
  try {
    const file = path.join(dir, 'statement.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The attachments of a received e-mail (MIME parts with a file name), decoded. */
function attachmentsOf(mail: ReceivedMail): { filename: string; type: string; bytes: Buffer }[] {
  const boundaries = [...mail.raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]);
  const parts = boundaries.flatMap((b) => mail.raw.split(`--${b}`));
  const out: { filename: string; type: string; bytes: Buffer }[] = [];
  for (const part of parts) {
    const [head, ...rest] = part.split(/\r?\n\r?\n/);
    const header = head.replace(/\r?\n[ \t]+/g, ' ');
    const filename = /filename="?([^";\r\n]+)"?/i.exec(header)?.[1];
    if (!filename || /multipart\//i.test(header)) continue;
    const type = /content-type:\s*([^;\s]+)/i.exec(header)?.[1] ?? '';
    assert.match(header, /content-transfer-encoding:\s*base64/i);
    out.push({ filename, type, bytes: Buffer.from(rest.join('\n').replace(/\s+/g, ''), 'base64') });
  }
  return out;
}

before(async () => {
  smtp = await startSmtp();
  server = await startTestServer(
    { smtpUrl: smtp.url, smtpFrom: 'FaceClock <clock@example.test>' },
    { now: () => now },
  );
  const admin = await adminClient(server);
  const dept = (await ok(admin.post('/api/departments', { name: 'Assembly', code: 'A' }), 201)).id;
  const mk = async (employeeNo: string, name: string, email: string) =>
    (
      await ok(
        admin.post('/api/employees', { employeeNo, name, departmentId: dept, hireDate: '2020-03-01', email }),
        201,
      )
    ).id as number;
  aliceId = await mk('A1', 'Alice Wang', 'alice@example.test');
  zhangId = await mk('A2', '张三丰', 'zhang@example.test');
  const users = {
    hr1: { password: 'Hr-pass-2026', roles: ['hr'] },
    alice: { password: 'Alice-pass-2026', roles: ['employee'], employeeId: aliceId },
    zhang: { password: 'Zhang-pass-2026', roles: ['employee'], employeeId: zhangId },
  };
  const userIds: Record<string, number> = {};
  for (const [username, u] of Object.entries(users))
    userIds[username] = (await ok(admin.post('/api/users', { username, ...u }), 201)).id;
  // Alice reads the console in English; Zhang has no language set (Chinese).
  await server.db.kysely.updateTable('users').set({ locale: 'en' }).where('id', '=', userIds.alice).execute();
  hr = new ApiClient(server.url);
  await hr.login('hr1', 'Hr-pass-2026');
  alice = new ApiClient(server.url);
  await alice.login('alice', 'Alice-pass-2026');
  zhang = new ApiClient(server.url, 'zh-CN');
  await zhang.login('zhang', 'Zhang-pass-2026');

  await ok(
    hr.post('/api/attendance/shifts', {
      code: 'office',
      name: 'Office 9–18',
      definition: {
        kind: 'fixed',
        segments: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
      },
    }),
    201,
  );
  const calendars = (await hr.get('/api/attendance/calendars')).body;
  const group = await ok(
    hr.post('/api/attendance/groups', {
      name: 'Office',
      zone: 'Asia/Shanghai',
      calendarId: calendars[0].id,
      rules: { lateGraceMinutes: 0 },
      versions: [
        {
          effectiveFrom: '2025-01-01',
          schedule: {
            kind: 'weekly',
            days: { mon: 'office', tue: 'office', wed: 'office', thu: 'office', fri: 'office' },
          },
        },
      ],
    }),
    201,
  );
  await ok(
    hr.put(`/api/attendance/groups/${group.id}/members`, {
      members: [{ departmentId: dept, from: '2025-09-01' }],
    }),
  );
  // Alice is 12 minutes late on the 13th (a 20.00 penalty, no full-attendance bonus); Zhang is always on time
  // (the 200.00 full-attendance bonus).
  const punch = async (employeeId: number, date: string, time: string) =>
    ok(
      hr.post('/api/attendance/punches', { employeeId, at: `${date}T${time}:00+08:00`, note: 'import' }),
      201,
    );
  // Alice is on sick leave on the 30th and on study leave (a type of the company's own) on the 31st.
  await ok(
    hr.post('/api/attendance/leave-types', { code: 'study', name: 'Study leave', unit: 'day', paid: true }),
    201,
  );
  for (const [leaveType, date] of [
    ['sick', '2025-10-30'],
    ['study', '2025-10-31'],
  ]) {
    const leave = await ok(
      hr.post('/api/attendance/requests', {
        employeeId: aliceId,
        kind: 'leave',
        leaveType,
        startDate: date,
        endDate: date,
      }),
      201,
    );
    let status = leave.status;
    while (status === 'pending')
      status = (await ok(hr.post(`/api/attendance/requests/${leave.id}/approve`, { comment: 'ok' }))).status;
    assert.equal(status, 'approved');
  }
  for (const date of WORKDAYS) {
    if (date !== '2025-10-30' && date !== '2025-10-31') {
      await punch(aliceId, date, date === '2025-10-13' ? '09:12' : '08:55');
      await punch(aliceId, date, '18:05');
    }
    await punch(zhangId, date, '08:50');
    await punch(zhangId, date, '18:10');
  }
  await ok(hr.post('/api/assessment/compute', { month: '2025-10' }));
});

after(async () => {
  await server?.stop();
  await smtp?.close();
});

test('no statement PDF before the month is published, and none of another employee', async () => {
  assert.equal((await alice.get('/api/assessment/statement/pdf?month=2025-10')).status, 404);
  assert.equal(
    (await alice.get(`/api/assessment/statement/pdf?month=2025-10&employeeId=${zhangId}`)).status,
    403,
  );
});

test('publishing e-mails each employee the statement PDF in their language', async () => {
  assert.ok(findCjkFont(), 'fonts-noto-cjk is installed on this machine');
  await ok(hr.post('/api/assessment/review', { month: '2025-10', note: 'checked' }));
  await ok(hr.post('/api/assessment/publish', { month: '2025-10' }));
  await deliverDue(server.ctx);

  const aliceMail = smtp.mails.find((m) => m.to.includes('alice@example.test'));
  const zhangMail = smtp.mails.find((m) => m.to.includes('zhang@example.test'));
  assert.ok(aliceMail && zhangMail, `mails to ${smtp.mails.map((m) => m.to).join(', ')}`);
  assert.equal(aliceMail.subject, 'Your attendance statement for 2025-10');
  assert.equal(zhangMail.subject, '2025-10 考勤考核结果');

  const [aPdf] = attachmentsOf(aliceMail);
  assert.equal(aPdf?.type, 'application/pdf');
  assert.equal(aPdf.filename, 'statement-2025-10-A1.pdf');
  const aText = pdfText(aPdf.bytes);
  assert.match(aText, /Attendance statement 2025-10/);
  assert.match(aText, /Alice Wang/);
  assert.match(aText, /-20\.00/, 'the late penalty');
  assert.match(aText, /Total\s+-20\.00/);
  assert.match(aText, /Late 12 min/, 'the ledger line explained');
  assert.match(aText, /Score 98/);
  assert.match(aText, /You may appeal until 2025-11-/);
  assert.match(aText, /Leave: 病假 \(days\)\s+1\b/, 'sick leave under the name of its type');
  assert.match(aText, /Leave: Study leave \(days\)\s+1\b/);
  assert.doesNotMatch(aText, /Leave: (sick|study)\b/);

  const [zPdf] = attachmentsOf(zhangMail);
  assert.equal(zPdf?.type, 'application/pdf');
  const zText = pdfText(zPdf.bytes);
  assert.match(zText, /2025-10 考勤考核结果单/);
  assert.match(zText, /张三丰/);
  assert.match(zText, /200\.00/, 'the full-attendance bonus');
  assert.match(zText, /奖惩明细/);
});

test('the employee downloads the same statement as a PDF, in the language asked for', async () => {
  const res = await alice.get('/api/assessment/statement/pdf?month=2025-10');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(
    res.headers.get('content-disposition') ?? '',
    /attachment; filename="statement-2025-10-A1\.pdf"/,
  );
  const text = pdfText(res.body);
  assert.match(text, /Alice Wang/);
  assert.match(text, /Late 12 min: more than 10 min, −20\.00/);
  assert.match(text, /Total\s+-20\.00/);

  const zh = pdfText((await alice.get('/api/assessment/statement/pdf?month=2025-10&language=zh-CN')).body);
  assert.match(zh, /2025-10 考勤考核结果单/);
  assert.match(zh, /Alice Wang/);
  assert.match(zh, /合计\s+-20\.00/);
  assert.match(zh, /请假：病假（天）\s+1\b/);
  assert.match(zh, /请假：Study leave（天）\s+1\b/);
  assert.doesNotMatch(zh, /请假：(sick|study)/);

  // Zhang's own, from the Accept-Language of his browser; HR reads anyone's.
  const own = pdfText((await zhang.get('/api/assessment/statement/pdf?month=2025-10')).body);
  assert.match(own, /张三丰/);
  assert.match(own, /全勤奖/);
  const byHr = await hr.get(`/api/assessment/statement/pdf?month=2025-10&employeeId=${zhangId}`);
  assert.equal(byHr.status, 200);
  assert.match(pdfText(byHr.body), /张三丰/);
  assert.equal((await hr.get('/api/assessment/statement/pdf?month=2025-10&language=fr')).status, 400);
});

test('without a CJK font the statement e-mail goes without the PDF, and the problem is logged', async () => {
  const warnings: string[] = [];
  const ctx: ServiceContext = {
    ...server.ctx,
    log: {
      info() {},
      error() {},
      warn: (_obj: object | string, msg?: string) => void warnings.push(msg ?? ''),
    },
  };
  const before = smtp.mails.length;
  await notifyEmployees(ctx, [aliceId], {
    kind: 'assessment.statement',
    title: { en: 'Statement without font', 'zh-CN': '无字体' },
    body: { en: 'Body', 'zh-CN': '正文' },
    email: true,
    localisedAttachments: statementAttachments(ctx, aliceId, '2025-10', '2025-11-20', null),
  });
  await deliverDue(server.ctx);
  assert.equal(smtp.mails.length, before + 1);
  const mail = smtp.mails.at(-1)!;
  assert.equal(mail.subject, 'Statement without font');
  assert.deepEqual(attachmentsOf(mail), []);
  assert.ok(
    warnings.some((w) => /no CJK font/.test(w)),
    warnings.join('; '),
  );
});

test('a leave type no longer configured shows under its code', async () => {
  await server.db.kysely.deleteFrom('leave_types').where('code', '=', 'study').execute();
  const text = pdfText((await alice.get('/api/assessment/statement/pdf?month=2025-10')).body);
  assert.match(text, /Leave: study \(days\)\s+1\b/);
  assert.match(text, /Leave: 病假 \(days\)\s+1\b/);
});
