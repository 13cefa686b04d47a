// Starts a worker thread on a module of this folder. Run from TypeScript sources (tsx), the worker first
// registers the tsx loader and then imports the module; from compiled JavaScript it starts the module directly.
import { Worker } from 'node:worker_threads';

export function startFaceWorker(moduleName: string, workerData: unknown): Worker {
  const source = import.meta.url.endsWith('.ts');
  const script = new URL(`./${moduleName}${source ? '.ts' : '.js'}`, import.meta.url);
  if (!source) return new Worker(script, { workerData });
  const start = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(start, { eval: true, workerData });
}
