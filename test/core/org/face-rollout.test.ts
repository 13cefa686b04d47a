import assert from 'node:assert/strict';
import { test } from 'node:test';
import { departmentChain, faceRolloutCovers } from '../../../src/core/org/face-rollout.js';

const tree = [
  { id: 1, parentId: null }, // company
  { id: 2, parentId: 1 }, // R&D
  { id: 3, parentId: 2 }, // R&D / vision
  { id: 4, parentId: 1 }, // sales
];

test('an empty scope covers everyone, on any date', () => {
  assert.equal(faceRolloutCovers([], departmentChain(tree, 4), '2020-01-01'), true);
  assert.equal(faceRolloutCovers([], departmentChain(tree, null), '2020-01-01'), true);
});

test('a department is covered with everything below it, from its date on', () => {
  const rollout = [{ departmentId: 2, from: '2026-12-01' }];
  assert.deepEqual(departmentChain(tree, 3), [3, 2, 1]);
  assert.equal(faceRolloutCovers(rollout, departmentChain(tree, 3), '2026-11-30'), false, 'before its date');
  assert.equal(
    faceRolloutCovers(rollout, departmentChain(tree, 3), '2026-12-01'),
    true,
    'a sub-department on the day',
  );
  assert.equal(
    faceRolloutCovers(rollout, departmentChain(tree, 4), '2027-01-01'),
    false,
    'another department',
  );
  assert.equal(faceRolloutCovers(rollout, departmentChain(tree, null), '2027-01-01'), false, 'no department');
});
