// Side-by-side accuracy of the candidate face pipelines on the shared labelled photos, upright and tilted.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { shippedCalibration } from '../../src/face/calibration.js';
import { createFaceEngine, type FaceEngineOptions } from '../../src/face/engine.js';
import {
  allPairs,
  type EmbeddedPhoto,
  type EvaluationReport,
  type LabelRow,
  readLabels,
  readPairs,
  summarize,
} from '../../src/face/evaluate.js';

export interface Candidate {
  label: string;
  options: FaceEngineOptions;
}

export const candidates: Candidate[] = [
  { label: 'Human faceres alone', options: { embedding: 'faceres', padding: 'never' } },
  { label: 'recipe: mesh 5-pt + dlib, no mirror', options: { embedding: 'dlib', padding: 'retry' } },
  { label: 'recipe: mesh 5-pt + dlib + mirror', options: { embedding: 'dlib-mirror', padding: 'retry' } },
  { label: 'shipped: recipe + edge framing', options: { embedding: 'dlib-mirror', padding: 'edge' } },
];

/** A tilt of 10–30° either way, the same for a given photo on every run. */
export function tiltFor(index: number): number {
  return (10 + ((index * 7) % 21)) * (index % 2 ? 1 : -1);
}

async function embedAll(
  options: FaceEngineOptions,
  dir: string,
  labels: readonly LabelRow[],
  tilt: boolean,
): Promise<EmbeddedPhoto[]> {
  const engine = createFaceEngine(options);
  await engine.ready();
  const out: EmbeddedPhoto[] = [];
  for (const [i, { file, identity }] of labels.entries()) {
    let bytes: Uint8Array = await readFile(path.join(dir, file));
    if (tilt) {
      bytes = await sharp(bytes)
        .rotate()
        .rotate(tiltFor(i), { background: '#000' })
        .jpeg({ quality: 95 })
        .toBuffer();
    }
    const t0 = performance.now();
    const analysis = await engine.analyze(bytes);
    out.push({ file, identity, embedding: analysis.faces[0]?.embedding ?? null, ms: performance.now() - t0 });
  }
  return out;
}

export interface AccuracyRow {
  label: string;
  tilted: boolean;
  pairsCsv: EvaluationReport;
  everyPair: EvaluationReport;
}

export async function benchAccuracy(facesDir: string, tilted = [false, true]): Promise<AccuracyRow[]> {
  const labels = await readLabels(path.join(facesDir, 'labels.csv'));
  const pairs = await readPairs(path.join(facesDir, 'pairs.csv'));
  const every = allPairs(labels);
  const rows: AccuracyRow[] = [];
  for (const tilt of tilted) {
    for (const c of candidates) {
      const photos = await embedAll(c.options, facesDir, labels, tilt);
      const calibration = shippedCalibration(createFaceEngine(c.options).modelInfo);
      rows.push({
        label: c.label,
        tilted: tilt,
        pairsCsv: summarize(photos, pairs, calibration),
        everyPair: summarize(photos, every, calibration),
      });
    }
  }
  return rows;
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`.padStart(7);

export function printAccuracyBench(rows: AccuracyRow[]): void {
  console.log('\nAccuracy on ../shared/faces (119 photos, 28 people); "tilted" = each photo rotated 10–30°');
  console.log(
    'EER/TAR on every pair (about 237 same, 6,784 different); FA/FR at the shipped threshold on pairs.csv',
  );
  console.log(
    'pipeline                               photos  found  EER      TAR@1e-3  thr    FA(380) FR(140) rank-1   FPIR     FNIR     ms/img',
  );
  for (const r of rows) {
    const e = r.everyPair;
    const p = r.pairsCsv;
    console.log(
      [
        r.label.padEnd(38),
        (r.tilted ? 'tilted' : 'upright').padEnd(7),
        `${e.detected}/${e.images}`.padStart(6),
        pct(e.eer),
        pct(e.tarAtFar1e3),
        ` ${e.threshold.toFixed(3)}`,
        String(p.falseAcceptsAtThreshold).padStart(7),
        String(Math.round(p.frrAtThreshold * p.genuinePairs)).padStart(7),
        pct(e.rank1),
        pct(e.openSetFpir),
        pct(e.openSetFnir),
        e.msPerImage.toFixed(0).padStart(6),
      ].join(' '),
    );
  }
}
