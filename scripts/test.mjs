#!/usr/bin/env node
// `npm test`: lint, type check, unit tests, the HTTP suite on SQLite and on PostgreSQL, and the browser tests.
// `npm test -- unit http-sqlite` runs only the named steps. Ends with one line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function testFiles(...dirs) {
  const out = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.ts')) out.push(path.relative(root, full));
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out.sort();
}

function postgresReachable() {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const pg=require('pg');const os=require('os');const c=new pg.Client({connectionString:process.env.TEST_DATABASE_URL||'postgres://'+encodeURIComponent(os.userInfo().username)+'@127.0.0.1/test'});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))`,
    ],
    { cwd: root, timeout: 10_000 },
  );
  return probe.status === 0;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function nodeTests(name, files, env = {}, concurrency = 1) {
  if (files.length === 0) return { skip: 'no test files' };
  const tap = path.join(os.tmpdir(), `faceclock-${name}-${process.pid}.tap`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  fs.rmSync(tap, { force: true });
  const last = (key) => {
    const all = [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  totals.passed += last('pass');
  totals.failed += last('fail') + last('cancelled');
  totals.skipped += last('skipped') + last('todo');
  return { ok: result.status === 0 };
}

function command(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return { ok: result.status === 0 };
}

const steps = {
  lint: () => command(bin('biome'), ['check', '.']),
  typecheck: () => {
    const server = command(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
    const web = fs.existsSync(path.join(root, 'web', 'tsconfig.json'))
      ? command(bin('tsc'), ['--noEmit', '-p', 'web/tsconfig.json'])
      : { ok: true };
    return { ok: server.ok && web.ok };
  },
  unit: () =>
    nodeTests('unit', testFiles('test/core', 'test/face', 'test/cli', 'test/services', 'test/web'), {}, 2),
  'http-sqlite': () => nodeTests('http-sqlite', testFiles('test/http'), { FACECLOCK_TEST_DB: 'sqlite' }, 2),
  'http-postgres': () => {
    if (!postgresReachable()) {
      if (ci) return { ok: false, message: 'PostgreSQL is not reachable' };
      return {
        skip: 'PostgreSQL is not reachable (set TEST_DATABASE_URL); the HTTP suite ran on SQLite only',
      };
    }
    return nodeTests('http-postgres', testFiles('test/http'), { FACECLOCK_TEST_DB: 'postgres' }, 2);
  },
  browser: () => {
    if (!fs.existsSync('/usr/bin/chromium')) {
      if (ci) return { ok: false, message: '/usr/bin/chromium is missing' };
      return { skip: '/usr/bin/chromium is missing (apt-get install chromium)' };
    }
    return nodeTests('browser', testFiles('test/browser'));
  },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted) {
  if (!(name in steps)) {
    console.error(`unknown step ${name}; steps: ${Object.keys(steps).join(', ')}`);
    process.exit(2);
  }
}
const started = Date.now();
for (const [name, run] of Object.entries(steps)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const t0 = Date.now();
  console.log(`\n=== ${name} ===`);
  const outcome = run();
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (outcome.skip) console.log(`--- ${name}: skipped: ${outcome.skip}`);
  else if (outcome.ok) console.log(`--- ${name}: ok (${secs} s)`);
  else {
    failedSteps.push(name);
    console.log(`--- ${name}: FAILED (${secs} s)${outcome.message ? `: ${outcome.message}` : ''}`);
  }
}
console.log(
  `\nSteps failed: ${failedSteps.length ? failedSteps.join(', ') : 'none'}; ${((Date.now() - started) / 1000).toFixed(0)} s in all.`,
);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
