// The quality gate on altered copies of the shared photos, made with sharp inside the test.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { dot } from '../../src/core/face/vector.js';
import { createFaceEngine, type FaceEngine } from '../../src/face/engine.js';
import { FaceImageError } from '../../src/face/errors.js';
import { checkQuality } from '../../src/face/quality.js';
import { tfRuntime } from '../../src/face/tf-runtime.js';
import { photo } from './shared-faces.js';

let engine: FaceEngine;
// Two clear, single-face photos of two different people.
const FIRST = 'deepface__img1.jpg';
const SECOND = 'facerec__obama.jpg';

async function reasons(bytes: Uint8Array, checkSpoof = false) {
  return checkQuality(await engine.analyze(bytes), { checkSpoof }).reasons;
}

async function eyeDistance(bytes: Uint8Array): Promise<number> {
  return (await engine.analyze(bytes)).faces[0].quality.eyeDistancePx;
}

describe('face quality gate on altered photos', () => {
  const listenersBefore = {
    uncaught: process.listenerCount('uncaughtException'),
    rejection: process.listenerCount('unhandledRejection'),
  };

  before(async () => {
    engine = createFaceEngine();
    await engine.ready();
  });

  it('leaves the process error handlers as they were', () => {
    assert.equal(process.listenerCount('uncaughtException'), listenersBefore.uncaught);
    assert.equal(process.listenerCount('unhandledRejection'), listenersBefore.rejection);
  });

  it('accepts the unaltered photos', async () => {
    assert.deepEqual(await reasons(await photo(FIRST)), []);
    assert.deepEqual(await reasons(await photo(SECOND)), []);
  });

  it('refuses a blurred face as too_blurred', async () => {
    for (const file of [FIRST, SECOND]) {
      const original = await photo(file);
      const sigma = (await eyeDistance(original)) / 10;
      const blurred = await sharp(original).rotate().blur(sigma).jpeg().toBuffer();
      // The first reason is the one the user hears; a blurred photo may also show a ghost second face.
      assert.equal((await reasons(blurred))[0], 'too_blurred', file);
    }
  });

  it('refuses a tiny face as face_too_small', async () => {
    for (const file of [FIRST, SECOND]) {
      const original = await photo(file);
      const meta = await sharp(original).metadata();
      // Shrink the photo until the eyes are about 22 pixels apart.
      const width = Math.round(((meta.width ?? 0) * 22) / (await eyeDistance(original)));
      const tiny = await sharp(original).rotate().resize({ width }).png().toBuffer();
      assert.equal((await reasons(tiny))[0], 'face_too_small', file);
    }
  });

  it('refuses a dark photo as too_dark and an overexposed one as too_bright', async () => {
    for (const file of [FIRST, SECOND]) {
      const original = await photo(file);
      const dark = await sharp(original).rotate().linear(0.15, 0).jpeg().toBuffer();
      assert.deepEqual(await reasons(dark), ['too_dark'], file);
      const bright = await sharp(original).rotate().linear(2.5, 60).jpeg().toBuffer();
      assert.deepEqual(await reasons(bright), ['too_bright'], file);
    }
  });

  it('refuses two faces side by side as multiple_faces', async () => {
    const height = 480;
    const [a, b] = await Promise.all(
      [FIRST, SECOND].map(async (f) =>
        sharp(await photo(f))
          .rotate()
          .resize({ height })
          .jpeg()
          .toBuffer(),
      ),
    );
    const [wa, wb] = await Promise.all([a, b].map(async (x) => (await sharp(x).metadata()).width ?? 0));
    const both = await sharp({ create: { width: wa + wb, height, channels: 3, background: '#808080' } })
      .composite([
        { input: a, left: 0, top: 0 },
        { input: b, left: wa, top: 0 },
      ])
      .jpeg()
      .toBuffer();
    assert.equal((await engine.analyze(both)).faces.length, 2);
    assert.deepEqual(await reasons(both), ['multiple_faces']);
  });

  it('reports no_face on a picture without a face', async () => {
    const wall = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#b0a090' } })
      .png()
      .toBuffer();
    assert.deepEqual(await reasons(wall, true), ['no_face']);
  });

  it('gives the same template for a photo stored sideways with an EXIF orientation', async () => {
    const upright = await sharp(await photo(SECOND))
      .rotate()
      .jpeg({ quality: 95 })
      .toBuffer();
    // Pixels turned a quarter left, with orientation 6 telling viewers to turn them back.
    const sideways = await sharp(upright)
      .rotate(-90)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    const a = (await engine.analyze(upright)).faces[0].embedding!;
    const b = (await engine.analyze(sideways)).faces[0].embedding!;
    assert.ok(dot(a, b) > 0.98, `similarity ${dot(a, b)}`);
  });

  it('releases its tensors after each analysis', async () => {
    const tf = tfRuntime().tf;
    const bytes = await photo(SECOND);
    await engine.analyze(bytes);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await engine.analyze(bytes);
    assert.equal(tf.memory().numTensors, before);
  });

  it('refuses files that are not images with a clear error code', async () => {
    await assert.rejects(engine.analyze(new TextEncoder().encode('not an image at all')), (e: unknown) => {
      return e instanceof FaceImageError && e.code === 'image_unreadable';
    });
  });
});
