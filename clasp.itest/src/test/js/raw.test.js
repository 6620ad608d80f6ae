// Raw WebSocket connections speaking CLASP with @clasp-to/core's own encoder and decoder: what the JS client
// API cannot send (locks, expected revisions, malformed frames) and the exact ERROR frames that come back.
import { describe as suite, test } from 'node:test';
import assert from 'node:assert/strict';
import { encode } from '@clasp-to/core';
import { addr, connectClient, describe, framesOf, RawClient, sleep, sync, within } from './support.js';

const ack = (replies) => replies.map((m) => (m.type === 'ACK' ? ['ACK', m.address, m.revision] : [m.type, m.code, m.message, m.address]));

test('lock denial: ERROR 400 LockHeld naming the holder, also for a non-holder unlock; released on disconnect', async (t) => {
  const holder = await RawClient.connect(t, { name: 'interop lock holder' });
  const other = await RawClient.connect(t, { name: 'interop lock contender' });
  const watcher = await RawClient.connect(t, { name: 'interop lock watcher' });
  const address = addr('/lock/fader');
  await watcher.request({ type: 'SUBSCRIBE', id: 1, pattern: address });
  const denied = ['ERROR', 400, `LockHeld { holder: "${holder.session}" }`, address];
  const watched = watcher.log.length;

  assert.deepEqual(ack(await holder.request({ type: 'SET', address, value: 0.5, lock: true })), [['ACK', address, 1]]);
  assert.deepEqual(ack(await other.request({ type: 'SET', address, value: 0.9 })), [denied]);
  // Router §6.2 hardening: a non-holder's unlock does not bypass the lock.
  assert.deepEqual(ack(await other.request({ type: 'SET', address, value: 0.8, unlock: true })), [denied]);
  await watcher.barrier();
  const seen = watcher.log.messages(watched).filter((m) => m.type !== 'PONG');
  assert.deepEqual(seen.map((m) => [m.type, m.value, m.revision, m.lock]), [['SET', 0.5, 1, true]],
    `only the holder's SET is broadcast: ${describe(seen)}`);

  assert.deepEqual(ack(await holder.request({ type: 'SET', address, value: 0.6 })), [['ACK', address, 2]]);
  assert.deepEqual(ack(await holder.request({ type: 'SET', address, value: 0.7, unlock: true })), [['ACK', address, 3]]);
  assert.deepEqual(ack(await other.request({ type: 'SET', address, value: 0.9, lock: true })), [['ACK', address, 4]]);
  assert.deepEqual(ack(await holder.request({ type: 'SET', address, value: 0.1 })),
    [['ERROR', 400, `LockHeld { holder: "${other.session}" }`, address]]);

  // D7: a session's locks are released when it disconnects.
  other.close();
  await other.closed;
  // the router learns of the close on its own schedule: ask again until it lets go (a timeout, not a bound)
  let replies;
  for (const giveUp = Date.now() + 30_000; Date.now() < giveUp; await sleep(20)) {
    replies = ack(await holder.request({ type: 'SET', address, value: 0.2 }));
    if (replies[0][0] === 'ACK') break;
  }
  assert.deepEqual(replies, [['ACK', address, 5]], 'the lock went with its holder');
});

test('revision conflict: ERROR 400 RevisionConflict with expected and actual revision', async (t) => {
  const one = await RawClient.connect(t, { name: 'interop revision one' });
  const two = await RawClient.connect(t, { name: 'interop revision two' });
  const address = addr('/rev/scene');

  assert.deepEqual(ack(await one.request({ type: 'SET', address, value: 'a' })), [['ACK', address, 1]]);
  assert.deepEqual(ack(await one.request({ type: 'SET', address, value: 'b', revision: 5 })),
    [['ERROR', 400, 'RevisionConflict { expected: 5, actual: 1 }', address]]);
  assert.deepEqual(ack(await one.request({ type: 'SET', address, value: 'c', revision: 1 })), [['ACK', address, 2]]);
  assert.deepEqual(ack(await two.request({ type: 'SET', address, value: 'd', revision: 1 })),
    [['ERROR', 400, 'RevisionConflict { expected: 1, actual: 2 }', address]]);
  const [snapshot] = await two.request({ type: 'GET', address });
  assert.deepEqual(snapshot.params.map((p) => [p.value, p.revision, p.writer]), [['c', 2, one.session]]);
});

// ---- malformed input (router-semantics D6)

/** Deterministic bytes (xorshift32), so a failure can be replayed. */
function randomBytes(n, seed) {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const setFrame = () => encode({ type: 'SET', address: addr('/mal/x'), value: 1 }, 1);
const withMagic = (bytes, magic) => { const b = Uint8Array.from(bytes); b[0] = magic; return b; };

// After the handshake a malformed frame is not applied, the sender gets ERROR 101 naming what was wrong and
// stays connected; a text message is ignored; a WebSocket message above the frame limit closes with 1009.
const CASES = [
  { name: 'bad magic', bytes: () => withMagic(setFrame(), 0x54), error: /^Invalid message: BAD_MAGIC/ },
  { name: 'truncated frame', bytes: () => setFrame().slice(0, -3), error: /^Invalid message: TRUNCATED/ },
  { name: 'header shorter than 4 bytes', bytes: () => Uint8Array.of(0x53, 0x01), error: /^Invalid message: TRUNCATED/ },
  { name: 'empty binary message', bytes: () => new Uint8Array(0), error: /^Invalid message: TRUNCATED/ },
  { name: 'huge declared length', bytes: () => Uint8Array.of(0x53, 0x01, 0xff, 0xff, 0x21, 0x07, 0x00, 0x01, 0x2f), error: /^Invalid message: TRUNCATED/ },
  { name: 'string length beyond the payload', bytes: () => Uint8Array.of(0x53, 0x01, 0x00, 0x05, 0x21, 0x07, 0x00, 0xc8, 0x2f), error: /^Invalid message: LENGTH_MISMATCH/ },
  { name: 'unknown message type', bytes: () => Uint8Array.of(0x53, 0x01, 0x00, 0x01, 0x7f), error: /^Invalid message: UNKNOWN_TYPE/ },
  { name: 'random bytes', bytes: () => randomBytes(64, 0xc1a5), error: /^Invalid message: / },
  { name: 'random payload behind a valid header', bytes: () => Uint8Array.of(0x53, 0x01, 0x00, 0x20, 0x21, ...randomBytes(31, 7)), error: /^Invalid message: / },
  { name: 'text message', text: 'HELLO clasp' },
  { name: 'message above the 65,547-byte frame limit', bytes: () => { const b = new Uint8Array(70_000); b.set(setFrame()); return b; }, close: 1009 },
];

/** A client connected before the bad input still receives broadcasts, and a new client can connect. */
async function assertRouterStillServes(t, observer, writer, address, value) {
  const log = framesOf(observer);
  const from = log.length;
  writer.set(address, value);
  const [m] = await log.waitFor((x) => x.type === 'SET' && x.address === address && x.value === value,
    { from, what: `broadcast of ${value} to the client connected before` });
  assert.equal(m.value, value);
  const fresh = await connectClient(t, 'interop after malformed input');
  assert.equal(fresh.connected, true, 'a new client connects');
  fresh.close();
}

suite('malformed input', () => {
  CASES.forEach((c, i) => {
    test(`malformed input: ${c.name}`, async (t) => {
      const address = addr('/mal/tick');
      const observer = await connectClient(t, 'interop malformed observer');
      observer.on(address, () => {});
      await sync(observer);
      const writer = await connectClient(t, 'interop malformed writer');
      const sender = await RawClient.connect(t, { name: `interop malformed ${c.name}` });

      const from = sender.log.length;
      if (c.text !== undefined) sender.sendBytes(c.text, { binary: false });
      else sender.sendBytes(c.bytes());
      if (c.close) {
        const closed = await within(sender.closed, 30_000);
        assert.notEqual(closed, 'timeout', 'the connection is closed');
        assert.equal(closed.code, c.close, `close code (reason "${closed.reason}")`);
        assert.deepEqual(sender.between(from, sender.log.length), [], 'no CLASP reply before the close');
      } else {
        sender.send({ type: 'PING' });
        const [, at] = await sender.log.waitFor((m) => m.type === 'PONG', { from, what: 'PONG: the connection stays open' });
        const replies = sender.between(from, at);
        if (c.error) {
          assert.equal(replies.length, 1, describe(replies));
          const [e] = replies;
          assert.equal(e.type, 'ERROR', describe(replies));
          assert.equal(e.code, 101, e.message);
          assert.match(e.message, c.error);
          assert.equal(e.address, undefined);
        } else {
          assert.deepEqual(replies, [], 'ignored without reply');
        }
        assert.ok(sender.isOpen);
      }
      await assertRouterStillServes(t, observer, writer, address, i + 1);
    });
  });

  test('malformed input: a first frame that is not a decodable HELLO closes without reply', async (t) => {
    const observer = await connectClient(t, 'interop malformed observer');
    const address = addr('/mal/first');
    observer.on(address, () => {});
    await sync(observer);
    const writer = await connectClient(t, 'interop malformed writer');
    for (const [what, bytes] of [['bad magic', withMagic(setFrame(), 0x00)], ['a SET', setFrame()], ['random bytes', randomBytes(40, 99)]]) {
      const raw = await RawClient.connect(t, { name: 'interop no hello', hello: false });
      raw.sendBytes(bytes);
      const closed = await within(raw.closed, 30_000);
      assert.notEqual(closed, 'timeout', `${what} first: closed`);
      assert.equal(closed.code, 1002, `${what} first: close code (reason "${closed.reason}")`);
      assert.deepEqual(raw.between(0, raw.log.length), [], `${what} first: nothing sent back`);
    }
    await assertRouterStillServes(t, observer, writer, address, 1);
  });

  test('malformed input: one ERROR per second, and more than 20 malformed frames in 10 s close the connection', async (t) => {
    const observer = await connectClient(t, 'interop malformed observer');
    const address = addr('/mal/flood');
    observer.on(address, () => {});
    await sync(observer);
    const writer = await connectClient(t, 'interop malformed writer');
    const sender = await RawClient.connect(t, { name: 'interop malformed flood' });
    const bad = Uint8Array.of(0x53, 0x01, 0x00, 0x01, 0x7f);

    const from = sender.log.length;
    const start = Date.now();
    for (let i = 0; i < 20; i++) sender.sendBytes(bad);
    const replies = await sender.barrier();
    // The router took the 20 frames within this span, so it had at most one notice per second of it to give.
    const seconds = Math.floor((Date.now() - start) / 1000);
    const errors = sender.log.messages(from).filter((m) => m.type === 'ERROR');
    assert.ok(errors.length >= 1 && errors.length <= 1 + seconds,
      `20 malformed frames in ${seconds + 1} s or less: one to ${1 + seconds} notices: ${describe(replies)}`);
    assert.ok(errors.every((e) => e.code === 101), `every notice is ERROR 101: ${describe(errors)}`);
    if (seconds < 9) {   // the 21st frame still falls in the 10 s window of the first
      sender.sendBytes(bad);
      const closed = await within(sender.closed, 30_000);
      assert.notEqual(closed, 'timeout', 'the 21st closes the connection');
      assert.equal(closed.code, 1002, `close code (reason "${closed.reason}")`);
    } else {
      t.diagnostic(`20 frames took ${seconds} s: the 21st may fall outside the 10 s window, its close is not checked`);
    }
    await assertRouterStillServes(t, observer, writer, address, 1);
  });
});

// ---- timelines played by the router

test('timeline: a definition is forwarded unchanged and played as SETs; the JS client\'s timeline() cancels a loop', async (t) => {
  const sender = await RawClient.connect(t, { name: 'interop timeline sender' });
  const watcher = await RawClient.connect(t, { name: 'interop timeline watcher' });
  const fade = addr('/timeline/fade');
  const loop = addr('/timeline/loop');
  await watcher.request({ type: 'SUBSCRIBE', id: 1, pattern: addr('/timeline/*') });

  // 0 → 1 over 200 ms at 20 Hz: frames at 0, 50, 100, 150 ms, the last keyframe's value at 200 ms
  const definition = { keyframes: [{ time: 0, value: 0 }, { time: 200_000, value: 1 }], rate: 20 };
  const from = watcher.log.length;
  sender.send({ type: 'PUBLISH', address: fade, signal: 'timeline', value: definition });
  const [, end] = await watcher.log.waitFor((m) => m.type === 'SET' && m.address === fade && m.value === 1,
    { from, what: 'the last SET of the fade' });
  const [forwarded, ...sets] = watcher.log.messages(from).slice(0, end - from + 1);
  assert.equal(forwarded.type, 'PUBLISH', `the timeline PUBLISH comes first: ${describe([forwarded, ...sets])}`);
  assert.equal(forwarded.signal, 'timeline');
  assert.deepEqual(forwarded.value, definition);
  // a frame the router's clock reached late is skipped, never sent out of order: the first and the last are always there
  const values = sets.map((m) => m.value);
  assert.equal(values[0], 0);
  assert.equal(values.at(-1), 1);
  assert.ok(values.every((v, i) => [0, 0.25, 0.5, 0.75, 1].includes(v) && (i === 0 || v > values[i - 1])), `values ${values}`);
  assert.deepEqual(sets.map((m) => m.revision), sets.map((_, i) => i + 1));
  const [snapshot] = await watcher.request({ type: 'GET', address: fade });
  assert.deepEqual(snapshot.params.map((p) => [p.value, p.writer]), [[1, sender.session]]);

  // a looping timeline plays until a value-less timeline PUBLISH, as Clasp.timeline() sends, stops it
  sender.send({ type: 'PUBLISH', address: loop, signal: 'timeline', value: { keyframes: [{ time: 0, value: 0 }, { time: 100_000, value: 1 }], loop: true } });
  const playing = watcher.log.length;
  await watcher.log.waitFor((m) => m.type === 'SET' && m.address === loop, { from: playing, what: 'a SET of the loop' });
  const client = await connectClient(t, 'interop timeline canceller');
  client.timeline(loop, [{ time: 0, value: 0 }], { loop: true });
  const [cancel, at] = await watcher.log.waitFor((m) => m.type === 'PUBLISH' && m.address === loop && m.value === undefined,
    { from: playing, what: 'the cancelling timeline PUBLISH' });
  assert.equal(cancel.signal, 'timeline');
  await sleep(300);   // time for stray frames to show up: there must be none after the cancel was forwarded
  await watcher.barrier();
  const after = watcher.log.messages(at + 1).filter((m) => m.type === 'SET' && m.address === loop);
  assert.deepEqual(after, [], `no SET of the loop after its cancel: ${describe(after)}`);
});
