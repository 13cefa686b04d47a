// Hostile input against every route of the API (taken from the OpenAPI description, so new routes are covered
// without touching this file): wrong types, huge values, path traversal, SQL and script injection, broken JSON
// and bad images. No answer may be a 5xx, and none may leak a stack trace, SQL text or a secret.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { ADMIN, ApiClient, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: ApiClient;

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema?: { type?: string } }[];
  body?: { type?: string; properties?: Record<string, { type?: string | string[] }> };
  multipart: boolean;
}

const HOSTILE_STRINGS = [
  '../../../../etc/passwd',
  "' OR '1'='1' --",
  '1; DROP TABLE employees; --',
  '<script>alert(1)</script>',
  '%00%2e%2e%2f',
  '\u0000',
  '9'.repeat(40),
  '-1',
  '0',
  '1e309',
  'NaN',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${process.exit(1)}',
  '𝕏'.repeat(50),
  'a'.repeat(5000),
];

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  2 ** 53 + 10,
  1.5,
  -1e308,
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  'x'.repeat(200_000),
  ...HOSTILE_STRINGS.slice(0, 6),
];

let seed = 20261129;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];

function operations(spec: { paths: Record<string, Record<string, any>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = op.requestBody?.content ?? {};
      const produces = JSON.stringify(op.responses ?? {});
      // Event streams stay open by design; they are tested on their own.
      if (produces.includes('text/event-stream') || /\/(live|events|stream)$/.test(path)) continue;
      out.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content || (op.consumes ?? []).includes('multipart/form-data'),
      });
    }
  }
  return out;
}

function fillPath(path: string, value: () => string): string {
  return path.replace(/\{[^}]+\}/g, () => encodeURIComponent(value()));
}

function hostileBody(op: Operation): unknown {
  const props = Object.keys(op.body?.properties ?? {});
  const body: Record<string, unknown> = {};
  for (const p of props) body[p] = pick(HOSTILE_VALUES);
  if (props.length === 0 || rand() < 0.2)
    body[pick(['__proto__', 'constructor', 'extra', '$where'])] = pick(HOSTILE_VALUES);
  return body;
}

async function badImages(): Promise<[string, Buffer][]> {
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } })
    .jpeg()
    .toBuffer();
  const hugePng = await sharp({ create: { width: 12_000, height: 12_000, channels: 3, background: '#000' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return [
    ['truncated.jpg', jpeg.subarray(0, jpeg.length / 2)],
    ['random.jpg', Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rand() * 256)))],
    ['empty.png', Buffer.alloc(0)],
    ['bomb.png', hugePng],
    ['../../../evil.jpg', jpeg],
    ['script.svg', Buffer.from('<svg onload="alert(1)"></svg>')],
    ['grey.jpg', jpeg],
  ];
}

const LEAKS = [
  /\bat [\w$.<>]+ \([^)]*:\d+:\d+\)/, // a stack frame
  /SQLITE_[A-Z]+/,
  /syntax error at or near/,
  /relation "[^"]+" does not exist/,
  /\$argon2id\$/,
  /password_hash|pin_hash|token_hash/,
  /node_modules\//,
];

before(async () => {
  server = await startTestServer();
  admin = new ApiClient(server.url);
  await admin.login(ADMIN.username, ADMIN.password);
});
after(() => server?.stop());

test('no route answers hostile input with a server error or a leak', async () => {
  const spec = server.app.swagger() as { paths: Record<string, Record<string, any>> };
  const ops = operations(spec);
  const images = await badImages();
  const problems: string[] = [];
  let sent = 0;

  async function send(
    op: Operation,
    url: string,
    init: { body?: unknown; form?: FormData; raw?: string; type?: string },
  ) {
    if (op.path === '/api/auth/login' || op.path === '/api/setup') return; // covered by their own tests; rate limited
    const headers: Record<string, string> = {};
    let payload: BodyInit | undefined;
    if (init.form) payload = init.form;
    else if (init.raw !== undefined) {
      payload = init.raw;
      headers['content-type'] = init.type ?? 'application/json';
    } else if (init.body !== undefined) {
      payload = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    if (process.env.FUZZ_TRACE) process.stderr.write(`${op.method} ${url.slice(0, 100)}\n`);
    const res = await admin.request(op.method, url, payload as never, headers);
    sent++;
    const text = Buffer.isBuffer(res.body) ? '' : JSON.stringify(res.body);
    if (res.status >= 500)
      problems.push(`${op.method} ${url.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`);
    for (const leak of LEAKS) {
      if (leak.test(text))
        problems.push(`${op.method} ${url.slice(0, 120)} leaks ${leak}: ${text.slice(0, 200)}`);
    }
    if (res.status === 401) await admin.login(ADMIN.username, ADMIN.password);
  }

  for (const op of ops) {
    if (op.method === 'DELETE' && !op.path.includes('{')) continue; // never wipe a whole collection here
    for (let i = 0; i < 6; i++) {
      const url = fillPath(op.path, () => pick(HOSTILE_STRINGS));
      const query = op.params
        .filter((p) => p.in === 'query')
        .map((p) => `${p.name}=${encodeURIComponent(pick(HOSTILE_STRINGS))}`)
        .join('&');
      await send(
        op,
        query ? `${url}?${query}` : url,
        op.method === 'GET' || op.method === 'DELETE' ? {} : { body: hostileBody(op) },
      );
    }
    if (op.method !== 'GET' && op.method !== 'DELETE') {
      const url = fillPath(op.path, () => '1');
      await send(op, url, { raw: '{"unclosed": [1, 2', type: 'application/json' });
      await send(op, url, { raw: '[]'.repeat(10) + '['.repeat(5000), type: 'application/json' });
      await send(op, url, { raw: 'name=x', type: 'application/x-www-form-urlencoded' });
      if (op.multipart) {
        for (const [name, data] of images) {
          const form = new FormData();
          for (const field of ['file', 'photos', 'photo'])
            form.append(field, new Blob([new Uint8Array(data)]), name);
          await send(
            op,
            fillPath(op.path, () => pick(['1', '999999', 'employees', 'departments'])),
            { form },
          );
        }
      }
    }
  }
  assert.ok(sent > ops.length * 5, `sent ${sent} requests to ${ops.length} routes`);
  assert.deepEqual(problems, []);
  // The server is still healthy and the audit chain intact after all that.
  assert.equal((await admin.get('/api/health')).status, 200);
  assert.equal((await admin.get('/api/audit/verify')).body.ok, true);
});

test('a body over the size limit is refused with 413, not a crash', async () => {
  const res = await admin.request(
    'POST',
    '/api/positions',
    JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    {
      'content-type': 'application/json',
    },
  );
  assert.equal(res.status, 413);
});
