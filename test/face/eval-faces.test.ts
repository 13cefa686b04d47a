// `faceclock eval-faces` on a small labelled subset of the shared photos.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { facesDir } from './shared-faces.js';

let dir: string;

const exec = promisify(execFile);
const runner = fileURLToPath(new URL('./run-eval-faces.ts', import.meta.url));

/** The command in a process of its own, as a user runs it; its standard output. */
async function run(...args: string[]): Promise<string> {
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', runner, ...args], {
    maxBuffer: 1 << 20,
  });
  return stdout;
}

describe('eval-faces command', () => {
  const people = ['amy', 'bernadette', 'howard'];
  const files = people.flatMap((p) => [1, 2, 3, 4].map((i) => `faceapijs__${p}${i}.png`));

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'faceclock-eval-'));
    const labels = ['file,identity', ...files.map((f) => `${f},${f.split('__')[1].replace(/\d\.png$/, '')}`)];
    await writeFile(path.join(dir, 'labels.csv'), `${labels.join('\n')}\n`);
    const pairs = ['file_x,file_y,decision,fold'];
    let fold = 0;
    for (let i = 0; i < files.length; i++) {
      for (let j = i + 1; j < files.length; j++) {
        const same = files[i].replace(/\d\.png$/, '') === files[j].replace(/\d\.png$/, '');
        pairs.push(`${files[i]},${files[j]},${same ? 'Yes' : 'No'},${(fold++ % 10) + 1}`);
      }
    }
    await writeFile(path.join(dir, 'pairs.csv'), `${pairs.join('\n')}\n`);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one JSON object with the calibration figures (photos analysed on two threads)', async () => {
    const out = await run(
      '--images',
      facesDir,
      '--labels',
      path.join(dir, 'labels.csv'),
      '--pairs',
      path.join(dir, 'pairs.csv'),
      '--json',
    );
    const report = JSON.parse(out);
    for (const key of [
      'model',
      'images',
      'detected',
      'detectionRate',
      'genuinePairs',
      'impostorPairs',
      'eer',
      'tarAtFar1e2',
      'tarAtFar1e3',
      'threshold',
      'accuracyAtThreshold',
      'farAtThreshold',
      'frrAtThreshold',
      'tenFoldAccuracy',
      'rank1',
      'openSetFpir',
      'openSetFnir',
      'msPerImage',
    ]) {
      assert.ok(key in report, key);
    }
    assert.equal(report.images, 12);
    assert.equal(report.genuinePairs, 18);
    assert.equal(report.impostorPairs, 48);
    assert.equal(report.detected, 12);
    assert.equal(report.rank1, 1);
    assert.equal(report.farAtThreshold, 0);
    assert.ok(report.tenFoldAccuracy > 0.9, `ten-fold ${report.tenFoldAccuracy}`);
    assert.equal(report.threshold, 0.93);
    assert.ok(report.msPerImage > 0);
  });

  it('counts a photo without a face as failed comparisons, and prints a readable table without --json', async () => {
    const blank = 'blank.png';
    await sharp({ create: { width: 200, height: 200, channels: 3, background: '#9a8b7c' } })
      .png()
      .toFile(path.join(dir, blank));
    const labels = ['file,identity', 'faceapijs__amy1.png,amy', 'faceapijs__amy2.png,amy', `${blank},amy`];
    await writeFile(path.join(dir, 'labels-blank.csv'), `${labels.join('\n')}\n`);
    const images = path.join(dir, 'images');
    // The blank lives beside the labels; the faces are read from the shared folder through links.
    await mkdir(images);
    await rename(path.join(dir, blank), path.join(images, blank));
    for (const f of ['faceapijs__amy1.png', 'faceapijs__amy2.png']) {
      await symlink(path.join(facesDir, f), path.join(images, f));
    }
    const report = JSON.parse(
      await run(
        '--images',
        images,
        '--labels',
        path.join(dir, 'labels-blank.csv'),
        '--json',
        '--threshold',
        '0.5',
        '--workers',
        '1',
      ),
    );
    assert.equal(report.detected, 2);
    assert.equal(report.genuinePairs, 3);
    // amy1–amy2 is accepted; both pairs with the blank fail.
    assert.ok(Math.abs(report.frrAtThreshold - 2 / 3) < 1e-9);
    const table = await run('--images', images, '--labels', path.join(dir, 'labels-blank.csv'));
    assert.match(table, /faces found\s+2 of 3/);
    assert.match(table, /ten-fold accuracy\s+no fold column/);
  });
});
