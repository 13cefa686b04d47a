// What travels between instances over NOTIFY: events are packed into payloads under PostgreSQL's size limit
// and read back in order; anything malformed (or of another kind) is ignored rather than trusted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_PAYLOAD_BYTES,
  packEvents,
  parseEventBatch,
  parseFaceChange,
} from '../../src/services/cluster/messages.js';

test('events are packed into payloads under the limit and come back in order', () => {
  const items = Array.from({ length: 120 }, (_, i) => ({ id: i, name: `员工 ${i}`, note: 'x'.repeat(250) }));
  const head = { s: 'public', from: '123-abcd', t: 'punch' };
  const payloads = packEvents(head, items);
  assert.ok(payloads.length > 1, 'more than one payload for 120 events of 300 bytes');
  for (const p of payloads)
    assert.ok(Buffer.byteLength(p) <= MAX_PAYLOAD_BYTES, `${Buffer.byteLength(p)} bytes`);
  const back = payloads.flatMap((p) => {
    const batch = parseEventBatch(p);
    assert.ok(batch);
    assert.equal(batch.s, 'public');
    assert.equal(batch.from, '123-abcd');
    assert.equal(batch.t, 'punch');
    return batch.d;
  });
  assert.deepEqual(back, items);
});

test('an event too large for any payload is left out, the others still go', () => {
  const payloads = packEvents({ s: 'public', from: 'a', t: 'punch' }, [
    { id: 1 },
    { big: 'y'.repeat(9000) },
    { id: 2 },
  ]);
  assert.deepEqual(
    payloads.flatMap((p) => parseEventBatch(p)!.d),
    [{ id: 1 }, { id: 2 }],
  );
});

test('face change messages from the triggers are read; anything else is ignored', () => {
  assert.deepEqual(parseFaceChange('{"s":"t_1","op":"insert","ids":[3,4]}'), {
    s: 't_1',
    op: 'insert',
    ids: [3, 4],
  });
  assert.deepEqual(parseFaceChange('{"s":"t_1","op":"reload"}'), { s: 't_1', op: 'reload' });
  for (const bad of [
    '',
    'not json',
    '{"op":"insert","ids":[1]}',
    '{"s":"x","op":"drop","ids":[1]}',
    '{"s":"x","op":"delete","ids":["1"]}',
    '{"s":"x","op":"update"}',
  ]) {
    assert.equal(parseFaceChange(bad), null, bad);
  }
  assert.equal(parseEventBatch('{"s":"x","from":"y","t":"punch","d":{}}'), null);
});
