// Sealing biometric data with AES-256-GCM. The sealed form is: "FC1" | key id (8 ASCII hex) | IV (12) | tag (16) |
// ciphertext. The purpose (for example "template:42") is bound as associated data, so a sealed value copied to
// another row or use does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { findKey, type Keyring } from './keyring.js';

const MAGIC = Buffer.from('FC1');
const HEADER = MAGIC.length + 8 + 12 + 16;

export function seal(keyring: Keyring, plaintext: Uint8Array, purpose: string): Buffer {
  const iv = randomBytes(12);
  const current = keyring.current;
  const cipher = createCipheriv('aes-256-gcm', current.key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from(current.id, 'ascii'), iv, cipher.getAuthTag(), body]);
}

export function sealedKeyId(sealed: Uint8Array): string {
  return Buffer.from(sealed.subarray(MAGIC.length, MAGIC.length + 8)).toString('ascii');
}

export function open(keyring: Keyring, sealed: Uint8Array, purpose: string): Buffer {
  const buf = Buffer.from(sealed);
  if (buf.length < HEADER || !buf.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error('not a sealed value');
  const id = sealedKeyId(buf);
  const key = findKey(keyring, id);
  if (!key) throw new Error(`sealed with key ${id}, which is not in the keyring`);
  const iv = buf.subarray(MAGIC.length + 8, MAGIC.length + 20);
  const tag = buf.subarray(MAGIC.length + 20, HEADER);
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(buf.subarray(HEADER)), decipher.final()]);
}

export function sealFloats(keyring: Keyring, vector: Float32Array, purpose: string): Buffer {
  return seal(keyring, new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), purpose);
}

export function openFloats(keyring: Keyring, sealed: Uint8Array, purpose: string): Float32Array {
  const plain = open(keyring, sealed, purpose);
  const out = new Float32Array(plain.byteLength / 4);
  new Uint8Array(out.buffer).set(plain);
  return out;
}
