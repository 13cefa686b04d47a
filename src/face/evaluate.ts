// Accuracy evaluation of a face engine on a labelled folder of photos: the figures `eval-faces` prints and
// the benchmark compares. Templates are held in memory only and never written anywhere.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import {
  type CalibrationRecord,
  equalErrorRate,
  evaluateIdentification,
  foldAccuracy,
  type LabelledEmbedding,
  ratesAt,
  type ScoredPair,
  tarAtFar,
} from '../core/face/calibration.js';
import { dot } from '../core/face/vector.js';
import type { EmbedReply, EmbedRequest } from './embed-worker.js';
import type { FaceEngine, FaceEngineOptions } from './engine.js';
import { startFaceWorker } from './worker-start.js';

export interface LabelRow {
  file: string;
  identity: string;
}

export interface PairRow {
  fileX: string;
  fileY: string;
  same: boolean;
  fold?: number;
}

export async function readLabels(file: string): Promise<LabelRow[]> {
  const rows = parse(await readFile(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
  return rows.map((r, i) => {
    if (!r.file || !r.identity) throw new Error(`${file}: row ${i + 2} needs "file" and "identity"`);
    return { file: r.file, identity: r.identity };
  });
}

export async function readPairs(file: string): Promise<PairRow[]> {
  const rows = parse(await readFile(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
  return rows.map((r, i) => {
    const decision = (r.decision ?? '').toLowerCase();
    if (!r.file_x || !r.file_y || !['yes', 'no'].includes(decision)) {
      throw new Error(`${file}: row ${i + 2} needs "file_x", "file_y" and "decision" Yes/No`);
    }
    const fold = r.fold === undefined || r.fold === '' ? undefined : Number(r.fold);
    if (fold !== undefined && !Number.isFinite(fold))
      throw new Error(`${file}: row ${i + 2} has fold "${r.fold}"`);
    return { fileX: r.file_x, fileY: r.file_y, same: decision === 'yes', fold };
  });
}

/** Every pair of labelled photos, when no pair list is given. */
export function allPairs(labels: readonly LabelRow[]): PairRow[] {
  const out: PairRow[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      out.push({
        fileX: labels[i].file,
        fileY: labels[j].file,
        same: labels[i].identity === labels[j].identity,
      });
    }
  }
  return out;
}

export interface EmbeddedPhoto {
  file: string;
  identity: string;
  embedding: Float32Array | null;
  ms: number;
}

/** Templates of the labelled photos, one after another on this thread. */
export async function embedPhotos(
  engine: FaceEngine,
  imagesDir: string,
  labels: readonly LabelRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<EmbeddedPhoto[]> {
  await engine.ready();
  const out: EmbeddedPhoto[] = [];
  for (const { file, identity } of labels) {
    const bytes = await readFile(path.resolve(imagesDir, file));
    const t0 = performance.now();
    let embedding: Float32Array | null = null;
    try {
      const analysis = await engine.analyze(bytes);
      embedding = analysis.faces[0]?.embedding ?? null;
    } catch {
      // An undecodable photo counts like a photo without a face.
    }
    out.push({ file, identity, embedding, ms: performance.now() - t0 });
    onProgress?.(out.length, labels.length);
  }
  return out;
}

/**
 * The same on `workers` threads, each with its own engine (models load once per thread). Every photo is
 * still analysed on one core, so `ms` stays the single-core time per photo.
 */
export async function embedPhotosInParallel(
  options: FaceEngineOptions,
  imagesDir: string,
  labels: readonly LabelRow[],
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<EmbeddedPhoto[]> {
  const results: (EmbeddedPhoto | undefined)[] = labels.map(() => undefined);
  let next = 0;
  let done = 0;
  const pool = Array.from({ length: Math.max(1, Math.min(workers, labels.length)) }, () =>
    startFaceWorker('embed-worker', { options }),
  );
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= labels.length) {
                resolve();
                return;
              }
              const id = next++;
              const request: EmbedRequest = { id, path: path.resolve(imagesDir, labels[id].file) };
              worker.postMessage(request);
            };
            worker.on('message', (reply: EmbedReply) => {
              const { file, identity } = labels[reply.id];
              results[reply.id] = { file, identity, embedding: reply.embedding, ms: reply.ms };
              onProgress?.(++done, labels.length);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (next < labels.length || done < labels.length)
                reject(new Error(`face worker stopped (${code})`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results.map((r, i) => {
    if (!r) throw new Error(`no result for ${labels[i].file}`);
    return r;
  });
}

export interface EvaluationReport {
  model: string;
  version: string;
  images: number;
  detected: number;
  detectionRate: number;
  genuinePairs: number;
  impostorPairs: number;
  eer: number;
  eerThreshold: number;
  tarAtFar1e2: number;
  tarAtFar1e3: number;
  threshold: number;
  margin: number;
  accuracyAtThreshold: number;
  farAtThreshold: number;
  frrAtThreshold: number;
  falseAcceptsAtThreshold: number;
  tenFoldAccuracy: number | null;
  tenFoldStd: number | null;
  rank1: number;
  openSetFpir: number;
  openSetFnir: number;
  msPerImage: number;
}

export function scorePairs(photos: readonly EmbeddedPhoto[], pairs: readonly PairRow[]): ScoredPair[] {
  const byFile = new Map(photos.map((p) => [p.file, p.embedding]));
  return pairs.map((p) => {
    if (!byFile.has(p.fileX) || !byFile.has(p.fileY)) {
      throw new Error(`pair ${p.fileX} / ${p.fileY} names a photo missing from the labels`);
    }
    const x = byFile.get(p.fileX) ?? null;
    const y = byFile.get(p.fileY) ?? null;
    return { score: x && y ? dot(x, y) : null, same: p.same, fold: p.fold };
  });
}

export function summarize(
  photos: readonly EmbeddedPhoto[],
  pairs: readonly PairRow[],
  calibration: CalibrationRecord,
): EvaluationReport {
  const scored = scorePairs(photos, pairs);
  const detected = photos.filter((p) => p.embedding !== null).length;
  const eer = equalErrorRate(scored);
  const at = ratesAt(scored, calibration.threshold);
  const impostorPairs = scored.filter((p) => !p.same).length;
  const folds = foldAccuracy(scored);
  const items: LabelledEmbedding[] = photos.map((p) => ({ identity: p.identity, embedding: p.embedding }));
  const ident = evaluateIdentification(items, calibration);
  return {
    model: calibration.model,
    version: calibration.version,
    images: photos.length,
    detected,
    detectionRate: photos.length === 0 ? 0 : detected / photos.length,
    genuinePairs: scored.length - impostorPairs,
    impostorPairs,
    eer: eer.eer,
    eerThreshold: eer.threshold,
    tarAtFar1e2: tarAtFar(scored, 1e-2).tar,
    tarAtFar1e3: tarAtFar(scored, 1e-3).tar,
    threshold: calibration.threshold,
    margin: calibration.margin,
    accuracyAtThreshold: at.accuracy,
    farAtThreshold: at.far,
    frrAtThreshold: at.frr,
    falseAcceptsAtThreshold: Math.round(at.far * impostorPairs),
    tenFoldAccuracy: folds?.mean ?? null,
    tenFoldStd: folds?.std ?? null,
    rank1: ident.rank1,
    openSetFpir: ident.openSetFpir,
    openSetFnir: ident.openSetFnir,
    msPerImage: photos.length === 0 ? 0 : photos.reduce((a, p) => a + p.ms, 0) / photos.length,
  };
}
