// The face engine on worker threads gives the same analysis as the engine on the calling thread, several
// images at once, and keeps the engine's image errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cosineSimilarity } from '../../src/core/face/vector.js';
import { createFaceEngine, type FaceAnalysis } from '../../src/face/engine.js';
import { createFaceEnginePool, type FaceEnginePool } from '../../src/face/engine-pool.js';
import { FaceImageError } from '../../src/face/errors.js';
import { photo, photosByIdentity } from './shared-faces.js';

let pool: FaceEnginePool;
const files: string[] = [];

before(async () => {
  pool = createFaceEnginePool(2);
  for (const list of (await photosByIdentity()).values()) {
    files.push(list[0]!);
    if (files.length === 4) break;
  }
});

after(() => pool.close());

test('two workers analyse four photos at once, with the same faces and templates as in process', async () => {
  const local = createFaceEngine();
  const bytes = await Promise.all(files.map((f) => photo(f)));
  const pooled = await Promise.all(bytes.map((b) => pool.analyze(b)));
  assert.equal(pool.backend(), 'wasm');
  for (const [i, b] of bytes.entries()) {
    const expected: FaceAnalysis = await local.analyze(b);
    const got = pooled[i]!;
    assert.equal(got.faces.length, expected.faces.length, files[i]);
    const [e, g] = [expected.faces[0]!.embedding!, got.faces[0]!.embedding!];
    assert.ok(g instanceof Float32Array, 'the template comes back as a Float32Array');
    assert.ok(cosineSimilarity(e, g) > 0.9999, `${files[i]}: ${cosineSimilarity(e, g)}`);
    assert.deepEqual(got.faces[0]!.box, expected.faces[0]!.box);
  }
});

test('an unreadable image is refused with the engine’s own error code, and the pool keeps working', async () => {
  const junk = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const inProcess = await createFaceEngine()
    .analyze(junk)
    .then(
      () => null,
      (error: unknown) => error,
    );
  assert.ok(inProcess instanceof FaceImageError);
  await assert.rejects(
    pool.analyze(junk),
    (error: unknown) => error instanceof FaceImageError && error.code === inProcess.code,
  );
  const again = await pool.analyze(await photo(files[0]!));
  assert.equal(again.faces.length > 0, true);
});
