// A service context for one-off commands: the same database and configuration as the server.
import { loadConfig } from '../config.js';
import { openDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { ServiceContext } from '../services/context.js';

export async function withCliContext<T>(work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db);
    const log = {
      info: (o: object | string, m?: string) =>
        process.stderr.write(`${m ?? (typeof o === 'string' ? o : JSON.stringify(o))}\n`),
      warn: (o: object | string, m?: string) =>
        process.stderr.write(`warning: ${m ?? (typeof o === 'string' ? o : JSON.stringify(o))}\n`),
      error: (o: object | string, m?: string) =>
        process.stderr.write(`error: ${m ?? (typeof o === 'string' ? o : JSON.stringify(o))}\n`),
    };
    return await work({ db, config, now: () => new Date(), log });
  } finally {
    await db.close();
  }
}

export function printResult(json: boolean, value: unknown, text: string) {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}
