// One TensorFlow.js instance for the whole process, on the wasm backend, shared by Human (detection, mesh,
// anti-spoof, liveness) and face-api (the recognition net). Both bundles `require` the same
// @tensorflow/* packages, so loading them through Node's CommonJS loader gives them one engine.
// Models are read from the npm package folders on disk; nothing is downloaded.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as FaceApi from '@vladmandic/face-api';
import type { Config, Human } from '@vladmandic/human';

const require = createRequire(import.meta.url);

export type Tf = typeof TfCore;
export type FaceApiModule = typeof FaceApi;
export type HumanConstructor = new (config?: Partial<Config>) => Human;

export interface TfRuntime {
  tf: Tf;
  Human: HumanConstructor;
  faceapi: FaceApiModule;
  humanVersion: string;
  faceApiVersion: string;
  tfjsVersion: string;
  humanModelDir: string;
  faceApiModelDir: string;
  wasmDir: string;
}

function packageDir(name: string): string {
  // Both packages' "main" lives in dist/; their package.json is not exported, so walk up from main.
  return path.dirname(path.dirname(require.resolve(name)));
}

function packageVersion(dir: string): string {
  return (require(path.join(dir, 'package.json')) as { version: string }).version;
}

let runtime: TfRuntime | undefined;

/** Loads the modules once and registers the file:// model loader. Does not load any model weights. */
export function tfRuntime(): TfRuntime {
  if (runtime) return runtime;
  const tf = require('@tensorflow/tfjs-core') as Tf;
  require('@tensorflow/tfjs-backend-wasm');
  const humanDir = packageDir('@vladmandic/human');
  const faceApiDir = packageDir('@vladmandic/face-api');
  const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), path.sep);
  const humanModule = require(path.join(humanDir, 'dist/human.node-wasm.js')) as { Human: HumanConstructor };
  const faceapi = require(path.join(faceApiDir, 'dist/face-api.node-wasm.js')) as FaceApiModule;
  if ((faceapi.tf as unknown as Tf).engine() !== tf.engine()) {
    throw new Error('face-api and Human loaded different TensorFlow.js engines');
  }
  tf.io.registerLoadRouter((url) => {
    const first = Array.isArray(url) ? url[0] : url;
    // The router contract returns null for URLs it does not handle; the typings omit that case.
    return (
      typeof first === 'string' && first.startsWith('file://') ? fileModelHandler(tf, first.slice(7)) : null
    ) as TfCore.io.IOHandler;
  });
  runtime = {
    tf,
    Human: humanModule.Human,
    faceapi,
    humanVersion: packageVersion(humanDir),
    faceApiVersion: packageVersion(faceApiDir),
    tfjsVersion: tf.version_core,
    humanModelDir: path.join(humanDir, 'models'),
    faceApiModelDir: path.join(faceApiDir, 'model'),
    wasmDir,
  };
  return runtime;
}

/** A TensorFlow.js IO handler that reads a graph model's JSON and weight shards from disk. */
export function fileModelHandler(tf: Tf, jsonPath: string): TfCore.io.IOHandler {
  return {
    async load() {
      const modelJson = JSON.parse(await readFile(jsonPath, 'utf8')) as TfCore.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: TfCore.io.WeightsManifestEntry[] = [];
        const shards: Buffer[] = [];
        for (const group of manifest) {
          for (const file of group.paths)
            shards.push(await readFile(path.join(path.dirname(jsonPath), file)));
          specs.push(...group.weights);
        }
        const all = Buffer.concat(shards);
        return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer];
      });
    },
  };
}
