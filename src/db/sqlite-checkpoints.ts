// WAL checkpoints on a thread of their own. SQLite appends every commit to the write-ahead log, and by default
// the commit that makes the log pass 1,000 pages also copies the log back into the database file and syncs
// it: at a rush of punches that checkpoint was most of the cost of a commit, paid on the server's one event
// loop. Here the main connection never checkpoints (wal_autocheckpoint = 0); a worker thread with its own
// connection runs a PASSIVE checkpoint every few hundred milliseconds, which never blocks the writer. Under a
// steady stream of commits a passive checkpoint never quite catches up, so the log would only grow: once it
// passes a limit the worker runs a RESTART checkpoint, which waits for the current write to end, copies the
// last few frames and makes the next commit start the log over (a pause of milliseconds for the writer, once
// per limit's worth of writes; TRUNCATE, which also shortens the file, paused it noticeably longer). The main
// connection's journal_size_limit shortens the file when the log starts over. Should the worker stop, the main
// connection goes back to checkpointing by itself.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

export interface Checkpointer {
  /** Stops the worker after a last checkpoint; the main connection checkpoints again by itself. */
  close(): Promise<void>;
}

export interface CheckpointOptions {
  intervalMs?: number;
  /** Size of the log past which the worker empties it. */
  walLimitBytes?: number;
}

export const CHECKPOINT_INTERVAL_MS = 250;
export const WAL_LIMIT_BYTES = 32 * 1024 * 1024;
const DEFAULT_AUTOCHECKPOINT = 1000;

// Plain CommonJS run by the worker (eval), so it needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const SQLite = require(workerData.driver);
let db;
try {
  db = new SQLite(workerData.file, { fileMustExist: true });
  // How long a RESTART checkpoint waits for the writer and the readers before trying again later.
  db.pragma('busy_timeout = 200');
} catch (error) {
  parentPort.postMessage({ kind: 'failed', message: String(error && error.message || error) });
  process.exit(0);
}
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    let size = 0;
    try { size = fs.statSync(workerData.file + '-wal').size; } catch {}
    if (size > workerData.walLimitBytes) {
      // Busy (a long read or write): tried again on the next turn.
      try { db.pragma('wal_checkpoint(RESTART)'); } catch (error) { if (!/busy|locked/i.test(String(error && error.message))) throw error; }
    }
  } catch (error) {
    clearInterval(timer);
    parentPort.postMessage({ kind: 'failed', message: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); db.close(); } catch {}
  parentPort.postMessage({ kind: 'closed' });
  parentPort.close();
});
parentPort.postMessage({ kind: 'ready' });
`;

type WorkerMessage = { kind: 'ready' } | { kind: 'closed' } | { kind: 'failed'; message: string };

/**
 * Moves the checkpoints of `sqlite` (a WAL database in `file`) to a worker thread. `onFailure` hears why the
 * worker stopped, if it does; checkpoints are then back on the main connection.
 */
export function startBackgroundCheckpoints(
  sqlite: SQLite.Database,
  file: string,
  onFailure: (message: string) => void = () => {},
  options: CheckpointOptions = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      file,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      walLimitBytes: options.walLimitBytes ?? WAL_LIMIT_BYTES,
    },
  });
  // Checkpoints are work for a running server, never a reason to keep the process alive.
  worker.unref();
  let active = true;
  const fallBack = (message: string) => {
    if (!active) return;
    active = false;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    onFailure(message);
  };
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma(`journal_size_limit = ${options.walLimitBytes ?? WAL_LIMIT_BYTES}`);
  worker.on('message', (message: WorkerMessage) => {
    if (message.kind === 'failed') fallBack(message.message);
  });
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', () => fallBack('checkpoint worker stopped'));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        if (!active) return resolve();
        active = false;
        if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => void worker.terminate().then(done, done), 5000);
        worker.once('exit', done);
        worker.postMessage('close');
      }),
  };
}
