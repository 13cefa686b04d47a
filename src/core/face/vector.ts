// Vector math for face templates. Templates are compared by cosine similarity of L2-normalised vectors,
// which for unit vectors is the dot product.

export type Vector = ArrayLike<number>;

export function l2Norm(v: Vector): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  return Math.sqrt(sum);
}

/** A new unit-length copy of `v`. Throws on a zero or non-finite vector, which no face embedding should be. */
export function l2Normalize(v: Vector): Float32Array {
  const norm = l2Norm(v);
  if (!Number.isFinite(norm) || norm === 0)
    throw new RangeError('cannot normalise a zero or non-finite vector');
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / norm;
  return out;
}

export function dot(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError(`dimension mismatch: ${a.length} vs ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

export function cosineSimilarity(a: Vector, b: Vector): number {
  const na = l2Norm(a);
  const nb = l2Norm(b);
  if (na === 0 || nb === 0) return 0;
  return dot(a, b) / (na * nb);
}

/** The normalised sum of unit vectors: the mean direction, used to fuse a face with its mirror image. */
export function meanDirection(vectors: readonly Vector[]): Float32Array {
  if (vectors.length === 0) throw new RangeError('no vectors to average');
  const dim = vectors[0].length;
  const sum = new Float32Array(dim);
  for (const v of vectors) {
    const unit = l2Normalize(v);
    if (unit.length !== dim) throw new RangeError('dimension mismatch');
    for (let i = 0; i < dim; i++) sum[i] += unit[i];
  }
  return l2Normalize(sum);
}
