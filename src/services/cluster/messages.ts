// What travels between server instances over PostgreSQL NOTIFY. Two channels, shared by every schema of the
// database (each message names its schema, so test schemas or two installations on one server never mix):
// - faceclock_faces: sent by triggers on face_templates (migration 0013) on every insert, update and delete,
//   whoever made it (a server, the CLI, a restore), when the transaction commits;
// - faceclock_events: sent by the servers themselves, e.g. live punch events for the console's stream.
// A payload must stay under PostgreSQL's 8000 bytes; the trigger sends `reload` for large statements.

export const FACES_CHANNEL = 'faceclock_faces';
export const EVENTS_CHANNEL = 'faceclock_events';
export const MAX_PAYLOAD_BYTES = 7_500;

export type FaceChange =
  | { s: string; op: 'insert' | 'update' | 'delete'; ids: number[] }
  | { s: string; op: 'reload' };

export interface EventBatch {
  s: string;
  /** The instance that sent it: an instance ignores its own. */
  from: string;
  t: string;
  d: unknown[];
}

const isIdList = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isSafeInteger(x));

/** Parses a faces message; anything malformed is null (and ignored). */
export function parseFaceChange(payload: string): FaceChange | null {
  try {
    const m = JSON.parse(payload) as Record<string, unknown>;
    if (typeof m.s !== 'string') return null;
    if (m.op === 'reload') return { s: m.s, op: 'reload' };
    if ((m.op === 'insert' || m.op === 'update' || m.op === 'delete') && isIdList(m.ids)) {
      return { s: m.s, op: m.op, ids: m.ids };
    }
    return null;
  } catch {
    return null;
  }
}

export function parseEventBatch(payload: string): EventBatch | null {
  try {
    const m = JSON.parse(payload) as Record<string, unknown>;
    if (typeof m.s !== 'string' || typeof m.from !== 'string' || typeof m.t !== 'string') return null;
    if (!Array.isArray(m.d)) return null;
    return { s: m.s, from: m.from, t: m.t, d: m.d };
  } catch {
    return null;
  }
}

/**
 * Packs items into as few payloads as fit: each payload a JSON batch under the size limit. An item too large
 * for a payload on its own is dropped (live events are small; none is expected to be).
 */
export function packEvents(head: Omit<EventBatch, 'd'>, items: readonly unknown[]): string[] {
  const out: string[] = [];
  // `{"s":…,"from":…,"t":…,"d":` then the items in brackets and the closing brace.
  const prefix = JSON.stringify({ ...head, d: [] }).slice(0, -3);
  const empty = Buffer.byteLength(prefix) + 3;
  let parts: string[] = [];
  let size = empty;
  const flush = () => {
    if (parts.length > 0) out.push(`${prefix}[${parts.join(',')}]}`);
    parts = [];
    size = empty;
  };
  for (const item of items) {
    const text = JSON.stringify(item);
    const bytes = Buffer.byteLength(text) + 1;
    if (empty + bytes > MAX_PAYLOAD_BYTES) continue;
    if (size + bytes > MAX_PAYLOAD_BYTES) flush();
    parts.push(text);
    size += bytes;
  }
  flush();
  return out;
}
