// Brute-force scoring of many float32 rows against one probe with WebAssembly SIMD (f32x4), several times
// faster than a JavaScript loop. The module is assembled here from its opcodes (a dozen instructions), so
// nothing is loaded from disk or network. Falls back to JavaScript where SIMD is unavailable.

const PAGE = 65536;

// scores(rows, probe, n, rowBytes, out): out[r] = Σ rows[r][i]·probe[i], rowBytes a multiple of 32.
// Locals: 5 r (i32), 6 i (i32), 7 acc0 (v128), 8 acc1 (v128).
function scoresModuleBytes(): Uint8Array<ArrayBuffer> {
  const simd = (op: number, ...rest: number[]) => [0xfd, ...leb(op), ...rest];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const tee = (i: number) => [0x22, i];
  const i32 = (v: number) => [0x41, ...sleb(v)];
  const load = (offset: number) => simd(0x00, 0x04, ...leb(offset)); // v128.load align=16
  const zero = simd(0x0c, ...new Array(16).fill(0)); // v128.const 0
  const f32x4Add = simd(0xe4);
  const f32x4Mul = simd(0xe6);
  const lane = (l: number) => simd(0x1f, l); // f32x4.extract_lane
  const [ROWS, PROBE, N, ROW_BYTES, OUT, R, I, ACC0, ACC1] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const body = [
    ...[0x02, 0x40], // block
    ...get(N),
    0x45, // i32.eqz
    ...[0x0d, 0], // br_if 0 (out of block)
    ...i32(0),
    ...set(R),
    ...[0x03, 0x40], // loop rows
    ...zero,
    ...set(ACC0),
    ...zero,
    ...set(ACC1),
    ...i32(0),
    ...set(I),
    ...[0x03, 0x40], // loop dims, 8 floats per turn
    ...get(ACC0),
    ...get(ROWS),
    ...get(I),
    0x6a,
    ...load(0),
    ...get(PROBE),
    ...get(I),
    0x6a,
    ...load(0),
    ...f32x4Mul,
    ...f32x4Add,
    ...set(ACC0),
    ...get(ACC1),
    ...get(ROWS),
    ...get(I),
    0x6a,
    ...load(16),
    ...get(PROBE),
    ...get(I),
    0x6a,
    ...load(16),
    ...f32x4Mul,
    ...f32x4Add,
    ...set(ACC1),
    ...get(I),
    ...i32(32),
    0x6a,
    ...tee(I),
    ...get(ROW_BYTES),
    0x49, // i32.lt_u
    ...[0x0d, 0], // br_if dims
    0x0b, // end dims
    ...get(ACC0),
    ...get(ACC1),
    ...f32x4Add,
    ...set(ACC0),
    ...get(OUT),
    ...get(ACC0),
    ...lane(0),
    ...get(ACC0),
    ...lane(1),
    0x92, // f32.add
    ...get(ACC0),
    ...lane(2),
    0x92,
    ...get(ACC0),
    ...lane(3),
    0x92,
    ...[0x38, 0x02, 0x00], // f32.store align=4
    ...get(OUT),
    ...i32(4),
    0x6a,
    ...set(OUT),
    ...get(ROWS),
    ...get(ROW_BYTES),
    0x6a,
    ...set(ROWS),
    ...get(R),
    ...i32(1),
    0x6a,
    ...tee(R),
    ...get(N),
    0x49,
    ...[0x0d, 0], // br_if rows
    0x0b, // end rows
    0x0b, // end block
    0x0b, // end function
  ];
  const locals = [0x02, 0x02, 0x7f, 0x02, 0x7b]; // 2 × i32, 2 × v128
  const func = [...leb(locals.length + body.length), ...locals, ...body];
  const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
  const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // (i32 ×5) → ()
    ...section(2, [0x01, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]), // memory, min 1 page
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, ...name('scores'), 0x00, 0x00]),
    ...section(10, [0x01, ...func]),
  ]);
}

function leb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

let compiled: WebAssembly.Module | null | undefined;

function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = scoresModuleBytes();
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Row storage of float32 vectors plus a scorer; rows live in WebAssembly memory when SIMD is available. */
export interface Float32RowStore {
  readonly simd: boolean;
  /** The rows, row-major; the view is replaced when capacity grows, so re-read it after `reserve`. */
  rows(): Float32Array;
  reserve(capacity: number): void;
  /** Scores of the first `count` rows against `probe` (same dimension); the view is reused between calls. */
  score(probe: Float32Array, count: number): Float32Array;
  byteSize(): number;
}

export function createFloat32RowStore(dimension: number, capacity: number): Float32RowStore {
  const module = dimension % 8 === 0 ? simdModule() : null;
  return module ? simdStore(module, dimension, capacity) : jsStore(dimension, capacity);
}

function simdStore(module: WebAssembly.Module, dim: number, initialCapacity: number): Float32RowStore {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const scores = instance.exports.scores as (
    rows: number,
    probe: number,
    n: number,
    rowBytes: number,
    out: number,
  ) => void;
  let capacity = 0;
  // Layout: rows at 0, then the probe, then the scores; only the rows survive a resize.
  let probeOffset = 0;
  let scoresOffset = 0;
  let rowsView = new Float32Array(0);
  let probeView = new Float32Array(0);
  let scoresView = new Float32Array(0);
  const reserve = (wanted: number) => {
    if (wanted <= capacity) return;
    capacity = wanted;
    probeOffset = capacity * dim * 4;
    scoresOffset = probeOffset + dim * 4;
    const needed = scoresOffset + capacity * 4;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    rowsView = new Float32Array(memory.buffer, 0, capacity * dim);
    probeView = new Float32Array(memory.buffer, probeOffset, dim);
    scoresView = new Float32Array(memory.buffer, scoresOffset, capacity);
  };
  reserve(initialCapacity);
  return {
    simd: true,
    rows: () => rowsView,
    reserve,
    score(probe, count) {
      probeView.set(probe);
      scores(0, probeOffset, count, dim * 4, scoresOffset);
      return scoresView;
    },
    byteSize: () => memory.buffer.byteLength,
  };
}

function jsStore(dim: number, initialCapacity: number): Float32RowStore {
  let rows = new Float32Array(initialCapacity * dim);
  let out = new Float32Array(initialCapacity);
  return {
    simd: false,
    rows: () => rows,
    reserve(wanted) {
      if (wanted * dim <= rows.length) return;
      const next = new Float32Array(wanted * dim);
      next.set(rows);
      rows = next;
      out = new Float32Array(wanted);
    },
    score(probe, count) {
      const r = rows;
      for (let row = 0; row < count; row++) {
        const base = row * dim;
        let s0 = 0;
        let s1 = 0;
        let i = 0;
        for (; i + 1 < dim; i += 2) {
          s0 += r[base + i] * probe[i];
          s1 += r[base + i + 1] * probe[i + 1];
        }
        if (i < dim) s0 += r[base + i] * probe[i];
        out[row] = s0 + s1;
      }
      return out;
    },
    byteSize: () => rows.byteLength + out.byteLength,
  };
}
