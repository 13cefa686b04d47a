import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { acceptsOpenSet, decideOpenSet } from '../../../src/core/face/decision.js';

const policy = { threshold: 0.93, margin: 0.01 };
const c = (employeeId: string, score: number) => ({ employeeId, score, templateId: `${employeeId}-1` });

describe('open-set decision', () => {
  it('accepts the best employee when it clears the threshold and leads by the margin', () => {
    const d = decideOpenSet([c('alice', 0.96), c('bob', 0.91)], policy);
    assert.equal(d.outcome, 'match');
    if (d.outcome === 'match') {
      assert.equal(d.employeeId, 'alice');
      assert.equal(d.score, 0.96);
      assert.equal(d.secondScore, 0.91);
      assert.equal(d.candidates.length, 2);
    }
  });

  it('answers unknown below the threshold, when two employees are too close, or with nobody enrolled', () => {
    const below = decideOpenSet([c('alice', 0.925)], policy);
    assert.deepEqual(
      [below.outcome, below.outcome === 'unknown' && below.reason],
      ['unknown', 'below_threshold'],
    );
    const close = decideOpenSet([c('alice', 0.95), c('bob', 0.945)], policy);
    assert.deepEqual([close.outcome, close.outcome === 'unknown' && close.reason], ['unknown', 'ambiguous']);
    assert.equal(close.candidates[1].employeeId, 'bob', 'candidates kept for the audit trail');
    const empty = decideOpenSet([], policy);
    assert.deepEqual(
      [empty.outcome, empty.outcome === 'unknown' && empty.reason],
      ['unknown', 'no_templates'],
    );
  });

  it('a single enrolled employee needs only the threshold', () => {
    assert.equal(decideOpenSet([c('alice', 0.931)], policy).outcome, 'match');
  });

  it('agrees with the bare-score rule', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: null }),
        (a, b) => {
          const [best, second] = b === null || a >= b ? [a, b] : [b, a];
          const list = second === null ? [c('x', best)] : [c('x', best), c('y', second)];
          assert.equal(decideOpenSet(list, policy).outcome === 'match', acceptsOpenSet(best, second, policy));
        },
      ),
    );
  });
});
