// Starts the real app on a free port against a real database: SQLite in a temporary folder, or a fresh schema
// in the local PostgreSQL (FACECLOCK_TEST_DB=postgres; TEST_DATABASE_URL or postgres://127.0.0.1/test).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Config, loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';

export const testDbKind = (): 'sqlite' | 'postgres' =>
  process.env.FACECLOCK_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const pgTestUrl = () =>
  process.env.TEST_DATABASE_URL || `postgres://${encodeURIComponent(os.userInfo().username)}@127.0.0.1/test`;

/**
 * Test files run side by side on one database, each in its own schema. Kysely's migrator looks at the tables
 * of every schema before it migrates, and a schema dropped by another file in that moment makes it fail
 * ("schema … does not exist"). So migrations hold this advisory lock shared, and dropping or replacing a
 * schema holds it exclusively: never both at once.
 */
const SCHEMA_LOCK = 7_428_019;

export async function withSchemaLock<T>(mode: 'shared' | 'exclusive', work: () => Promise<T>): Promise<T> {
  if (testDbKind() !== 'postgres') return work();
  const client = new pg.Client({ connectionString: pgTestUrl() });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock${mode === 'shared' ? '_shared' : ''}($1)`, [SCHEMA_LOCK]);
    return await work();
  } finally {
    await client.end(); // ending the session releases the lock
  }
}

/** Drops a test schema (and creates it again, empty, when asked), never while another file migrates. */
export async function dropTestSchema(schema: string, options: { recreate?: boolean } = {}): Promise<void> {
  await withSchemaLock('exclusive', async () => {
    const client = new pg.Client({ connectionString: pgTestUrl() });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
      if (options.recreate) await client.query(`create schema ${schema}`);
    } finally {
      await client.end();
    }
  });
}

export interface TestServer extends RunningServer {
  dataDir: string;
  /** The PostgreSQL schema of this server, when on PostgreSQL. */
  pgSchema?: string;
  /** Environment for running the `faceclock` command against this server's database. */
  cliEnv: NodeJS.ProcessEnv;
  config: Config;
  /** Stops the server and drops what the test created. */
  stop(): Promise<void>;
}

export const ADMIN = { username: 'admin', password: 'Admin-pass-2026' };

export async function startTestServer(
  overrides: Partial<Config> = {},
  options: {
    now?: () => Date;
    logStream?: NodeJS.WritableStream;
    /** Start again on the data of an earlier server of this test (stopped with `close`, not `stop`). */
    reuse?: { dataDir: string; pgSchema?: string };
  } = {},
): Promise<TestServer> {
  const dataDir = options.reuse?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-test-'));
  const kind = testDbKind();
  let pgSchema: string | undefined = options.reuse?.pgSchema;
  if (kind === 'postgres' && !pgSchema) {
    pgSchema = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: pgTestUrl() });
    await client.connect();
    await client.query(`create schema ${pgSchema}`);
    await client.end();
  }
  const config = loadConfig(
    {},
    {
      port: 0,
      dataDir,
      backupDir: path.join(dataDir, 'backups'),
      databaseUrl: kind === 'postgres' ? pgTestUrl() : undefined,
      adminUser: ADMIN.username,
      adminPassword: ADMIN.password,
      loginRateLimitPerMinute: 1000,
      // Tests identify far more than 30 photos a minute; the limit has its own test (faces-rate-limit).
      identifyRateLimitPerMinute: 1000,
      logLevel: 'warn',
      ...overrides,
    },
  );
  const server = await withSchemaLock('shared', () =>
    startServer(config, {
      logger: !!options.logStream,
      logStream: options.logStream,
      pgSchema,
      now: options.now,
      scheduler: false,
    }),
  );
  return {
    ...server,
    dataDir,
    config,
    pgSchema,
    cliEnv: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: pgSchema
        ? `${pgTestUrl()}?options=${encodeURIComponent(`-c search_path=${pgSchema}`)}`
        : '',
    },
    async stop() {
      await server.close();
      if (pgSchema) await dropTestSchema(pgSchema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A logged-in HTTP client: keeps the session cookie and sends the CSRF token on writes. */
export class ApiClient {
  cookie = '';
  csrf = '';
  constructor(
    readonly baseUrl: string,
    readonly locale = 'en',
  ) {}

  async login(username: string, password: string) {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = {
      method,
      headers: {
        'accept-language': this.locale,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    };
    const res = await fetch(this.baseUrl + url, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /fc_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `fc_session=${m[1]}` : '';
    }
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    if (url === '/api/auth/login' && res.status === 200)
      this.csrf = (parsed as { csrfToken: string }).csrfToken;
    return { status: res.status, body: parsed as any, headers: res.headers };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  put = (url: string, body: unknown) => this.request('PUT', url, body);
  delete = (url: string) => this.request('DELETE', url);
}

export async function adminClient(server: RunningServer) {
  const client = new ApiClient(server.url);
  await client.login(ADMIN.username, ADMIN.password);
  return client;
}
