// One switch between the embedded SQLite database (default) and PostgreSQL (DATABASE_URL).
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import { statementNameOf } from './prepared.js';
import type { Database } from './schema.js';
import { startBackgroundCheckpoints } from './sqlite-checkpoints.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL schema in use when not the default one. */
  pgSchema?: string;
  /** Where the SQLite file lives; undefined on PostgreSQL. */
  sqliteFile?: string;
  /** The raw better-sqlite3 handle, for the online backup API. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string;
  poolSize?: number;
  /** SQLite: checkpoint the write-ahead log on a worker thread instead of in the committing query. */
  backgroundCheckpoints?: boolean;
  /** Hears why background checkpoints stopped (they continue on the main connection). */
  onCheckpointFailure?: (message: string) => void;
}

// PostgreSQL returns bigint (COUNT, SUM) as strings; parse them as numbers (our counts stay far below 2^53).
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles a statement on each prepare: on the punch
 * path that compiling cost more than running the queries. Compiled statements are kept by their SQL text
 * (Kysely runs one query at a time on its one connection, so a kept statement is never busy twice).
 */
function withStatementCache(db: SQLite.Database, size = 1000): SQLite.Database {
  const kept = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let statement = kept.get(source);
    if (!statement) {
      statement = db.prepare(source);
      if (kept.size >= size) kept.delete(kept.keys().next().value as string);
      kept.set(source, statement);
    }
    return statement;
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Transactions on SQLite begin IMMEDIATE: they take the write lock at BEGIN, where a busy lock is waited for
 * (busy_timeout). A transaction begun DEFERRED reads first and asks for the write lock at its first write;
 * if another connection holds that lock then (the checkpoint worker emptying the log, a command-line tool),
 * SQLite cannot wait without risking a deadlock and fails at once with "database is locked".
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * Sends the SQL of prepared queries (src/db/prepared.ts) as named statements: the connection parses and plans
 * each once and afterwards only binds the values, which saves PostgreSQL most of its work on the short queries
 * of a punch. Other SQL goes as before (its texts are not bounded in number).
 */
function useNamedStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === 'string' ? statementNameOf(text) : undefined;
    if (!name || typeof values === 'function') return query(text, values, callback);
    return query({ name, text, values }, callback);
  }) as typeof client.query;
}

export function openDb(options: DbOptions): Db {
  if (isPostgresUrl(options.databaseUrl)) {
    // A schema named in the URL (?options=-c search_path=NAME) is the schema backups and migrations use.
    const inUrl = /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(decodeURIComponent(options.databaseUrl))?.[1];
    const pgSchema = options.pgSchema ?? inUrl;
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    pool.on('connect', useNamedStatements);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', pgSchema, close: () => kysely.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'faceclock.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB of pages kept in memory (the default is 2 MB): punch lookups and the anomaly scan's history reads hit
  // index pages all over the file.
  sqlite.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  const checkpoints = options.backgroundCheckpoints
    ? startBackgroundCheckpoints(sqlite, file, options.onCheckpointFailure)
    : null;
  return {
    kysely,
    dialect: 'sqlite',
    sqliteFile: file,
    sqlite,
    close: async () => {
      await checkpoints?.close();
      await kysely.destroy();
    },
  };
}
