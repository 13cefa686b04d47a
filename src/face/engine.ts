// The face engine: decode → detect (Human: BlazeFace + face mesh, anti-spoof, liveness) → align five mesh
// landmarks to dlib's 150×150 chip → face-api's dlib recognition net on the chip and its mirror → one
// 128-d unit template. Models load once, on first use.

import { performance } from 'node:perf_hooks';
import type { Config, FaceResult, Human } from '@vladmandic/human';
import type { FaceQualityMeasures } from '../core/face/quality-gate.js';
import { meanDirection } from '../core/face/vector.js';
import {
  DLIB_FIVE_POINT_TEMPLATE,
  estimateSimilarity,
  mirrorChip,
  type Point,
  similarityAngleDegrees,
  warpToChip,
} from './align.js';
import { type DecodeLimits, decodeImage, defaultDecodeLimits, type RgbImage } from './decode.js';
import { createDlibNet, type DlibNet, type DlibNetParams } from './dlib-net.js';
import { eyeDistance, fivePoints } from './landmarks.js';
import { padImage } from './pad.js';
import { measureFace } from './quality.js';
import { type TfRuntime, tfRuntime } from './tf-runtime.js';

/** How a face becomes a template; the default is the shipped pipeline, the others exist for benchmarks. */
export type EmbeddingMethod =
  /** dlib net on the aligned chip and its mirror, normalised and averaged (shipped). */
  | 'dlib-mirror'
  /** dlib net on the aligned chip only. */
  | 'dlib'
  /** Human's own faceres model (1024-d) on Human's crop. */
  | 'faceres';

export interface FaceEngineOptions {
  embedding?: EmbeddingMethod;
  decodeLimits?: DecodeLimits;
  /** Minimum BlazeFace confidence. */
  minDetectionScore?: number;
  /** Most faces reported per image (extra faces matter only to refuse crowded photos). */
  maxFaces?: number;
  /** Run Human's antispoof and liveness models (about 10 ms a face). */
  antiSpoof?: boolean;
  /**
   * Framing the image with a border for faces that fill the frame: 'retry' when no face is found, 'edge'
   * also when the main face's box reaches the image border, 'always', or 'never'.
   */
  padding?: 'never' | 'retry' | 'edge' | 'always';
}

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AnalyzedFace {
  box: FaceBox;
  detectionScore: number;
  /** The five alignment landmarks in image pixels. */
  landmarks: Point[];
  quality: FaceQualityMeasures;
  antispoof: number | null;
  liveness: number | null;
  /** Unit-length template; null for faces other than the main one unless `embed: 'all'`. */
  embedding: Float32Array | null;
}

export interface FaceAnalysis {
  /** Size of the decoded (EXIF-rotated, possibly downscaled) image the coordinates refer to. */
  width: number;
  height: number;
  /** Main face first (the largest, preferring the centre), then the others. */
  faces: AnalyzedFace[];
  /** Whether the face was only found after framing the image with a border. */
  padded: boolean;
  timings: { decodeMs: number; detectMs: number; alignMs: number; embedMs: number };
}

export interface AnalyzeOptions {
  embed?: 'main' | 'all' | 'none';
}

export interface FaceModelInfo {
  /** Changes whenever templates stop being comparable (model or pipeline). */
  name: string;
  version: string;
  dimension: number;
}

export interface FaceEngine {
  readonly modelInfo: FaceModelInfo;
  /** Loads the models now instead of on first use. */
  ready(): Promise<void>;
  analyze(imageBytes: Uint8Array, options?: AnalyzeOptions): Promise<FaceAnalysis>;
  analyzeImage(image: RgbImage, options?: AnalyzeOptions): Promise<FaceAnalysis>;
  /** The TensorFlow.js backend in use ('wasm'). */
  backend(): string;
}

/** Bumped whenever detection, alignment or fusion changes in a way that moves templates. */
const PIPELINE_REVISION = 1;

export function faceModelInfo(
  method: EmbeddingMethod = 'dlib-mirror',
  rt: TfRuntime = tfRuntime(),
): FaceModelInfo {
  const versions = `human ${rt.humanVersion}, face-api ${rt.faceApiVersion}, pipeline ${PIPELINE_REVISION}`;
  if (method === 'faceres') return { name: 'human-faceres', version: versions, dimension: 1024 };
  const name = method === 'dlib-mirror' ? 'dlib-resnet128-mesh5-mirror' : 'dlib-resnet128-mesh5';
  return { name, version: versions, dimension: 128 };
}

let recognitionNetLoad: Promise<DlibNet> | undefined;

/** face-api's recognition net weights, loaded once per process and run through the fused forward pass. */
function loadRecognitionNet(rt: TfRuntime): Promise<DlibNet> {
  recognitionNetLoad ??= (async () => {
    const net = rt.faceapi.nets.faceRecognitionNet;
    await net.loadFromDisk(rt.faceApiModelDir);
    return createDlibNet(rt.tf, net.params as unknown as DlibNetParams);
  })();
  return recognitionNetLoad;
}

export function createFaceEngine(options: FaceEngineOptions = {}): FaceEngine {
  const method = options.embedding ?? 'dlib-mirror';
  const decodeLimits = options.decodeLimits ?? defaultDecodeLimits;
  const antiSpoof = options.antiSpoof ?? true;
  const padding = options.padding ?? 'edge';
  const rt = tfRuntime();
  const modelInfo = faceModelInfo(method, rt);
  let human: Human | undefined;
  let dlibNet: DlibNet | undefined;
  let loading: Promise<void> | undefined;
  // Human keeps per-call state; calls are run one after another.
  let queue: Promise<unknown> = Promise.resolve();

  const config: Partial<Config> = {
    backend: 'wasm',
    wasmPath: rt.wasmDir,
    modelBasePath: `file://${rt.humanModelDir}/`,
    debug: false,
    async: false,
    warmup: 'none',
    cacheSensitivity: 0,
    skipAllowed: false,
    cacheModels: false,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: {
        rotation: true,
        maxDetected: options.maxFaces ?? 5,
        minConfidence: options.minDetectionScore ?? 0.2,
        return: false,
      },
      mesh: { enabled: true },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: method === 'faceres' },
      antispoof: { enabled: antiSpoof },
      liveness: { enabled: antiSpoof },
      attention: { enabled: false },
      gear: { enabled: false },
    },
  } as Partial<Config>;

  function load(): Promise<void> {
    loading ??= (async () => {
      const h = new rt.Human(config);
      await withoutEmscriptenHandlers(() => h.load());
      if (method !== 'faceres') dlibNet = await loadRecognitionNet(rt);
      if (rt.tf.getBackend() !== 'wasm')
        throw new Error(`TensorFlow.js backend is ${rt.tf.getBackend()}, not wasm`);
      human = h;
    })().catch((error: unknown) => {
      loading = undefined; // the next call tries again
      throw error;
    });
    return loading;
  }

  async function detect(image: RgbImage): Promise<FaceResult[]> {
    // Human converts any input to float32; handing it float32 saves a cast (several ms per frame on wasm).
    const tensor = rt.tf.tensor3d(Float32Array.from(image.data), [image.height, image.width, 3], 'float32');
    try {
      const result = await human!.detect(tensor as never);
      if (result.error) throw new Error(`face detection failed: ${result.error}`);
      return result.face.filter((f) => f.mesh.length >= 468);
    } finally {
      tensor.dispose();
    }
  }

  async function embedChips(chips: Float32Array[]): Promise<Float32Array[]> {
    const inputs = method === 'dlib-mirror' ? chips.flatMap((c) => [c, mirrorChip(c)]) : chips;
    const descriptors = await dlibNet!.describe(inputs);
    if (method === 'dlib') return descriptors.map((d) => meanDirection([d]));
    return chips.map((_, i) => meanDirection([descriptors[2 * i], descriptors[2 * i + 1]]));
  }

  async function run(
    image: RgbImage,
    analyzeOptions: AnalyzeOptions,
    decodeMs: number,
  ): Promise<FaceAnalysis> {
    await load();
    const t0 = performance.now();
    let faces = padding === 'always' ? [] : await detect(image);
    let padded = false;
    // Human crops the face box (enlarged) for its mesh; where that box runs past the border, the crop is
    // partly black and the mesh less exact, so the image is framed and the face found again.
    const atBorder = (f: FaceResult) =>
      f.box[0] <= 0 ||
      f.box[1] <= 0 ||
      f.box[0] + f.box[2] >= image.width ||
      f.box[1] + f.box[3] >= image.height;
    if (
      padding === 'always' ||
      (padding !== 'never' && faces.length === 0) ||
      (padding === 'edge' && faces.length > 0 && atBorder(orderFaces(faces, image.width, image.height)[0]))
    ) {
      const border = Math.round(0.25 * Math.max(image.width, image.height));
      const framed = (await detect(padImage(image, border))).map((f) => shiftFace(f, -border));
      if (framed.length > 0) {
        faces = framed;
        padded = true;
      }
    }
    const t1 = performance.now();
    const ordered = orderFaces(faces, image.width, image.height);
    const aligned = ordered.map((f) => {
      const landmarks = fivePoints(f.mesh);
      const transform = estimateSimilarity(landmarks, DLIB_FIVE_POINT_TEMPLATE);
      const chip = warpToChip(image, transform);
      const quality = measureFace(f.mesh, chip, f.rotation?.angle ?? null, similarityAngleDegrees(transform));
      return { f, landmarks, chip, quality };
    });
    const t2 = performance.now();
    const embed = analyzeOptions.embed ?? 'main';
    const toEmbed = embed === 'none' ? 0 : embed === 'all' ? aligned.length : Math.min(1, aligned.length);
    let embeddings: (Float32Array | null)[] = aligned.map(() => null);
    if (toEmbed > 0) {
      if (method === 'faceres') {
        embeddings = aligned.map((a, i) =>
          i < toEmbed && a.f.embedding?.length ? meanDirection([a.f.embedding]) : null,
        );
      } else {
        const vectors = await embedChips(aligned.slice(0, toEmbed).map((a) => a.chip));
        embeddings = aligned.map((_, i) => vectors[i] ?? null);
      }
    }
    const t3 = performance.now();
    return {
      width: image.width,
      height: image.height,
      padded,
      faces: aligned.map((a, i) => ({
        box: { x: a.f.box[0], y: a.f.box[1], width: a.f.box[2], height: a.f.box[3] },
        detectionScore: a.f.boxScore,
        landmarks: a.landmarks,
        quality: a.quality,
        antispoof: antiSpoof && typeof a.f.real === 'number' ? a.f.real : null,
        liveness: antiSpoof && typeof a.f.live === 'number' ? a.f.live : null,
        embedding: embeddings[i],
      })),
      timings: { decodeMs, detectMs: t1 - t0, alignMs: t2 - t1, embedMs: t3 - t2 },
    };
  }

  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    modelInfo,
    ready: load,
    backend: () => rt.tf.getBackend(),
    analyzeImage(image, analyzeOptions = {}) {
      return enqueue(() => run(image, analyzeOptions, 0));
    },
    async analyze(imageBytes, analyzeOptions = {}) {
      const t0 = performance.now();
      const image = await decodeImage(imageBytes, decodeLimits);
      const decodeMs = performance.now() - t0;
      return enqueue(() => run(image, analyzeOptions, decodeMs));
    },
  };
}

/**
 * The wasm backend's Emscripten glue, when it starts, adds process handlers that rethrow every uncaught
 * error and unhandled rejection from inside its own minified source (so a crash prints one huge line).
 * Node's own handling is the same without them, so they are removed again.
 */
async function withoutEmscriptenHandlers<T>(start: () => Promise<T>): Promise<T> {
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = events.map((event) => new Set(process.listeners(event as 'uncaughtException')));
  try {
    return await start();
  } finally {
    events.forEach((event, i) => {
      for (const listener of process.listeners(event as 'uncaughtException')) {
        if (!before[i].has(listener)) process.removeListener(event, listener);
      }
    });
  }
}

function shiftFace(face: FaceResult, offset: number): FaceResult {
  return {
    ...face,
    box: [face.box[0] + offset, face.box[1] + offset, face.box[2], face.box[3]],
    mesh: face.mesh.map((p) => [p[0] + offset, p[1] + offset, p[2]] as typeof p),
  };
}

/** Largest face first, where a face near the centre counts up to twice as much as one at the edge. */
function orderFaces(faces: FaceResult[], width: number, height: number): FaceResult[] {
  const weight = (f: FaceResult) => {
    const size = eyeDistance(f.mesh);
    const cx = f.box[0] + f.box[2] / 2 - width / 2;
    const cy = f.box[1] + f.box[3] / 2 - height / 2;
    const offCentre = Math.min(1, Math.hypot(cx, cy) / Math.hypot(width / 2, height / 2));
    return size * size * (1 - 0.5 * offCentre);
  };
  return [...faces].sort((a, b) => weight(b) - weight(a));
}

let shared: FaceEngine | undefined;

/** The process-wide engine with the shipped settings (models are loaded once, on first use). */
export function getFaceEngine(): FaceEngine {
  shared ??= createFaceEngine();
  return shared;
}
