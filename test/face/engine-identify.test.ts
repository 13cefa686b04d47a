// Enrollment and 1:N identification on the shared photos, with the shipped engine and calibration.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { decideOpenSet } from '../../src/core/face/decision.js';
import { createMatcherIndex, type MatcherIndex } from '../../src/core/face/matcher-index.js';
import { shippedCalibration } from '../../src/face/calibration.js';
import { createFaceEngine, type FaceEngine } from '../../src/face/engine.js';
import { checkQuality } from '../../src/face/quality.js';
import { photo, photosByIdentity } from './shared-faces.js';

let engine: FaceEngine;
let index: MatcherIndex;
const probes: { identity: string; file: string; embedding: Float32Array }[] = [];
let stranger: { file: string; embedding: Float32Array } | undefined;

/** The main face's template, and whether the photo passes the enrollment quality gate. */
async function template(bytes: Uint8Array): Promise<{ embedding: Float32Array | null; enrollable: boolean }> {
  const analysis = await engine.analyze(bytes);
  return {
    embedding: analysis.faces[0]?.embedding ?? null,
    enrollable: checkQuality(analysis, { checkSpoof: false }).ok,
  };
}

/** The photo cut down to its main face and some margin, as an administrator crops a group photo. */
async function cropToMainFace(bytes: Uint8Array): Promise<Buffer> {
  const analysis = await engine.analyze(bytes);
  const { x, y, width, height } = analysis.faces[0].box;
  const size = Math.round(Math.max(width, height) * 1.3);
  const left = Math.max(0, Math.round(x + width / 2 - size / 2));
  const top = Math.max(0, Math.round(y + height / 2 - size / 2));
  return sharp(bytes)
    .rotate()
    .extract({
      left,
      top,
      width: Math.min(size, analysis.width - left),
      height: Math.min(size, analysis.height - top),
    })
    .jpeg({ quality: 92 })
    .toBuffer();
}

describe('face identification on the shared photos', () => {
  before(async () => {
    engine = createFaceEngine();
    index = createMatcherIndex({ dimension: engine.modelInfo.dimension });
    // Each person with two or more photos is enrolled from the first photo that passes the quality gate and
    // probed with the main face of another photo; the person with a single photo is never enrolled.
    for (const [identity, files] of await photosByIdentity()) {
      const results = [];
      for (const file of files) {
        results.push({ file, ...(await template(await photo(file))) });
        if (results.filter((r) => r.embedding).length >= 2 && results.some((r) => r.enrollable)) break;
      }
      if (files.length === 1) {
        if (results[0].embedding) stranger = { file: files[0], embedding: results[0].embedding };
        continue;
      }
      let enrolled = results.find((r) => r.enrollable && r.embedding);
      if (!enrolled) {
        // Every photo of this person shows a second face as large: enroll from a crop of the first one.
        const cropped = await template(await cropToMainFace(await photo(files[0])));
        assert.ok(cropped.enrollable, `the crop of ${files[0]} passes the quality gate`);
        enrolled = { file: files[0], ...cropped };
      }
      const probe = results.find((r) => r.file !== enrolled.file && r.embedding);
      if (enrolled.embedding) index.add(identity, enrolled.file, enrolled.embedding);
      if (probe?.embedding) probes.push({ identity, file: probe.file, embedding: probe.embedding });
    }
  });

  it('runs on the wasm backend with a named model', () => {
    assert.equal(engine.backend(), 'wasm');
    assert.equal(engine.modelInfo.dimension, 128);
    assert.match(engine.modelInfo.version, /human 3\.3\.6, face-api 1\.7\.15/);
  });

  it('identifies each of the 27 people from a photo other than the enrolled one', () => {
    assert.equal(index.employeeCount, 27);
    assert.equal(probes.length, 27);
    const calibration = shippedCalibration(engine.modelInfo);
    for (const p of probes) {
      const decision = decideOpenSet(index.searchEmployees(p.embedding, 5), calibration);
      assert.equal(
        decision.outcome,
        'match',
        `${p.file}: ${JSON.stringify(decision.candidates.slice(0, 2))}`,
      );
      if (decision.outcome === 'match') assert.equal(decision.employeeId, p.identity, p.file);
    }
  });

  it('answers "unknown" for a person who is not enrolled', () => {
    assert.ok(stranger, 'a face is found on the single-photo person');
    const calibration = shippedCalibration(engine.modelInfo);
    const decision = decideOpenSet(index.searchEmployees(stranger.embedding, 5), calibration);
    assert.equal(decision.outcome, 'unknown');
    assert.ok(decision.candidates.length > 0, 'the candidates are still reported');
  });

  it('answers "unknown" once a person’s templates are deleted', () => {
    const calibration = shippedCalibration(engine.modelInfo);
    const p = probes[0];
    const copy = createMatcherIndex({ dimension: 128 });
    for (const q of probes) copy.add(q.identity, q.file, q.embedding);
    assert.equal(decideOpenSet(copy.searchEmployees(p.embedding, 5), calibration).outcome, 'match');
    copy.removeEmployee(p.identity);
    assert.equal(decideOpenSet(copy.searchEmployees(p.embedding, 5), calibration).outcome, 'unknown');
  });

  it('still identifies faces tilted by 20 degrees', async () => {
    const calibration = shippedCalibration(engine.modelInfo);
    for (const [i, p] of probes.slice(0, 6).entries()) {
      const angle = i % 2 ? 20 : -20;
      const tilted = await sharp(await photo(p.file))
        .rotate()
        .rotate(angle)
        .jpeg({ quality: 92 })
        .toBuffer();
      const analysis = await engine.analyze(tilted);
      assert.deepEqual(checkQuality(analysis, { checkSpoof: false }).reasons, [], p.file);
      assert.ok(Math.abs(analysis.faces[0].quality.rollDeg) > 10, `${p.file} measured as tilted`);
      const decision = decideOpenSet(index.searchEmployees(analysis.faces[0].embedding!, 5), calibration);
      assert.equal(decision.outcome === 'match' && decision.employeeId, p.identity, p.file);
    }
  });
});
