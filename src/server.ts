// Starting the server: open the database, migrate, create the first admin from the environment, listen.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { type Db, openDb } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createFaceEnginePool } from './face/engine-pool.js';
import { buildApp } from './http/app.js';
import { scheduledJobs } from './jobs/index.js';
import { type Scheduler, startScheduler } from './jobs/scheduler.js';
import { packageVersion, webDistDir } from './paths.js';
import { sealPlaintextAttachments } from './services/attachments/attachments.js';
import type { ServiceContext } from './services/context.js';
import { createFaceRuntime } from './services/face/runtime.js';
import { failInterruptedTasks, settleTasks } from './services/tasks.service.js';
import { ensureAdminFromEnv } from './services/users.service.js';

export { packageVersion, repoRoot, webDistDir } from './paths.js';

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  ctx: ServiceContext;
  url: string;
  scheduler: Scheduler | null;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: {
    logger?: boolean;
    logStream?: NodeJS.WritableStream;
    pgSchema?: string;
    now?: () => Date;
    /** Run the scheduled jobs in this process (default true). */
    scheduler?: boolean;
  } = {},
): Promise<RunningServer> {
  // Whoever logs for the server once it is set up (the database opens first).
  let started: ServiceContext | undefined;
  const db = openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgSchema: options.pgSchema,
    backgroundCheckpoints: true,
    onCheckpointFailure: (message) =>
      (started?.log ?? console).warn(
        { message },
        'background checkpoints stopped; the server checkpoints as it commits',
      ),
  });
  await migrateToLatest(db);
  const version = packageVersion();
  // The app's logger is created inside buildApp; services log through it once it exists.
  const ctx: ServiceContext = { db, config, now: options.now ?? (() => new Date()), log: console };
  started = ctx;
  // Face templates are opened into the in-memory index now; the models load on the first photo. With
  // FACECLOCK_FACE_WORKERS the faces are analysed on that many worker threads instead of the main thread.
  const facePool = config.faceWorkers > 0 ? createFaceEnginePool(config.faceWorkers) : null;
  ctx.face = createFaceRuntime(config, facePool ? { engine: facePool } : {});
  await ctx.face.sync(db);
  const app = await buildApp(ctx, {
    webDir: webDistDir,
    version,
    logger: options.logger,
    logStream: options.logStream,
  });
  ctx.log = app.log;
  const stale = ctx.face.stale();
  if (stale.templates > 0) {
    app.log.warn(
      { ...stale, model: ctx.face.model.name },
      'face templates of another model need enrolling again',
    );
  }
  const admin = await ensureAdminFromEnv(ctx);
  if (admin) app.log.info({ username: admin.username }, 'first admin created from FACECLOCK_ADMIN_USER');
  await failInterruptedTasks(ctx);
  await sealPlaintextAttachments(ctx);
  await app.listen({ port: config.port, host: config.host });
  const scheduler = options.scheduler === false ? null : startScheduler(ctx, scheduledJobs(config));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  return {
    app,
    db,
    ctx,
    url,
    scheduler,
    async close() {
      await scheduler?.stop();
      await app.close();
      await facePool?.close();
      await settleTasks();
      await db.close();
    },
  };
}
