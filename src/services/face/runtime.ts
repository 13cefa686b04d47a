// The face runtime of one server: the process-wide engine (models load on first use), the keyring that seals
// templates, and the in-memory 1:N index of every template of the current model. The index is loaded from the
// encrypted store at start, updated by this server on enroll and delete, and catches up with changes made by
// another server on the same database: the template count and the newest id change on any insert or delete,
// so comparing them before a search tells whether the store moved. On PostgreSQL with several servers the
// store also announces each change (LISTEN/NOTIFY, see src/services/cluster/): while that channel is up the
// index follows the announcements and a search needs no look at the store; when it drops, the next sync
// compares the whole store again.

import type { Config } from '../../config.js';
import type { CalibrationRecord } from '../../core/face/calibration.js';
import { createMatcherIndex, type MatcherIndex } from '../../core/face/matcher-index.js';
import type { QualityThresholds } from '../../core/face/quality-gate.js';
import type { Db } from '../../db/database.js';
import { shippedCalibration } from '../../face/calibration.js';
import { type FaceEngine, type FaceModelInfo, getFaceEngine } from '../../face/engine.js';
import { defaultQualityThresholds } from '../../face/quality.js';
import type { ServiceContext } from '../context.js';
import { type Keyring, loadKeyring } from '../crypto/keyring.js';
import { type AnalyzePhoto, engineAnalyzer } from './analyzer.js';
import { listTemplateKeys, openTemplates, templateStamp } from './template-store.js';

export interface StaleTemplates {
  /** Templates of another model or version: not in the index, they need enrolling again. */
  templates: number;
  employees: number;
}

export interface FaceRuntime {
  readonly model: FaceModelInfo;
  readonly calibration: CalibrationRecord;
  readonly thresholds: QualityThresholds;
  readonly keyring: Keyring;
  readonly index: MatcherIndex;
  /** Decode, detect, measure and embed one photo. */
  readonly analyze: AnalyzePhoto;
  stale(): StaleTemplates;
  /** Templates that could not be opened with the keyring (a lost or rotated-away key). */
  unreadable(): number;
  engineLoaded(): boolean;
  /** TensorFlow.js backend, once the engine is loaded. */
  backend(): string | null;
  /** Loads the models now rather than on the first photo. */
  warmUp(): Promise<void>;
  /** Brings the index level with the store (the first call loads it). */
  sync(db: Db): Promise<void>;
  /** Records templates this server has just committed. */
  added(rows: readonly { id: number; employeeId: number; vector: Float32Array }[]): void;
  /** Records templates this server has just deleted. */
  removed(ids: readonly number[]): void;
  /** Runs `work` alone: duplicate check and insert must not interleave with another enrollment. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Brings these templates level with the store after another server changed them: ids gone from the store
   * leave the index, ids present (of the current model) are opened and (re)placed. Calls run in order.
   */
  refresh(db: Db, ids: readonly number[], op: 'insert' | 'update' | 'delete'): Promise<void>;
  /** Compares the whole store again now (after a lost notification channel). */
  reload(db: Db): Promise<void>;
  /** While true, the store's announcements keep the index level and `sync` skips its look at the store. */
  setFollowing(following: boolean): void;
}

export interface FaceRuntimeOptions {
  engine?: FaceEngine;
  thresholds?: QualityThresholds;
}

export function createFaceRuntime(
  config: Pick<Config, 'encryptionKey' | 'dataDir'>,
  options: FaceRuntimeOptions = {},
): FaceRuntime {
  const engine = options.engine ?? getFaceEngine();
  const model = engine.modelInfo;
  const keyring = loadKeyring({ envKey: config.encryptionKey, dataDir: config.dataDir });
  const index = createMatcherIndex({ dimension: model.dimension, storage: 'float32' });
  const baseAnalyze = engineAnalyzer(engine);
  let loaded = false;
  // What the index reflects: the store's count and newest id when it was last compared.
  let known: { count: number; maxId: number } | null = null;
  let stale: StaleTemplates = { templates: 0, employees: 0 };
  let unreadable = 0;
  let syncing: Promise<void> | null = null;
  let lock: Promise<unknown> = Promise.resolve();
  let following = false;
  // Announced changes are applied one after another, in the order the store committed them.
  let changes: Promise<unknown> = Promise.resolve();
  const inOrder = (work: () => Promise<void>): Promise<void> => {
    const next = changes.then(work, work);
    changes = next.catch(() => undefined);
    return next;
  };

  // Ids in the index, kept beside it so a diff with the store needs no scan of the index.
  const indexed = new Set<string>();
  const addToIndex = (employeeId: number, id: number, vector: Float32Array) => {
    index.add(String(employeeId), String(id), vector);
    indexed.add(String(id));
  };
  const removeFromIndex = (id: string) => {
    indexed.delete(id);
    return index.remove(id);
  };

  async function fullDiff(db: Db): Promise<void> {
    const keys = await listTemplateKeys(db.kysely);
    const isCurrent = (k: { model: string; model_version: string }) =>
      k.model === model.name && k.model_version === model.version;
    const wanted = new Set(keys.filter(isCurrent).map((k) => String(k.id)));
    for (const id of [...indexed]) if (!wanted.has(id)) removeFromIndex(id);
    const missing = keys.filter((k) => isCurrent(k) && !indexed.has(String(k.id))).map((k) => k.id);
    const result = await openTemplates(db.kysely, keyring, missing, (row) =>
      addToIndex(row.employeeId, row.id, row.vector),
    );
    unreadable = result.unreadable.length;
    const staleRows = keys.filter((k) => !isCurrent(k));
    stale = { templates: staleRows.length, employees: new Set(staleRows.map((r) => r.employee_id)).size };
    known = { count: keys.length, maxId: keys.reduce((m, k) => Math.max(m, k.id), 0) };
  }

  async function sync(db: Db): Promise<void> {
    if (syncing) return syncing;
    // Following the store's announcements: the index is level already.
    if (following && known) return;
    syncing = (async () => {
      try {
        const stamp = await templateStamp(db.kysely);
        if (known && stamp.count === known.count && stamp.maxId === known.maxId) return;
        await fullDiff(db);
      } finally {
        syncing = null;
      }
    })();
    return syncing;
  }

  return {
    model,
    calibration: shippedCalibration(model),
    thresholds: options.thresholds ?? defaultQualityThresholds,
    keyring,
    index,
    async analyze(bytes) {
      const result = await baseAnalyze(bytes);
      if (result.ok) loaded = true;
      return result;
    },
    stale: () => stale,
    unreadable: () => unreadable,
    engineLoaded: () => loaded,
    backend: () => (loaded ? engine.backend() : null),
    async warmUp() {
      await engine.ready();
      loaded = true;
    },
    sync,
    added(rows) {
      for (const r of rows) addToIndex(r.employeeId, r.id, r.vector);
      if (known) {
        known = {
          count: known.count + rows.length,
          maxId: rows.reduce((m, r) => Math.max(m, r.id), known.maxId),
        };
      }
    },
    removed(ids) {
      let gone = 0;
      for (const id of ids) if (removeFromIndex(String(id))) gone++;
      if (known) known = { count: known.count - ids.length, maxId: known.maxId };
      // A stale template was not in the index: recount the stale ones at the next sync.
      if (gone < ids.length) known = null;
    },
    exclusive(work) {
      const next = lock.then(work, work);
      lock = next.catch(() => undefined);
      return next;
    },
    refresh(db, ids, op) {
      return inOrder(async () => {
        if (op === 'delete') {
          let gone = 0;
          for (const id of ids) if (removeFromIndex(String(id))) gone++;
          // A stale template was not in the index: recount the stale ones at the next full compare.
          if (gone < ids.length) known = null;
        } else {
          // An insert this server made itself is indexed already; an update replaces the vector in place.
          const todo = op === 'insert' ? ids.filter((id) => !indexed.has(String(id))) : [...ids];
          const rows =
            todo.length === 0
              ? []
              : await db.kysely
                  .selectFrom('face_templates')
                  .select(['id', 'model', 'model_version'])
                  .where('id', 'in', todo)
                  .execute();
          const current = new Set(
            rows.filter((r) => r.model === model.name && r.model_version === model.version).map((r) => r.id),
          );
          for (const id of todo) if (!current.has(id)) removeFromIndex(String(id));
          // A vector that does not open (a key not known here yet) keeps its old entry, if any; the count of
          // unreadable templates is taken at the next full compare.
          await openTemplates(db.kysely, keyring, [...current], (row) =>
            addToIndex(row.employeeId, row.id, row.vector),
          );
          if (current.size < rows.length) known = null; // stale ones: recount at the next full compare
        }
        // The counts kept for `sync` no longer say anything once another server changed the store.
        if (!following) known = null;
      });
    },
    reload(db) {
      return inOrder(async () => {
        known = null;
        await sync(db);
      });
    },
    setFollowing(value) {
      following = value;
      if (!value) known = null;
    },
  };
}

/** The context's face runtime, created on first use (no model is loaded by this). */
export function ensureFaceRuntime(ctx: ServiceContext): FaceRuntime {
  ctx.face ??= createFaceRuntime(ctx.config);
  return ctx.face;
}

/** The context's face runtime with its index level with the store. */
export async function faceRuntimeOf(ctx: ServiceContext): Promise<FaceRuntime> {
  const rt = ensureFaceRuntime(ctx);
  await rt.sync(ctx.db);
  return rt;
}
