// An evaluation worker: builds the model once from the stored configuration it is given, then evaluates the
// chunks the recompute sends it and returns the rows to store.
import { parentPort } from 'node:worker_threads';
import { type ChunkInput, evaluateChunk } from './evaluate-chunk.js';
import { buildModel, type Model, type RawModel } from './model.js';

type Message = { type: 'init'; raw: RawModel } | { type: 'evaluate'; id: number; input: ChunkInput };

let model: Model | null = null;
parentPort!.on('message', (message: Message) => {
  if (message.type === 'init') {
    model = buildModel(message.raw);
    return;
  }
  try {
    parentPort!.postMessage({ id: message.id, output: evaluateChunk(model!, message.input) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
