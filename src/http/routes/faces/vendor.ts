// What a browser needs to run Human, served from our own server (no CDN): Human's browser build, its models,
// and TensorFlow.js's wasm binaries. Public, like the web app's own files, and cached for a week.
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);

export const VENDOR_PREFIXES = {
  human: '/vendor/human/',
  humanModels: '/vendor/human-models/',
  /** Human's `wasmPath`: it must end with '/'. */
  tfjsWasm: '/vendor/tfjs-wasm/',
} as const;

const ONE_WEEK_SECONDS = 7 * 24 * 3600;

function packageDir(name: string): string {
  // The packages' "main" lives in dist/; their package.json is not exported, so walk up from main.
  return path.dirname(path.dirname(require.resolve(name)));
}

export async function registerVendorFiles(app: FastifyInstance): Promise<void> {
  await app.register(vendorFiles, { prefix: '/vendor' });
}

async function vendorFiles(app: FastifyInstance): Promise<void> {
  // A file that is not there is a plain 404 here, not the web app's page.
  app.setNotFoundHandler((_request, reply) => {
    reply.status(404).type('text/plain').send('Not found');
  });
  const humanDir = packageDir('@vladmandic/human');
  const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  const folders: [string, string, RegExp][] = [
    [VENDOR_PREFIXES.human, path.join(humanDir, 'dist'), /^human\.esm\.js(\.map)?$/],
    [VENDOR_PREFIXES.humanModels, path.join(humanDir, 'models'), /^[\w.-]+\.(json|bin)$/],
    [VENDOR_PREFIXES.tfjsWasm, wasmDir, /^tfjs-backend-wasm[\w-]*\.wasm$/],
  ];
  for (const [prefix, root, allowed] of folders) {
    await app.register(fastifyStatic, {
      root,
      prefix: prefix.slice('/vendor'.length),
      decorateReply: false,
      index: false,
      list: false,
      // Only the files a browser needs, nothing else from the package folder.
      allowedPath: (pathName) => allowed.test(pathName.replace(/^\//, '')),
      cacheControl: false,
      setHeaders: (res) => {
        res.header('cache-control', `public, max-age=${ONE_WEEK_SECONDS}`);
        res.header('cross-origin-resource-policy', 'same-origin');
      },
    });
  }
}
