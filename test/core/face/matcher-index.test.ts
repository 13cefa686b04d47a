import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createMatcherIndex, topK } from '../../../src/core/face/matcher-index.js';
import { createFloat32RowStore } from '../../../src/core/face/simd-scorer.js';
import { dot, l2Normalize } from '../../../src/core/face/vector.js';

const DIM = 16;
const vec = fc
  .array(fc.float({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }), {
    minLength: DIM,
    maxLength: DIM,
  })
  .filter((v) => v.some((x) => Math.abs(x) > 0.01));

/** What a brute-force search over plain arrays returns: best score per employee, best first. */
function naiveEmployees(templates: { employee: string; v: number[] }[], probe: number[]) {
  const p = l2Normalize(probe);
  const best = new Map<string, number>();
  for (const t of templates) {
    const s = dot(l2Normalize(t.v), p);
    if (!best.has(t.employee) || s > best.get(t.employee)!) best.set(t.employee, s);
  }
  return [...best.entries()].sort((a, b) => b[1] - a[1]);
}

describe('matcher index', () => {
  it('finds the same best employees as a naive search, after adds and removes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ employee: fc.constantFrom('a', 'b', 'c', 'd', 'e'), v: vec }), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.array(fc.nat(), { maxLength: 20 }),
        vec,
        (templates, removals, probe) => {
          const index = createMatcherIndex({ dimension: DIM, initialCapacity: 4 });
          const kept = templates.map((t, i) => ({ ...t, id: `t${i}` }));
          for (const t of kept) index.add(t.employee, t.id, t.v);
          for (const r of removals) {
            const victim = kept.splice(r % Math.max(1, kept.length), 1)[0];
            if (victim) assert.equal(index.remove(victim.id), true);
          }
          assert.equal(index.size, kept.length);
          const expected = naiveEmployees(kept, probe);
          const got = index.searchEmployees(probe, 10);
          assert.equal(got.length, expected.length);
          got.forEach((g, i) => {
            assert.ok(Math.abs(g.score - expected[i][1]) < 1e-5, `score ${i}`);
          });
          assert.equal(index.employeeCount, new Set(kept.map((t) => t.employee)).size);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns the matching template, handles replacement and whole-employee removal', () => {
    const index = createMatcherIndex({ dimension: 3 });
    index.add('alice', 'a1', [1, 0, 0]);
    index.add('alice', 'a2', [0.9, 0.1, 0]);
    index.add('bob', 'b1', [0, 1, 0]);
    const [best, second] = index.searchEmployees([1, 0.05, 0], 2);
    assert.equal(best.employeeId, 'alice');
    assert.equal(best.templateId, 'a1');
    assert.equal(second.employeeId, 'bob');
    assert.deepEqual(
      index.searchTemplates([1, 0.05, 0], 3).map((h) => h.templateId),
      ['a1', 'a2', 'b1'],
    );
    // Re-adding an id replaces that template instead of duplicating it.
    index.add('bob', 'a1', [0, 0, 1]);
    assert.equal(index.size, 3);
    assert.deepEqual(index.templatesOf('bob').sort(), ['a1', 'b1']);
    assert.equal(index.removeEmployee('bob'), 2);
    assert.equal(index.size, 1);
    assert.equal(index.employeeCount, 1);
    assert.deepEqual(
      index.searchEmployees([0, 1, 0], 5).map((c) => c.employeeId),
      ['alice'],
    );
    assert.equal(index.remove('missing'), false);
  });

  it('can leave one employee out of a search', () => {
    const index = createMatcherIndex({ dimension: 2 });
    index.add('alice', 'a', [1, 0]);
    index.add('bob', 'b', [0.8, 0.6]);
    assert.equal(index.searchEmployees([1, 0], 1, { excludeEmployeeId: 'alice' })[0].employeeId, 'bob');
  });

  it('rejects vectors of the wrong dimension', () => {
    const index = createMatcherIndex({ dimension: 4 });
    assert.throws(() => index.add('x', 'y', [1, 2, 3]), RangeError);
    assert.throws(() => index.searchEmployees([1, 2, 3], 1), RangeError);
  });

  it('int8 storage scores within 0.02 of float32 and uses a quarter of the vector memory', () => {
    fc.assert(
      fc.property(fc.array(vec, { minLength: 1, maxLength: 30 }), vec, (vs, probe) => {
        const f = createMatcherIndex({ dimension: DIM, storage: 'float32', initialCapacity: 16 });
        const q = createMatcherIndex({ dimension: DIM, storage: 'int8', initialCapacity: 16 });
        vs.forEach((v, i) => {
          f.add(`e${i}`, `t${i}`, v);
          q.add(`e${i}`, `t${i}`, v);
        });
        const a = f.searchTemplates(probe, vs.length);
        const b = new Map(q.searchTemplates(probe, vs.length).map((h) => [h.templateId, h.score]));
        for (const h of a) assert.ok(Math.abs(h.score - b.get(h.templateId)!) < 0.02);
      }),
      { numRuns: 100 },
    );
    const big = (storage: 'float32' | 'int8') => {
      const index = createMatcherIndex({ dimension: 128, storage, initialCapacity: 4096 });
      return index.byteSize();
    };
    assert.ok(big('int8') < big('float32') / 2);
  });

  it('keeps 100,000 templates of 128 dimensions under 100 MB', () => {
    const index = createMatcherIndex({ dimension: 128 });
    const v = new Float32Array(128);
    for (let i = 0; i < 100_000; i++) {
      v[i % 128] = 1;
      v[(i * 7 + 1) % 128] = 0.5;
      index.add(`e${i % 20_000}`, `t${i}`, v);
      v.fill(0);
    }
    assert.equal(index.size, 100_000);
    assert.equal(index.employeeCount, 20_000);
    assert.ok(index.byteSize() < 100 * 1024 * 1024, `${index.byteSize()} bytes`);
  });
});

describe('float32 row scoring', () => {
  it('SIMD and JavaScript scorers agree with a plain dot product', () => {
    fc.assert(
      fc.property(fc.array(vec, { minLength: 1, maxLength: 40 }), vec, (rows, probe) => {
        for (const dim of [DIM, DIM - 1]) {
          const store = createFloat32RowStore(dim, 2);
          store.reserve(rows.length);
          rows.forEach((r, i) => {
            store.rows().set(r.slice(0, dim), i * dim);
          });
          const p = Float32Array.from(probe.slice(0, dim));
          const scores = store.score(p, rows.length);
          rows.forEach((r, i) => {
            assert.ok(Math.abs(scores[i] - dot(Float32Array.from(r.slice(0, dim)), p)) < 1e-4);
          });
        }
      }),
      { numRuns: 100 },
    );
    assert.equal(createFloat32RowStore(128, 1).simd, true, 'Node 20 has WebAssembly SIMD');
  });
});

describe('topK', () => {
  it('returns the indices of the largest values, largest first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, min: -1, max: 1 }), { maxLength: 50 }),
        fc.nat(8),
        (xs, k) => {
          const values = Float32Array.from(xs);
          const got = topK(values, values.length, k).map((i) => values[i]);
          const expected = [...values].sort((a, b) => b - a).slice(0, k);
          assert.deepEqual(got, expected);
        },
      ),
    );
  });
});
