// Face benchmarks: accuracy of each candidate pipeline side by side, time per frame, 1:N search.
// Run with `npx tsx bench/face/index.ts` (pin to one core with `taskset -c 0` for the per-frame figure).

import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { benchAccuracy, candidates, printAccuracyBench } from './accuracy.js';
import { benchFrame, printFrameBench } from './frame.js';
import { benchMatcher, printMatcherBench } from './matcher.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function main(): Promise<void> {
  const facesDir = path.resolve(repoRoot, '../shared/faces');
  // One libvips thread, so decoding does not borrow a second core.
  sharp.concurrency(1);
  console.log(`Face benchmarks on ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  printFrameBench(
    await benchFrame(facesDir, [
      { label: 'shipped (dlib + mirror)', options: {} },
      { label: 'dlib without mirror', options: { embedding: 'dlib' } },
      { label: 'Human faceres alone', options: { embedding: 'faceres' } },
    ]),
  );
  printMatcherBench(benchMatcher());
  printAccuracyBench(await benchAccuracy(facesDir));
  console.log(`\ncandidates: ${candidates.map((c) => c.label).join('; ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
