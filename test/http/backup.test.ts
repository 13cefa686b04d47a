// Backup → wipe → restore gives the same data with an intact audit chain; the backup file holds no plaintext.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { loadKeyring } from '../../src/services/crypto/keyring.js';
import { sealFloats } from '../../src/services/crypto/seal.js';
import { adminClient, dropTestSchema, startTestServer, withSchemaLock } from '../helpers/server.js';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../../bin/faceclock.js');

async function faceclock(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [cli, ...args, '--json'], { env });
    return { code: 0, out: JSON.parse(stdout) };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout ? JSON.parse(e.stdout) : null, err: e.stderr };
  }
}

test('backup, wipe, restore: identical counts, a valid audit chain, and no plaintext in the backup', async () => {
  let server = await startTestServer();
  const { dataDir, pgSchema, cliEnv } = server;
  try {
    const admin = await adminClient(server);
    const dept = (await admin.post('/api/departments', { name: '研发部', code: 'RD' })).body;
    for (let i = 0; i < 20; i++) {
      await admin.post('/api/employees', {
        employeeNo: `B${i}`,
        name: `备份员工${i}`,
        departmentId: dept.id,
      });
    }
    // A face template as the enrollment service stores it: sealed under the data key.
    const keyring = loadKeyring({ dataDir });
    const vector = Float32Array.from({ length: 128 }, (_, i) => Math.cos(i * 0.37) / 8);
    const employee = await server.db.kysely.selectFrom('employees').select('id').executeTakeFirstOrThrow();
    await server.db.kysely
      .insertInto('face_templates')
      .values({
        employee_id: employee.id,
        model: 'test',
        model_version: '1',
        template: sealFloats(keyring, vector, 'template'),
        quality: '{}',
        source: 'upload',
        photo: null,
        created_at: new Date().toISOString(),
        created_by_user_id: null,
      })
      .execute();

    const made = await faceclock(cliEnv, 'backup');
    assert.equal(made.code, 0, made.err);
    const file = made.out.file as string;
    assert.equal(made.out.counts.employees, 20);
    assert.equal(made.out.counts.face_templates, 1);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);

    const bytes = fs.readFileSync(file);
    const vectorBytes = Buffer.from(vector.buffer);
    for (const [what, needle] of [
      ['a template', vectorBytes.subarray(0, 16)],
      ['a Chinese name', Buffer.from('备份员工')],
      ['an employee number', Buffer.from('"B1"')],
      ['the SQLite header', Buffer.from('SQLite format 3')],
      ['the data key', keyring.current.key],
    ] as const) {
      assert.equal(bytes.indexOf(needle), -1, `the backup holds ${what} in plaintext`);
    }
    assert.equal((await faceclock(cliEnv, 'backup', '--verify', file)).code, 0);
    const listed = await faceclock(cliEnv, 'backup', '--list');
    assert.equal(listed.out.length, 1);

    // A changed byte is caught.
    const damaged = `${file}.damaged.fcbak`;
    const copy = Buffer.from(bytes);
    copy[copy.length - 100] ^= 0xff;
    fs.writeFileSync(damaged, copy);
    assert.notEqual((await faceclock(cliEnv, 'backup', '--verify', damaged)).code, 0);
    fs.rmSync(damaged);

    const before = await admin.get('/api/audit/verify');
    assert.equal(before.body.ok, true);
    await server.close();

    // Wipe.
    if (pgSchema) {
      await dropTestSchema(pgSchema, { recreate: true });
    } else {
      for (const f of fs.readdirSync(dataDir))
        if (f.startsWith('faceclock.sqlite')) fs.rmSync(path.join(dataDir, f));
    }

    assert.notEqual((await faceclock(cliEnv, 'restore', file)).code, 0, 'restore needs --yes');
    // pg_restore replaces the schema's objects: not while another test file migrates.
    const restored = await withSchemaLock('exclusive', () => faceclock(cliEnv, 'restore', file, '--yes'));
    assert.equal(restored.code, 0, JSON.stringify(restored.out ?? restored.err));
    assert.deepEqual(restored.out.mismatches, []);
    assert.equal(restored.out.auditChain.ok, true);
    assert.equal(restored.out.counts.employees, 20);

    server = await startTestServer({}, { reuse: { dataDir, pgSchema } });
    const again = await adminClient(server);
    assert.equal((await again.get('/api/employees?limit=1')).body.total, 20);
    assert.equal((await again.get('/api/audit/verify')).body.ok, true);
    const template = await server.db.kysely
      .selectFrom('face_templates')
      .select('template')
      .executeTakeFirstOrThrow();
    assert.equal(Buffer.from(template.template).indexOf(vectorBytes.subarray(0, 16)), -1);
  } finally {
    await server.stop();
  }
});
