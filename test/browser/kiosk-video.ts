// Fake-camera videos for the kiosk tests: a still photo (from ../shared/faces, or any image) made into a short
// .y4m in a temporary folder with ffmpeg, which Chromium loops as its camera. Never kept in the repository.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { facesDir } from '../http/faces-fixtures.js';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-y4m-'));
process.on('exit', () => fs.rmSync(tempDir, { recursive: true, force: true }));

/** A 640×480 video of the image, letterboxed on grey. */
export function videoOf(image: string): string {
  const input = path.isAbsolute(image) ? image : path.join(facesDir, image);
  const out = path.join(tempDir, `${path.basename(image).replace(/\W/g, '_')}-${Date.now()}.y4m`);
  execFileSync(
    'ffmpeg',
    [
      '-loglevel',
      'error',
      '-y',
      '-loop',
      '1',
      '-i',
      input,
      '-vf',
      'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,format=yuv420p',
      '-frames:v',
      '2',
      '-r',
      '10',
      out,
    ],
    { stdio: 'inherit' },
  );
  return out;
}

export const tempFile = (name: string) => path.join(tempDir, name);

export const fakeCamera = (video: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${video}`,
  '--autoplay-policy=no-user-gesture-required',
];
