// Time per 640×480 frame on one core: detect + mesh + anti-spoof + liveness + quality + align + embed.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { decodeImage } from '../../src/face/decode.js';
import { createFaceEngine, type FaceEngineOptions } from '../../src/face/engine.js';
import { checkQuality } from '../../src/face/quality.js';

export interface FrameBenchRow {
  label: string;
  msPerFrame: number;
  /** CPU time of this process per frame: the same as wall time on an idle core, steadier on a busy one. */
  cpuMsPerFrame: number;
  detectMs: number;
  alignMs: number;
  embedMs: number;
  decodeMs: number;
}

export async function benchFrame(
  facesDir: string,
  variants: { label: string; options: FaceEngineOptions }[],
  frames = 30,
): Promise<FrameBenchRow[]> {
  const files = ['deepface__img1.jpg', 'deepface__img20.jpg', 'facerec__obama.jpg'];
  // A kiosk frame: the person in the middle of a 640×480 picture, the face clear of the borders.
  const jpegs = await Promise.all(
    files.map(async (f) => {
      const person = await sharp(await readFile(path.join(facesDir, f)))
        .rotate()
        .resize({ width: 480, height: 400, fit: 'inside' })
        .toBuffer({ resolveWithObject: true });
      return sharp({ create: { width: 640, height: 480, channels: 3, background: '#6d6a64' } })
        .composite([
          {
            input: person.data,
            left: Math.round((640 - person.info.width) / 2),
            top: Math.round((480 - person.info.height) / 2),
          },
        ])
        .jpeg({ quality: 90 })
        .toBuffer();
    }),
  );
  const rows: FrameBenchRow[] = [];
  for (const v of variants) {
    const engine = createFaceEngine(v.options);
    await engine.ready();
    const images = await Promise.all(jpegs.map((j) => decodeImage(j)));
    for (const img of images) await engine.analyzeImage(img);
    let total = 0;
    const cpu0 = process.cpuUsage();
    let detect = 0;
    let align = 0;
    let embed = 0;
    for (let i = 0; i < frames; i++) {
      const t0 = performance.now();
      const a = await engine.analyzeImage(images[i % images.length]);
      checkQuality(a, { checkSpoof: true });
      total += performance.now() - t0;
      detect += a.timings.detectMs;
      align += a.timings.alignMs;
      embed += a.timings.embedMs;
    }
    const cpu = process.cpuUsage(cpu0);
    let decode = 0;
    for (let i = 0; i < frames; i++) {
      const t0 = performance.now();
      await decodeImage(jpegs[i % jpegs.length]);
      decode += performance.now() - t0;
    }
    rows.push({
      label: v.label,
      msPerFrame: total / frames,
      cpuMsPerFrame: (cpu.user + cpu.system) / 1000 / frames,
      detectMs: detect / frames,
      alignMs: align / frames,
      embedMs: embed / frames,
      decodeMs: decode / frames,
    });
  }
  return rows;
}

export function printFrameBench(rows: FrameBenchRow[]): void {
  console.log(
    '\nPer 640×480 frame, one core (detect + mesh + antispoof + liveness + quality + align + embed)',
  );
  console.log(
    'pipeline                               ms/frame  cpu ms  detect  align  embed   (+ JPEG decode)',
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(38)} ${r.msPerFrame.toFixed(1).padStart(8)} ${r.cpuMsPerFrame.toFixed(1).padStart(7)} ${r.detectMs.toFixed(1).padStart(7)} ${r.alignMs
        .toFixed(1)
        .padStart(6)} ${r.embedMs.toFixed(1).padStart(6)}   ${r.decodeMs.toFixed(1)}`,
    );
  }
}
