// Human in the browser, loaded from our own server (/vendor/…): no CDN. The fastest backend that works here:
// WebGPU, else WebGL on real graphics hardware, else wasm (software WebGL, as in headless Chromium, is slower
// than wasm).
import type { Config, FaceResult, Human } from '@vladmandic/human';

const HUMAN_URL = '/vendor/human/human.esm.js';

export type Backend = 'webgpu' | 'webgl' | 'wasm';

async function hasWebGpu(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

function hardwareWebGl(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  return !/swiftshader|llvmpipe|software|basic render/i.test(renderer);
}

export async function chooseBackend(): Promise<Backend> {
  if (await hasWebGpu()) return 'webgpu';
  if (hardwareWebGl()) return 'webgl';
  return 'wasm';
}

export interface FaceEngine {
  human: Human;
  backend: string;
  detect(input: HTMLVideoElement | HTMLCanvasElement): Promise<FaceResult[]>;
}

export async function loadHuman(): Promise<FaceEngine> {
  const { Human: HumanClass } = (await import(/* @vite-ignore */ HUMAN_URL)) as {
    Human: new (config?: Partial<Config>) => Human;
  };
  const wanted = await chooseBackend();
  const config: Partial<Config> = {
    backend: wanted,
    modelBasePath: '/vendor/human-models/',
    wasmPath: '/vendor/tfjs-wasm/',
    debug: false,
    async: true,
    warmup: 'none',
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false } as Config['filter'],
    gesture: { enabled: false },
    body: { enabled: false } as Config['body'],
    hand: { enabled: false } as Config['hand'],
    object: { enabled: false } as Config['object'],
    segmentation: { enabled: false } as Config['segmentation'],
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 3, minConfidence: 0.3, return: false },
      mesh: { enabled: true },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: false },
      antispoof: { enabled: true },
      liveness: { enabled: true },
      attention: { enabled: false },
      gear: { enabled: false },
    } as unknown as Config['face'],
  };
  let human = new HumanClass(config);
  try {
    await human.load();
  } catch (error) {
    if (wanted === 'wasm') throw error;
    // The GPU backend failed to start: wasm works everywhere.
    human = new HumanClass({ ...config, backend: 'wasm' });
    await human.load();
  }
  await human.tf.ready();
  return {
    human,
    backend: human.tf.getBackend(),
    async detect(input) {
      const result = await human.detect(input);
      return result.face.filter((f) => f.mesh.length >= 468);
    },
  };
}
