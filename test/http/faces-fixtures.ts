// Photos for the face tests, read from ../shared/faces (never copied into the repository), scaled to at most
// 1024 px on the long side as a console upload or a kiosk frame would be, and quality variants made with sharp.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ApiClient } from '../helpers/server.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
export const facesDir = path.resolve(repoRoot, '../shared/faces');

export interface LabelledPhoto {
  file: string;
  identity: string;
}

export function labelledPhotos(): LabelledPhoto[] {
  return fs
    .readFileSync(path.join(facesDir, 'labels.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [file, identity] = line.split(',').map((s) => s.trim());
      return { file, identity };
    });
}

/** Photos grouped by person, in the order of labels.csv. */
export function byIdentity(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of labelledPhotos()) out.set(p.identity, [...(out.get(p.identity) ?? []), p.file]);
  return out;
}

const cache = new Map<string, Buffer>();

export async function photo(file: string): Promise<Buffer> {
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = await sharp(path.join(facesDir, file))
      .rotate()
      .resize({ width: 1024, height: 1024, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 92 })
      .toBuffer();
    cache.set(file, bytes);
  }
  return bytes;
}

export const blurred = async (file: string) =>
  sharp(await photo(file))
    .blur(10)
    .jpeg()
    .toBuffer();
export const dark = async (file: string) =>
  sharp(await photo(file))
    .linear(0.12, 0)
    .jpeg()
    .toBuffer();

/** The whole photo shrunk so the eyes are a few pixels apart, centred on a plain grey frame. */
export async function tiny(file: string, width: number): Promise<Buffer> {
  const small = await sharp(await photo(file))
    .resize({ width })
    .toBuffer();
  return sharp({ create: { width: 320, height: 320, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([{ input: small, gravity: 'centre' }])
    .jpeg()
    .toBuffer();
}

/** Two people's photos side by side, each scaled to the same height. */
export async function twoFaces(fileA: string, fileB: string): Promise<Buffer> {
  const height = 400;
  const [a, b] = await Promise.all(
    [fileA, fileB].map(async (f) =>
      sharp(await photo(f))
        .resize({ height, width: 320, fit: 'cover' })
        .toBuffer(),
    ),
  );
  return sharp({ create: { width: 640, height, channels: 3, background: { r: 0, g: 0, b: 0 } } })
    .composite([
      { input: a, left: 0, top: 0 },
      { input: b, left: 320, top: 0 },
    ])
    .jpeg()
    .toBuffer();
}

export function photosForm(photos: { bytes: Buffer; name: string }[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of photos)
    form.append('photo', new Blob([new Uint8Array(p.bytes)], { type: 'image/jpeg' }), p.name);
  return form;
}

export async function createEmployee(client: ApiClient, employeeNo: string, name: string): Promise<number> {
  const res = await client.post('/api/employees', { employeeNo, name });
  if (res.status !== 201) throw new Error(`create ${employeeNo}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as number;
}

export async function recordConsent(client: ApiClient, employeeId: number) {
  const form = new FormData();
  form.append('noticeVersion', '2026-01');
  form.append('method', 'hr_paper');
  const res = await client.post(`/api/employees/${employeeId}/consent`, form);
  if (res.status !== 201) throw new Error(`consent ${employeeId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function identify(client: ApiClient, bytes: Buffer, name = 'probe.jpg') {
  return client.post('/api/faces/identify', photosForm([{ bytes, name }]));
}
