// Punches kept while the server cannot be reached: in IndexedDB, in capture order, the photo encrypted with a
// per-device AES-GCM key made by WebCrypto (not extractable, kept in the same database). Replayed oldest first
// with back-off; each keeps its idempotency key, so a punch the server had already taken is not taken twice.
import type { PunchRequest } from './api';

const DB_NAME = 'faceclock-kiosk';
const QUEUE = 'queue';
const KEYS = 'keys';

interface StoredPunch {
  id?: number;
  request: Omit<PunchRequest, 'photo' | 'sentAt'>;
  iv: Uint8Array | null;
  sealedPhoto: ArrayBuffer | null;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(QUEUE, { keyPath: 'id', autoIncrement: true });
      req.result.createObjectStore(KEYS);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run<T>(
  store: string,
  mode: IDBTransactionMode,
  work: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const req = work(tx.objectStore(store));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = () => reject(tx.error);
      }),
  );
}

async function deviceKey(): Promise<CryptoKey> {
  const existing = await run<CryptoKey | undefined>(KEYS, 'readonly', (s) => s.get('photo'));
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  await run(KEYS, 'readwrite', (s) => s.put(key, 'photo'));
  return key;
}

const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export async function enqueuePunch(request: PunchRequest): Promise<void> {
  const { photo, sentAt: _sent, ...rest } = request;
  let iv: Uint8Array | null = null;
  let sealedPhoto: ArrayBuffer | null = null;
  if (photo) {
    iv = crypto.getRandomValues(new Uint8Array(12));
    sealedPhoto = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> },
      await deviceKey(),
      fromBase64(photo),
    );
  }
  const stored: StoredPunch = { request: rest, iv, sealedPhoto };
  await run(QUEUE, 'readwrite', (s) => s.add(stored));
}

export async function queuedCount(): Promise<number> {
  return run<number>(QUEUE, 'readonly', (s) => s.count());
}

async function oldest(): Promise<StoredPunch | undefined> {
  return open().then(
    (db) =>
      new Promise<StoredPunch | undefined>((resolve, reject) => {
        const tx = db.transaction(QUEUE, 'readonly');
        const req = tx.objectStore(QUEUE).openCursor();
        req.onsuccess = () => {
          resolve((req.result?.value as StoredPunch | undefined) ?? undefined);
          db.close();
        };
        req.onerror = () => reject(req.error);
      }),
  );
}

async function removeQueued(id: number) {
  await run(QUEUE, 'readwrite', (s) => s.delete(id));
}

export type Send = (request: PunchRequest) => Promise<unknown>;

/**
 * Sends the queue oldest first. Stops at the first punch that cannot be delivered (the server is still
 * unreachable, or refuses the device) and reports how many were sent; any other answer, a refused punch
 * included, settles a punch.
 */
export async function replayQueue(send: Send, keep: (error: unknown) => boolean): Promise<number> {
  let sent = 0;
  for (;;) {
    const next = await oldest();
    if (!next || next.id === undefined) return sent;
    let photo: string | undefined;
    if (next.sealedPhoto && next.iv) {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: next.iv as Uint8Array<ArrayBuffer> },
        await deviceKey(),
        next.sealedPhoto,
      );
      photo = toBase64(new Uint8Array(plain));
    }
    try {
      await send({ ...next.request, ...(photo ? { photo } : {}), sentAt: new Date().toISOString() });
    } catch (error) {
      // Still unreachable, or this kiosk is not allowed to punch: keep the queue as it is.
      if (keep(error)) return sent;
      // Refused for good (a malformed punch): drop it rather than block the queue.
    }
    await removeQueued(next.id);
    sent++;
  }
}

/** Back-off between replays: 2 s doubling to at most a minute. */
export const backoffMs = (failures: number) => Math.min(60_000, 2000 * 2 ** Math.min(failures, 5));
