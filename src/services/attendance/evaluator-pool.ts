// Evaluation workers for large recomputes: the engine is CPU-bound, so chunks are evaluated on the other
// cores while the recompute thread loads the next inputs and writes the previous results.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkInput, ChunkOutput } from './evaluate-chunk.js';
import type { RawModel } from './model.js';

export class EvaluatorPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly calls = new Map<
    number,
    { resolve: (o: ChunkOutput) => void; reject: (e: Error) => void }
  >();
  private next = 1;
  private failure: Error | null = null;

  constructor(raw: RawModel, size = EvaluatorPool.defaultSize()) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./evaluate-worker.mjs', import.meta.url));
      worker.on('message', (m: { id: number; output?: ChunkOutput; error?: string }) => {
        const call = this.calls.get(m.id);
        this.calls.delete(m.id);
        this.release(worker);
        if (!call) return;
        if (m.error) call.reject(new Error(`evaluation worker: ${m.error}`));
        else call.resolve(m.output!);
      });
      worker.on('error', (error) => {
        this.failure = error;
        for (const call of this.calls.values()) call.reject(error);
        this.calls.clear();
        for (const wake of this.waiting.splice(0)) wake();
      });
      worker.postMessage({ type: 'init', raw });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  static defaultSize(): number {
    return Math.max(1, Math.min(4, os.availableParallelism()));
  }

  get size(): number {
    return this.workers.length;
  }

  private release(worker: Worker) {
    this.idle.push(worker);
    this.waiting.shift()?.();
  }

  async evaluate(input: ChunkInput): Promise<ChunkOutput> {
    while (this.idle.length === 0 && !this.failure) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    if (this.failure) throw this.failure;
    const worker = this.idle.pop()!;
    const id = this.next++;
    return new Promise<ChunkOutput>((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      worker.postMessage({ type: 'evaluate', id, input });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
