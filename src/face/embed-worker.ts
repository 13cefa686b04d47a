// A worker thread holding its own face engine (its own TensorFlow.js wasm instance), for evaluating large
// photo sets on several cores. Templates travel back to the parent in memory only.

import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createFaceEngine, type FaceEngineOptions } from './engine.js';

export interface EmbedRequest {
  id: number;
  path: string;
}

export interface EmbedReply {
  id: number;
  embedding: Float32Array | null;
  ms: number;
}

const engine = createFaceEngine((workerData as { options: FaceEngineOptions }).options);
const port = parentPort!;

port.on('message', async (request: EmbedRequest) => {
  let embedding: Float32Array | null = null;
  let ms = 0;
  try {
    const bytes = await readFile(request.path);
    await engine.ready();
    const t0 = performance.now();
    try {
      embedding = (await engine.analyze(bytes)).faces[0]?.embedding ?? null;
    } finally {
      ms = performance.now() - t0;
    }
  } catch {
    // An unreadable photo counts like a photo without a face.
  }
  const reply: EmbedReply = { id: request.id, embedding, ms };
  port.postMessage(reply, embedding ? [embedding.buffer as ArrayBuffer] : []);
});
