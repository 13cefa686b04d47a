// A worker thread of the face-engine pool: its own engine (its own TensorFlow.js wasm instance and models),
// answering analyze requests one at a time. Images and templates travel in memory only, never to disk or logs.
import { parentPort, workerData } from 'node:worker_threads';
import { createFaceEngine, type FaceEngineOptions } from './engine.js';
import type { PoolReply, PoolRequest } from './engine-pool.js';
import { FaceImageError } from './errors.js';

const engine = createFaceEngine((workerData as { options: FaceEngineOptions }).options);
const port = parentPort!;

port.on('message', async (request: PoolRequest) => {
  let reply: PoolReply;
  try {
    let analysis = null;
    if (request.kind === 'ready') await engine.ready();
    else if (request.kind === 'bytes') analysis = await engine.analyze(request.bytes, request.options);
    else analysis = await engine.analyzeImage(request.image, request.options);
    reply = { id: request.id, analysis, backend: engine.backend() };
  } catch (error) {
    const e = error as Error;
    reply = {
      id: request.id,
      error: {
        message: e.message,
        imageCode: error instanceof FaceImageError ? error.code : undefined,
      },
    };
  }
  port.postMessage(reply);
});
