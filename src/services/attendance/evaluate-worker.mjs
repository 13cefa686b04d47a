// Starts an evaluation worker. Under a TypeScript loader (tsx in tests and benchmarks) the .ts module loads
// directly; otherwise (the faceclock command registers tsx only in its main thread) register it here first.
try {
  await import('./evaluate-worker.ts');
} catch (error) {
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  const { register } = await import('tsx/esm/api');
  register();
  // A new specifier: the failed import above stays cached under the old one.
  await import('./evaluate-worker.ts?loader=tsx');
}
