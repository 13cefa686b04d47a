// The shared labelled photos (never copied into the repository), read in place for tests.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabels } from '../../src/face/evaluate.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const facesDir = path.resolve(repoRoot, '../shared/faces');

export function photo(file: string): Promise<Buffer> {
  return readFile(path.join(facesDir, file));
}

/** Photos per identity, in the order of labels.csv. */
export async function photosByIdentity(): Promise<Map<string, string[]>> {
  const byIdentity = new Map<string, string[]>();
  for (const { file, identity } of await readLabels(path.join(facesDir, 'labels.csv'))) {
    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), file]);
  }
  return byIdentity;
}
