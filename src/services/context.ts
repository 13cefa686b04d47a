// What every service function receives: the database, the configuration, a clock and a logger.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { FaceRuntime } from './face/runtime.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface ServiceContext {
  db: Db;
  config: Config;
  /** The current instant; tests may pass a fixed clock. */
  now: () => Date;
  log: Logger | FastifyBaseLogger;
  /** The face engine, keyring and template index; created on first use when the server did not set it up. */
  face?: FaceRuntime;
}

export const nowIso = (ctx: Pick<ServiceContext, 'now'>) => ctx.now().toISOString();
