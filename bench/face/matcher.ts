// 1:N search speed and index memory for synthetic templates.

import { performance } from 'node:perf_hooks';
import { createMatcherIndex, type TemplateStorage } from '../../src/core/face/matcher-index.js';

/** A deterministic generator so runs are comparable. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function gaussianVector(next: () => number, dim: number): Float32Array {
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++)
    v[i] = Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  return v;
}

export interface MatcherBenchRow {
  templates: number;
  storage: TemplateStorage;
  msPerProbe: number;
  indexMB: number;
}

export function benchMatcher(sizes = [1_000, 10_000, 100_000], templatesPerEmployee = 5): MatcherBenchRow[] {
  const rows: MatcherBenchRow[] = [];
  for (const storage of ['float32', 'int8'] as const) {
    for (const n of sizes) {
      const next = random(n);
      const index = createMatcherIndex({ dimension: 128, storage });
      for (let i = 0; i < n; i++) {
        index.add(`e${Math.floor(i / templatesPerEmployee)}`, `t${i}`, gaussianVector(next, 128));
      }
      const probes = Array.from({ length: 50 }, () => gaussianVector(next, 128));
      for (const p of probes.slice(0, 10)) index.searchEmployees(p, 5);
      const t0 = performance.now();
      for (const p of probes) index.searchEmployees(p, 5);
      rows.push({
        templates: n,
        storage,
        msPerProbe: (performance.now() - t0) / probes.length,
        indexMB: index.byteSize() / 1024 / 1024,
      });
    }
  }
  return rows;
}

export function printMatcherBench(rows: MatcherBenchRow[]): void {
  console.log('\n1:N search (top-5 employees, 5 templates each, 128-d), one core');
  console.log('templates   storage   ms/probe   index MB');
  for (const r of rows) {
    console.log(
      `${String(r.templates).padStart(9)}   ${r.storage.padEnd(7)}   ${r.msPerProbe.toFixed(2).padStart(8)}   ${r.indexMB
        .toFixed(1)
        .padStart(8)}`,
    );
  }
}
