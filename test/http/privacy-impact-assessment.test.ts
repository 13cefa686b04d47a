// The draft impact assessment from the live configuration (Markdown and PDF, Chinese and English), and the purge
// preview and `faceclock purge --dry-run`, which count without removing.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ensureFaceRuntime } from '../../src/services/face/runtime.js';
import { insertTemplate } from '../../src/services/face/template-store.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { pairKiosk } from './kiosk-fixtures.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let server: TestServer;
let admin: ApiClient;

async function withTemplate(no: string) {
  const id = (await admin.post('/api/employees', { employeeNo: no, name: `Person ${no}` })).body.id;
  const rt = ensureFaceRuntime(server.ctx);
  await insertTemplate(server.ctx.db.kysely, rt.keyring, {
    employeeId: id,
    model: rt.model.name,
    modelVersion: rt.model.version,
    vector: new Float32Array(rt.model.dimension).map((_, i) => Math.sin(id * 7 + i)),
    quality: { score: 0.9 } as never,
    source: 'upload',
    photo: null,
    createdAt: new Date().toISOString(),
    createdByUserId: null,
  });
  return id;
}

before(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  await withTemplate('A1');
  await withTemplate('A2');
  await admin.post('/api/employees', { employeeNo: 'A3', name: 'No Face' });
  const site = await admin.post('/api/sites', { name: '上海总部', timeZone: 'Asia/Shanghai' });
  await pairKiosk(admin, { name: 'Lobby', siteId: site.body.id });
  await admin.post('/api/devices', { name: 'Spare' });
  await admin.put('/api/privacy/retention', { evidenceDays: 21, recordYears: 5 });
  await admin.post('/api/users', { username: 'aud', password: 'Aud-pass-2026', roles: ['auditor'] });
});

after(async () => {
  await server?.stop();
});

const download = async (query: string, client = admin) =>
  fetch(`${server.url}/api/privacy/impact-assessment${query}`, { headers: { cookie: client.cookie } });

test('the Markdown draft in Chinese states the live facts', async () => {
  const res = await download('?format=md&language=zh-CN');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/markdown/);
  assert.match(res.headers.get('content-disposition') ?? '', /impact-assessment-\d{4}-\d{2}-\d{2}-zh-CN\.md/);
  const md = await res.text();
  assert.match(md, /^# 个人信息保护影响评估（草稿）/);
  assert.match(md, /存有人脸模板的 2 人/);
  assert.match(md, /员工 3 人（在职 3 人）/);
  assert.match(md, /距门槛尚差 99998 人/);
  assert.match(md, /\| 打卡证据截图 \| 21 天 \|/);
  assert.match(md, /\| 考勤记录 \| 5 年 \|/);
  assert.match(md, /\| 人脸特征模板 \| 是（生物识别） \| 2 \|/);
  assert.match(md, /\| 上海总部 \| Asia\/Shanghai \| 1 \| 1 \|/);
  assert.match(md, /已启用考勤机 1 台，待配对 1 台/);
  assert.match(md, /\| 审计 \| 1 \| .*审计日志/);
  assert.match(md, /\| 员工 \| 0 \| 本人的记录 \|/);
  assert.match(md, /尚未发布告知书/);
});

test('the English Markdown and the PDF carry the same content', async () => {
  const md = await (await download('?format=md&language=en')).text();
  assert.match(md, /^# Personal information protection impact assessment \(draft\)/);
  assert.match(md, /2 with face templates/);
  assert.match(md, /99998 people short of it/);

  const res = await download('?format=pdf&language=zh-CN');
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-pia-'));
  try {
    fs.writeFileSync(path.join(dir, 'pia.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'pia.pdf'), '-'], {
      encoding: 'utf8',
    });
    assert.match(text, /个人信息保护影响评估/);
    assert.match(text, /距门槛尚差 99998 人/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const audit = await admin.get('/api/audit?action=privacy.impact_assessment&limit=10');
  assert.equal(audit.body.items.length, 3);
});

test('an auditor may download it; an employee may not', async () => {
  const auditor = new ApiClient(server.url);
  await auditor.login('aud', 'Aud-pass-2026');
  assert.equal((await download('', auditor)).status, 200);
  const emp = await admin.post('/api/users', {
    username: 'emp',
    password: 'Emp-pass-2026',
    roles: ['employee'],
  });
  assert.equal(emp.status, 201);
  const employee = new ApiClient(server.url);
  await employee.login('emp', 'Emp-pass-2026');
  assert.equal((await download('', employee)).status, 403);
});

test('the purge preview and `faceclock purge --dry-run` count what is due without removing it', async () => {
  // A leaver whose templates are due: terminated long ago.
  const leaver = await withTemplate('L1');
  await server.db.kysely
    .updateTable('employees')
    .set({ status: 'terminated', termination_date: '2020-01-01' })
    .where('id', '=', leaver)
    .execute();
  const preview = await admin.get('/api/privacy/purge/preview');
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.equal(preview.body.counts.templates, 1);
  const cli = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'bin/faceclock.js'), 'purge', '--dry-run', '--json'],
    {
      env: server.cliEnv,
      encoding: 'utf8',
    },
  );
  assert.equal(cli.status, 0, cli.stderr);
  const out = JSON.parse(cli.stdout);
  assert.equal(out.dryRun, true);
  assert.equal(out.counts.templates, 1);
  const left = await server.db.kysely
    .selectFrom('face_templates')
    .select('id')
    .where('employee_id', '=', leaver)
    .execute();
  assert.equal(left.length, 1, 'nothing removed');
  assert.equal((await admin.get('/api/privacy/purge-reports')).body.total, 0, 'no report for a dry run');

  const real = spawnSync(process.execPath, [path.join(repoRoot, 'bin/faceclock.js'), 'purge', '--json'], {
    env: server.cliEnv,
    encoding: 'utf8',
  });
  assert.equal(real.status, 0, real.stderr);
  assert.equal(JSON.parse(real.stdout).counts.templates, 1);
  const reports = await admin.get('/api/privacy/purge-reports');
  assert.equal(reports.body.total, 1);
  assert.equal(reports.body.items[0].actorName, 'faceclock purge');
});
