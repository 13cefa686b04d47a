// `faceclock eval-faces`: accuracy of the face engine on a labelled folder of photos.

import os from 'node:os';
import type { Command } from 'commander';
import type { EvaluationReport } from '../../face/evaluate.js';

interface EvalFacesOptions {
  images: string;
  labels: string;
  pairs?: string;
  json?: boolean;
  threshold?: string;
  margin?: string;
  workers?: string;
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

function formatReport(r: EvaluationReport): string {
  const lines: [string, string][] = [
    ['model', `${r.model} (${r.version})`],
    ['faces found', `${r.detected} of ${r.images} (${pct(r.detectionRate)})`],
    ['pairs', `${r.genuinePairs} same person, ${r.impostorPairs} different`],
    ['equal-error rate', `${pct(r.eer)} at ${r.eerThreshold.toFixed(4)}`],
    ['true accepts at FAR 1%', pct(r.tarAtFar1e2)],
    ['true accepts at FAR 0.1%', pct(r.tarAtFar1e3)],
    ['shipped threshold / margin', `${r.threshold} / ${r.margin}`],
    ['  accuracy', pct(r.accuracyAtThreshold)],
    ['  false accepts', `${pct(r.farAtThreshold)} (${r.falseAcceptsAtThreshold} pairs)`],
    ['  false rejects', pct(r.frrAtThreshold)],
    [
      'ten-fold accuracy',
      r.tenFoldAccuracy === null ? 'no fold column' : `${pct(r.tenFoldAccuracy)} ± ${pct(r.tenFoldStd ?? 0)}`,
    ],
    ['rank-1 identification', pct(r.rank1)],
    ['open-set false positives', pct(r.openSetFpir)],
    ['open-set false negatives', pct(r.openSetFnir)],
    ['time per image', `${r.msPerImage.toFixed(1)} ms`],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

function defaultWorkers(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

function parseScore(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < -1 || n > 1) throw new Error(`--${name} must be a number between -1 and 1`);
  return n;
}

export function register(program: Command): void {
  program
    .command('eval-faces')
    .description(
      'Measure face detection, verification and identification accuracy on labelled photos. ' +
        'A photo whose face is not found fails every comparison it is in.',
    )
    .requiredOption('--images <dir>', 'folder holding the photos')
    .requiredOption('--labels <file>', 'CSV with columns file,identity')
    .option(
      '--pairs <file>',
      'CSV with columns file_x,file_y,decision[,fold] (decision Yes/No); default: every pair',
    )
    .option('--threshold <cosine>', 'evaluate at this threshold instead of the shipped one')
    .option('--margin <cosine>', 'evaluate with this second-best margin instead of the shipped one')
    .option(
      '--workers <n>',
      'analyse photos on this many threads (each on one core)',
      String(defaultWorkers()),
    )
    .option('--json', 'print one JSON object')
    .action(async (options: EvalFacesOptions) => {
      // The face models load only when this command runs, so other commands start quickly.
      const { shippedCalibration } = await import('../../face/calibration.js');
      const { getFaceEngine } = await import('../../face/engine.js');
      const { allPairs, embedPhotos, embedPhotosInParallel, readLabels, readPairs, summarize } = await import(
        '../../face/evaluate.js'
      );
      const engine = getFaceEngine();
      const calibration = shippedCalibration(engine.modelInfo);
      calibration.threshold = parseScore('threshold', options.threshold) ?? calibration.threshold;
      calibration.margin = parseScore('margin', options.margin) ?? calibration.margin;
      const labels = await readLabels(options.labels);
      const pairs = options.pairs ? await readPairs(options.pairs) : allPairs(labels);
      const progress =
        options.json || !process.stderr.isTTY
          ? undefined
          : (done: number, total: number) => process.stderr.write(`\r${done}/${total} photos`);
      const workers = Number(options.workers ?? 1);
      if (!Number.isInteger(workers) || workers < 1)
        throw new Error('--workers must be a whole number, 1 or more');
      const photos =
        workers > 1
          ? await embedPhotosInParallel({}, options.images, labels, workers, progress)
          : await embedPhotos(engine, options.images, labels, progress);
      if (progress) process.stderr.write('\n');
      const report = summarize(photos, pairs, calibration);
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
    });
}
