// Where the package lives, and its version.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built web app; FACECLOCK_WEB_DIST points elsewhere (a separate build for a test run, say). */
export const webDistDir = process.env.FACECLOCK_WEB_DIST
  ? path.resolve(process.env.FACECLOCK_WEB_DIST)
  : path.join(repoRoot, 'web', 'dist');

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
}
