// A face engine spread over worker threads. TensorFlow.js's wasm backend runs one image at a time on the thread
// that calls it, so one engine uses one core; a pool of N engines analyses N images at once on N cores, and
// keeps the server's main thread free for requests while a face is analysed. Same interface as the engine:
// the face runtime does not know which one it holds. Each worker loads its own models (about 150 MB each).
import type { Worker } from 'node:worker_threads';
import type { RgbImage } from './decode.js';
import {
  type AnalyzeOptions,
  type FaceAnalysis,
  type FaceEngine,
  type FaceEngineOptions,
  faceModelInfo,
} from './engine.js';
import { FaceImageError, type FaceImageErrorCode } from './errors.js';
import { startFaceWorker } from './worker-start.js';

export type PoolRequest =
  | { id: number; kind: 'ready' }
  | { id: number; kind: 'bytes'; bytes: Uint8Array; options?: AnalyzeOptions }
  | { id: number; kind: 'image'; image: RgbImage; options?: AnalyzeOptions };

export type PoolReply =
  | { id: number; analysis: FaceAnalysis | null; backend: string; error?: undefined }
  | { id: number; error: { message: string; imageCode?: FaceImageErrorCode } };

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

type Job = { request: PoolRequest; resolve: (reply: PoolReply) => void; reject: (error: Error) => void };

interface Slot {
  worker: Worker;
  busy: Job | null;
}

export interface FaceEnginePool extends FaceEngine {
  readonly size: number;
  /** Stops the workers; analyses still waiting are refused. */
  close(): Promise<void>;
}

export function createFaceEnginePool(size: number, options: FaceEngineOptions = {}): FaceEnginePool {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`a face engine pool needs at least one worker (${size})`);
  const modelInfo = faceModelInfo(options.embedding);
  const queue: Job[] = [];
  let slots: Slot[] | null = null;
  let nextId = 1;
  let backend = '';
  let closed = false;

  const fail = (slot: Slot, error: Error) => {
    const job = slot.busy;
    slot.busy = null;
    job?.reject(error);
    // A worker that died is replaced, so one bad image cannot shrink the pool.
    if (!closed && slots) {
      const i = slots.indexOf(slot);
      if (i >= 0) slots[i] = start();
      pump();
    }
  };

  const start = (): Slot => {
    const slot: Slot = { worker: startFaceWorker('pool-worker', { options }), busy: null };
    slot.worker.on('message', (reply: PoolReply) => {
      const job = slot.busy;
      slot.busy = null;
      slot.worker.unref();
      if (job) {
        if (!reply.error) backend = reply.backend;
        job.resolve(reply);
      }
      pump();
    });
    slot.worker.on('error', (error) => fail(slot, error));
    slot.worker.on('exit', (code) => {
      if (!closed) fail(slot, new Error(`face worker stopped (${code})`));
    });
    // An idle worker does not keep the process alive; a busy one does (see pump).
    slot.worker.unref();
    return slot;
  };

  const pump = () => {
    if (!slots) return;
    for (const slot of slots) {
      if (slot.busy || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.busy = job;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  };

  const submit = (request: DistributiveOmit<PoolRequest, 'id'>): Promise<PoolReply> => {
    if (closed) return Promise.reject(new Error('the face engine pool is closed'));
    slots ??= Array.from({ length: size }, start);
    return new Promise((resolve, reject) => {
      queue.push({ request: { ...request, id: nextId++ } as PoolRequest, resolve, reject });
      pump();
    });
  };

  const analysisOf = (reply: PoolReply): FaceAnalysis => {
    if (reply.error) {
      if (reply.error.imageCode) throw new FaceImageError(reply.error.imageCode, reply.error.message);
      throw new Error(reply.error.message);
    }
    return reply.analysis!;
  };

  return {
    size,
    modelInfo,
    async ready() {
      // Every worker loads its models now (each takes the next request it is free for).
      const replies = await Promise.all(Array.from({ length: size }, () => submit({ kind: 'ready' })));
      for (const reply of replies) if (reply.error) throw new Error(reply.error.message);
    },
    async analyze(imageBytes: Uint8Array, analyzeOptions?: AnalyzeOptions) {
      return analysisOf(await submit({ kind: 'bytes', bytes: imageBytes, options: analyzeOptions }));
    },
    async analyzeImage(image: RgbImage, analyzeOptions?: AnalyzeOptions) {
      return analysisOf(await submit({ kind: 'image', image, options: analyzeOptions }));
    },
    backend: () => backend,
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the face engine pool is closed'));
      await Promise.all((slots ?? []).map((s) => s.worker.terminate()));
    },
  };
}
