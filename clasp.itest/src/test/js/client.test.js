// The published JS client against the router, driven as an application would drive it; each assertion on
// delivery is checked on the frames the client's connection received.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addr, addressesOf, connectClient, describe, framesOf, RawClient, sync, within } from './support.js';

test('connect: WELCOME with a session id, then the initial SNAPSHOT', async (t) => {
  const before = Date.now();
  const client = await connectClient(t, 'interop connect');
  const after = Date.now();
  assert.equal(client.connected, true);
  assert.match(client.session, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  const log = framesOf(client);
  const [welcome] = log.messages();
  assert.equal(welcome.type, 'WELCOME');
  assert.equal(welcome.name, 'CLASP Router');
  assert.equal(welcome.session, client.session);
  // the server's clock, read while the client connected (whole milliseconds on this side)
  assert.ok(welcome.time >= before * 1000 && welcome.time < (after + 1) * 1000,
    `WELCOME time ${welcome.time} µs lies between ${before} and ${after} ms`);
  await log.waitFor((m) => m.type === 'SNAPSHOT', { what: 'initial SNAPSHOT' });
});

// Every value type the JS client can send (numbers are always f64 on its wire).
const VALUES = [
  ['float', 0.75],
  ['integer-valued number', 42],
  ['large integer-valued number', 2 ** 40],
  ['zero', 0],
  ['negative', -273.15],
  ['true', true],
  ['false', false],
  ['string', 'hello'],
  ['empty string', ''],
  ['unicode string', 'héllo wörld ✓ 日本語 🎛️'],
  ['null', null],
  ['bytes', new Uint8Array([0, 1, 2, 127, 128, 254, 255])],
  ['empty bytes', new Uint8Array([])],
  ['array', [1, 'two', true, null, [3.5, 'four']]],
  ['empty array', []],
  ['nested map', { level: 0.5, name: 'fader', on: false, nothing: null, nested: { list: [1, 2, { deep: 'yes' }], bytes: new Uint8Array([9]) } }],
  ['empty map', {}],
];

test('SET then GET round trip for every value type the client sends', async (t) => {
  const client = await connectClient(t, 'interop types');
  const log = framesOf(client);
  for (const [name, value] of VALUES) {
    const address = addr(`/types/${name.replaceAll(' ', '-')}`);
    const from = log.length;
    client.set(address, value);
    // Not subscribed, so the client has no cached value: get() sends GET and waits for the SNAPSHOT reply.
    const got = await client.get(address);
    assert.deepEqual(got, value, `${name}: GET returned ${JSON.stringify(got)}`);
    const [ack] = await log.waitFor((m) => m.type === 'ACK' && m.address === address, { from, what: `ACK for ${name}` });
    assert.equal(ack.revision, 1, name);
    const [snapshot] = await log.waitFor((m) => m.type === 'SNAPSHOT' && addressesOf(m).includes(address), { from, what: `SNAPSHOT for ${name}` });
    assert.deepEqual(snapshot.params, [{ address, value, revision: 1, writer: client.session, timestamp: snapshot.params[0].timestamp }], name);
  }
  // A later client reads them all from its initial SNAPSHOT.
  const late = await connectClient(t, 'interop types reader');
  for (const [name, value] of VALUES) {
    assert.deepEqual(late.cached(addr(`/types/${name.replaceAll(' ', '-')}`)), value, `${name} in the initial SNAPSHOT`);
  }
});

test('conflict strategy max (configured for /**/peak/*): a lower value gets ERROR 400 ConflictRejected, kept as the client\'s last error', async (t) => {
  const client = await connectClient(t, 'interop max writer');
  const address = addr('/peak/level');
  const log = framesOf(client);
  const from = log.length;
  client.set(address, 0.5);
  client.set(address, 0.25);
  client.set(address, 0.75);
  await sync(client);
  const replies = log.messages(from).filter((m) => m.type === 'ACK' || m.type === 'ERROR')
    .map((m) => (m.type === 'ACK' ? ['ACK', m.address, m.revision] : ['ERROR', m.code, m.message, m.address]));
  assert.deepEqual(replies, [['ACK', address, 1], ['ERROR', 400, 'ConflictRejected', address], ['ACK', address, 2]]);
  const error = client.getLastError();
  assert.deepEqual([error.code, error.message, error.address], [400, 'ConflictRejected', address]);
  const late = await connectClient(t, 'interop max reader');
  assert.equal(late.cached(address), 0.75, 'the refused write changed nothing');
});

test("a subscriber sees another client's SET with its value and address", async (t) => {
  const writer = await connectClient(t, 'interop writer');
  const reader = await connectClient(t, 'interop reader');
  const address = addr('/sub/fader/1');
  const seen = [];
  reader.on(address, (value, address) => seen.push([address, value]));
  await sync(reader);
  const from = framesOf(reader).length;

  writer.set(address, 0.25);
  const [set] = await framesOf(reader).waitFor((m) => m.type === 'SET' && m.address === address, { from, what: 'SET' });
  assert.equal(set.value, 0.25);
  assert.equal(set.revision, 1);
  assert.deepEqual(seen, [[address, 0.25]]);
});

test('wildcards: /a/* gets /a/x but no frame for /a/x/y or /b/x; /a/** gets /a/x/y', async (t) => {
  const writer = await connectClient(t, 'interop wildcard writer');
  const one = await connectClient(t, 'interop wildcard one');
  const any = await connectClient(t, 'interop wildcard any');
  const [ax, axy, bx, a] = ['/a/x', '/a/x/y', '/b/x', '/a'].map((p) => addr(`/wc${p}`));
  const callbacks = { one: [], any: [] };
  one.on(addr('/wc/a/*'), (v, address) => callbacks.one.push(address));
  any.on(addr('/wc/a/**'), (v, address) => callbacks.any.push(address));
  await Promise.all([sync(one), sync(any)]);
  const fromOne = framesOf(one).length;
  const fromAny = framesOf(any).length;

  // One connection's frames are handled in order and fanned out at once, so whatever the router sends a
  // subscriber for the first three SETs reaches it before the SET of the last address, which both receive.
  writer.set(axy, 1);
  writer.set(bx, 2);
  writer.emit(axy, { event: true });
  writer.set(ax, 3);
  await framesOf(one).waitFor((m) => m.address === ax, { from: fromOne, what: `SET ${ax} at /a/*` });
  await framesOf(any).waitFor((m) => m.address === ax, { from: fromAny, what: `SET ${ax} at /a/**` });

  const gotOne = framesOf(one).messages(fromOne);
  assert.deepEqual(gotOne.map((m) => [m.type, m.address]), [['SET', ax]], `/a/* received ${describe(gotOne)}`);
  const gotAny = framesOf(any).messages(fromAny);
  assert.deepEqual(gotAny.map((m) => [m.type, m.address]), [['SET', axy], ['PUBLISH', axy], ['SET', ax]],
    `/a/** received ${describe(gotAny)}`);
  assert.deepEqual(callbacks.one, [ax]);
  assert.deepEqual(callbacks.any, [axy, axy, ax]);

  // Under the delivery matcher /a/** also matches /a itself (router-semantics §4.3).
  writer.set(a, 4);
  await framesOf(any).waitFor((m) => m.address === a, { from: fromAny, what: `SET ${a} at /a/**` });
});

test('unsubscribe: no more frames for that pattern afterwards', async (t) => {
  const writer = await connectClient(t, 'interop unsubscribe writer');
  const reader = await connectClient(t, 'interop unsubscribe reader');
  const address = addr('/unsub/x');
  const marker = addr('/unsub/marker');
  const seen = [];
  const unsubscribe = reader.on(address, (v) => seen.push(v));
  reader.on(marker, () => {});
  await sync(reader);
  const log = framesOf(reader);

  writer.set(address, 1);
  await log.waitFor((m) => m.type === 'SET' && m.address === address, { what: 'SET before unsubscribe' });
  unsubscribe();
  await sync(reader);
  const from = log.length;
  writer.set(address, 2);
  writer.emit(address, 'event after unsubscribe');
  writer.set(marker, true);
  await log.waitFor((m) => m.address === marker, { from, what: 'marker SET' });

  const after = log.messages(from);
  assert.deepEqual(after.map((m) => [m.type, m.address]), [['SET', marker]], `after unsubscribe: ${describe(after)}`);
  assert.deepEqual(seen, [1]);
});

test('late joiner gets the current state: initial SNAPSHOT, SNAPSHOT on subscribe, get() from it', async (t) => {
  const writer = await connectClient(t, 'interop state writer');
  const [level, scene] = [addr('/late/level'), addr('/late/scene')];
  writer.set(level, 0.1);
  writer.set(level, 0.9);
  writer.set(scene, { name: 'intro', cue: 3 });
  await sync(writer);

  const late = await connectClient(t, 'interop late joiner');
  const log = framesOf(late);
  const initial = log.messages().filter((m) => m.type === 'SNAPSHOT').flatMap((m) => m.params);
  const entry = initial.find((p) => p.address === level);
  assert.ok(entry, `initial SNAPSHOT has ${level}`);
  assert.equal(entry.value, 0.9);
  assert.equal(entry.revision, 2);
  assert.equal(entry.writer, writer.session);
  assert.equal(await late.get(level), 0.9);

  const from = log.length;
  const seen = [];
  late.on(addr('/late/*'), (value, address) => seen.push([address, value]));
  const [snapshot] = await log.waitFor((m) => m.type === 'SNAPSHOT', { from, what: 'SNAPSHOT on subscribe' });
  assert.deepEqual(snapshot.params.map((p) => [p.address, p.value, p.revision]).sort(),
    [[level, 0.9, 2], [scene, { name: 'intro', cue: 3 }, 1]].sort());
  assert.deepEqual(seen.sort(), [[level, 0.9], [scene, { name: 'intro', cue: 3 }]].sort());
});

test('emit and stream reach subscribers (not the sender) and are not stored', async (t) => {
  const sender = await connectClient(t, 'interop emitter');
  const reader = await connectClient(t, 'interop signal reader');
  const [cue, meter, marker] = [addr('/sig/cue/go'), addr('/sig/meter'), addr('/sig/marker')];
  const seen = [];
  reader.on(addr('/sig/**'), (value, address) => seen.push([address, value]));
  sender.on(addr('/sig/**'), () => {}); // the sender is subscribed too, yet gets none of its own signals
  await Promise.all([sync(reader), sync(sender)]);
  const from = framesOf(reader).length;
  const senderFrom = framesOf(sender).length;

  sender.emit(cue, { n: 1, label: 'go' });
  sender.stream(meter, 0.5);
  sender.stream(meter, 0.625);
  sender.set(marker, true);
  await framesOf(reader).waitFor((m) => m.address === marker, { from, what: 'marker SET' });

  const got = framesOf(reader).messages(from);
  assert.deepEqual(got.map((m) => [m.type, m.signal, m.address, m.value]), [
    ['PUBLISH', 'event', cue, { n: 1, label: 'go' }],
    ['PUBLISH', 'stream', meter, 0.5],
    ['PUBLISH', 'stream', meter, 0.625],
    ['SET', undefined, marker, true],
  ], describe(got));
  assert.deepEqual(seen, [[cue, { n: 1, label: 'go' }], [meter, 0.5], [meter, 0.625], [marker, true]]);
  await framesOf(sender).waitFor((m) => m.address === marker, { from: senderFrom, what: 'own SET echo' });
  const own = framesOf(sender).messages(senderFrom).filter((m) => m.type === 'PUBLISH');
  assert.deepEqual(own, [], 'the sender gets none of its own PUBLISHes');

  // Not stored: absent from a new session's initial SNAPSHOT, and GET gets no reply (the router answers a GET
  // of an unknown address with nothing); the SET next to them is there.
  const probe = await RawClient.connect(t, { name: 'interop signal probe' });
  const stored = probe.initial.filter((m) => m.type === 'SNAPSHOT').flatMap(addressesOf);
  assert.ok(stored.includes(marker), 'the SET is in the initial SNAPSHOT');
  assert.ok(!stored.includes(cue) && !stored.includes(meter), 'event and stream are not in the initial SNAPSHOT');
  assert.deepEqual(await probe.request({ type: 'GET', address: cue }), [], 'GET of the event address');
  assert.deepEqual(await probe.request({ type: 'GET', address: meter }), [], 'GET of the stream address');
  const [reply] = await probe.request({ type: 'GET', address: marker });
  assert.equal(reply.type, 'SNAPSHOT');
  const onSubscribe = await probe.request({ type: 'SUBSCRIBE', id: 1, pattern: addr('/sig/**') });
  assert.deepEqual(onSubscribe.flatMap(addressesOf), [marker], 'SNAPSHOT on subscribe');
});

test('subscribe with {maxRate, epsilon}: changes under epsilon are left out, events all arrive, the last value always', async (t) => {
  const sender = await connectClient(t, 'interop stream sender');
  const reader = await connectClient(t, 'interop stream options reader');
  const [meter, cue] = [addr('/opt/meter'), addr('/opt/cue')];
  const seen = [];
  reader.subscribe(addr('/opt/*'), (value, address) => seen.push([address, value]), { maxRate: 30, epsilon: 0.01 });
  await sync(reader);
  const from = framesOf(reader).length;

  for (const v of [0, 0.001, 0.005, 0.5, 0.503, 1]) sender.stream(meter, v);
  for (let i = 1; i <= 5; i++) sender.emit(cue, i);
  await framesOf(reader).waitFor((m) => m.address === meter && m.value === 1, { from, what: 'the last value, at the trailing edge' });
  await framesOf(reader).waitFor((m) => m.address === cue && m.value === 5, { from, what: 'the fifth event' });
  await sync(reader);

  const got = framesOf(reader).messages(from);
  const values = got.filter((m) => m.address === meter).map((m) => m.value);
  assert.equal(values[0], 0, `the first value always arrives: ${describe(got)}`);
  assert.ok(values.every((v) => [0, 0.5, 1].includes(v)), `changes under 0.01 are left out: ${values}`);
  assert.ok(values.every((v, i) => i === 0 || v > values[i - 1]), `in order: ${values}`);
  assert.deepEqual(got.filter((m) => m.address === cue).map((m) => m.value), [1, 2, 3, 4, 5], 'events are never dropped');
  assert.deepEqual(seen.filter(([a]) => a === meter).map(([, v]) => v), values, 'the callback saw what arrived');
});

/** The PUBLISH frames of one gesture, in arrival order. */
const gestureFrames = (log, from, address, id) =>
  log.messages(from).filter((m) => m.type === 'PUBLISH' && m.address === address && m.id === id);

/**
 * What a subscriber must see of start, moves 1..n (payload x = 1..n), end sent quickly (router §7.3: moves
 * are coalesced, keeping the latest, flushed when they pause >= 16 ms or at End): Start first, then a
 * subsequence of the moves in sent order that ends with the last move, then End.
 */
function assertGesture(frames, n, label) {
  const text = `${label}: ${describe(frames)}`;
  assert.ok(frames.length >= 3, text);
  assert.equal(frames[0].phase, 'start', text);
  assert.equal(frames.at(-1).phase, 'end', text);
  const moves = frames.slice(1, -1);
  assert.ok(moves.every((m) => m.signal === 'gesture' && m.phase === 'move'), text);
  const xs = moves.map((m) => m.value.x);
  assert.ok(xs.every((x, i) => i === 0 || x > xs[i - 1]), `${text}: moves out of order`);
  assert.equal(xs.at(-1), n, `${text}: the last move is delivered`);
}

test('gesture: start first, moves in order ending with the last one, then end', async (t) => {
  const sender = await connectClient(t, 'interop gesture sender');
  const reader = await connectClient(t, 'interop gesture reader');
  const address = addr('/gesture/touch/0');
  const seen = [];
  reader.on(addr('/gesture/**'), (value) => seen.push(value));
  await sync(reader);
  const log = framesOf(reader);
  const from = log.length;

  const N = 50;
  sender.gesture(address, 7, 'start', { x: 0, y: 0 });
  for (let x = 1; x <= N; x++) sender.gesture(address, 7, 'move', { x, y: 2 * x });
  sender.gesture(address, 7, 'end', { x: N, y: 2 * N });
  await log.waitFor((m) => m.address === address && m.phase === 'end', { from, what: 'gesture end' });

  const frames = gestureFrames(log, from, address, 7);
  assertGesture(frames, N, 'quick gesture');
  // The client merges phase and id into the callback's map value.
  assert.deepEqual(seen[0], { x: 0, y: 0, phase: 'start', gestureId: 7 });
  assert.deepEqual(seen.at(-1), { x: N, y: 2 * N, phase: 'end', gestureId: 7 });
});

test('gesture: a pause flushes the latest move before end; two ids on one address are kept apart', async (t) => {
  const sender = await connectClient(t, 'interop gesture pauser');
  const reader = await connectClient(t, 'interop gesture pause reader');
  const address = addr('/gesture/pen');
  reader.on(address, () => {});
  await sync(reader);
  const log = framesOf(reader);
  const from = log.length;

  sender.gesture(address, 1, 'start', { x: 0 });
  sender.gesture(address, 2, 'start', { x: 0 });
  for (let x = 1; x <= 20; x++) {
    sender.gesture(address, 1, 'move', { x });
    sender.gesture(address, 2, 'move', { x: 100 + x });
  }
  // The moves pause: the router flushes each gesture's latest move without waiting for its end.
  await log.waitFor((m) => m.phase === 'move' && m.id === 1 && m.value.x === 20, { from, what: 'move 20 of gesture 1 after a pause' });
  await log.waitFor((m) => m.phase === 'move' && m.id === 2 && m.value.x === 120, { from, what: 'move 120 of gesture 2 after a pause' });
  assert.ok(!gestureFrames(log, from, address, 1).some((m) => m.phase === 'end'));
  sender.gesture(address, 1, 'end', { x: 20 });
  sender.gesture(address, 2, 'end', { x: 120 });
  await log.waitFor((m) => m.phase === 'end' && m.id === 2, { from, what: 'end of gesture 2' });

  assertGesture(gestureFrames(log, from, address, 1), 20, 'gesture 1');
  const second = gestureFrames(log, from, address, 2);
  assertGesture(second.map((m) => (m.phase === 'move' ? { ...m, value: { x: m.value.x - 100 } } : m)), 20, 'gesture 2');
});

test('QoS: emit (QoS 1) is ACKed with its address, stream (QoS 0) is not', async (t) => {
  const sender = await connectClient(t, 'interop acked emitter');
  const [cue, meter] = [addr('/qos/cue'), addr('/qos/meter')];
  await sync(sender);
  const from = framesOf(sender).length;
  sender.stream(meter, 0.5);
  sender.emit(cue, 'go');
  sender.set(addr('/qos/marker'), 1);
  await framesOf(sender).waitFor((m) => m.type === 'ACK' && m.address === addr('/qos/marker'), { from, what: 'marker ACK' });
  const acks = framesOf(sender).messages(from).filter((m) => m.type === 'ACK');
  assert.deepEqual(acks.map((m) => [m.address, m.revision]), [[cue, undefined], [addr('/qos/marker'), 1]], describe(acks));
});

test('scheduled bundle: ACKed on receipt without a revision, applied and delivered at its time, never before', async (t) => {
  const sender = await connectClient(t, 'interop scheduler');
  const reader = await connectClient(t, 'interop schedule reader');
  const [light, go] = [addr('/sched/light'), addr('/sched/go')];
  reader.on(addr('/sched/**'), () => {});
  await Promise.all([sync(reader), sync(sender)]);
  const log = framesOf(reader);
  const from = log.length;
  const senderFrom = framesOf(sender).length;
  const at = (Date.now() + 3000) * 1000;   // µs, the router's clock: three seconds ahead
  sender.bundle([{ set: [light, 0.5] }, { emit: [go, 'now'] }], { at });
  const [ack] = await framesOf(sender).waitFor((m) => m.type === 'ACK', { from: senderFrom, what: 'ACK on receipt' });
  assert.deepEqual([ack.address, ack.revision], [undefined, undefined], 'nothing applied yet: an ACK without revision');
  const [, index] = await log.waitFor((m) => m.address === go, { from, what: 'the scheduled event' });
  const got = log.messages(from);
  assert.deepEqual(got.map((m) => [m.type, m.address, m.value]), [['SET', light, 0.5], ['PUBLISH', go, 'now']], describe(got));
  // never before its time: the router ran it at `at` or later (this clock reads whole ms, so allow for that)
  assert.ok(log.entries[index].receivedAt * 1000 >= at - 1000, `arrived ${log.entries[index].receivedAt} ms, due ${at / 1000} ms`);
  const later = await connectClient(t, 'interop schedule checker');
  assert.equal(later.cached(light), 0.5);
});

test('bundle: its SETs are applied together, seen by a subscriber and stored', async (t) => {
  const sender = await connectClient(t, 'interop bundler');
  const reader = await connectClient(t, 'interop bundle reader');
  const [l1, l2, done] = [addr('/bundle/light/1'), addr('/bundle/light/2'), addr('/bundle/cue/done')];
  reader.on(addr('/bundle/**'), () => {});
  await sync(reader);
  const log = framesOf(reader);
  const from = log.length;
  const senderFrom = framesOf(sender).length;

  sender.bundle([{ set: [l1, 1.0] }, { set: [l2, 'amber'] }, { emit: [done, { cue: 'crossfade' }] }]);
  await log.waitFor((m) => m.address === done, { from, what: 'the bundle event' });
  const got = log.messages(from);
  // All SETs first, then the PUBLISHes (router-semantics §8).
  assert.deepEqual(got.map((m) => [m.type, m.address, m.value]),
    [['SET', l1, 1.0], ['SET', l2, 'amber'], ['PUBLISH', done, { cue: 'crossfade' }]], describe(got));
  const [ack] = await framesOf(sender).waitFor((m) => m.type === 'ACK', { from: senderFrom, what: 'bundle ACK' });
  assert.deepEqual([ack.address, ack.revision], [undefined, 1]);

  const later = await connectClient(t, 'interop bundle checker');
  assert.equal(later.cached(l1), 1.0);
  assert.equal(later.cached(l2), 'amber');
  assert.equal(later.cached(done), undefined, 'the event is not stored');
});

test('fan-out: each of 100 subscribers gets one SET exactly once', async (t) => {
  const address = addr('/fan/value');
  const marker = addr('/fan/marker');
  const writer = await connectClient(t, 'interop fan-out writer');
  writer.set(address, 0);
  await sync(writer);
  const readers = await Promise.all(Array.from({ length: 100 }, (_, i) => connectClient(t, `interop fan-out ${i}`)));
  const counts = readers.map(() => 0);
  const starts = [];
  await Promise.all(readers.map(async (reader, i) => {
    starts[i] = framesOf(reader).length;
    reader.on(addr('/fan/*'), (value, a) => { if (a === address && value === 1) counts[i]++; });
    await sync(reader);
  }));

  writer.set(address, 1);
  writer.set(marker, true);
  await Promise.all(readers.map((reader, i) =>
    framesOf(reader).waitFor((m) => m.address === marker, { from: starts[i], timeout: 60_000, what: `marker at reader ${i}` })));
  readers.forEach((reader, i) => {
    const sets = framesOf(reader).messages(starts[i]).filter((m) => m.type === 'SET' && m.address === address);
    assert.deepEqual(sets.map((m) => [m.value, m.revision]), [[1, 2]], `reader ${i}: ${describe(sets)}`);
  });
  assert.deepEqual(counts, readers.map(() => 1));
});

test('10,000 sequential SETs from one client reach a subscriber in order, none lost', { timeout: 600_000 }, async (t) => {
  // The router's inbound limit is 50,000 frames/s per connection by default (D1), with a burst of one
  // second's allowance: an application sending 10,000 SETs as fast as it can stays below it, so the
  // router runs with its defaults and the client sends without pacing.
  // They all go to one address: the subscriber keeps up (10,000 small frames stay far below the transport's
  // 4 MiB write-buffer mark, about 1.4 MB with Netty's per-frame bookkeeping), so no SET coalescing (D2)
  // happens and every value must arrive.
  const N = 10_000;
  const address = addr('/seq/n');
  const writer = await connectClient(t, 'interop sequence writer');
  const reader = await connectClient(t, 'interop sequence reader');
  const values = [];
  let resolveAll;
  const all = new Promise((resolve) => { resolveAll = resolve; });
  reader.on(address, (value) => { values.push(value); if (values.length === N) resolveAll(); });
  await sync(reader);
  const from = framesOf(reader).length;
  const writerFrom = framesOf(writer).length;

  for (let i = 0; i < N; i++) writer.set(address, i);
  const outcome = await within(all, 300_000);   // a timeout for a stall, not a speed bound
  assert.notEqual(outcome, 'timeout', `only ${values.length} of ${N} values after 5 minutes`);
  await sync(writer);

  assert.deepEqual(values, Array.from({ length: N }, (_, i) => i));
  const sets = framesOf(reader).messages(from).filter((m) => m.type === 'SET');
  assert.equal(sets.length, N);
  assert.ok(sets.every((m, i) => m.revision === i + 1), 'revisions 1..10000 in order');
  const replies = framesOf(writer).messages(writerFrom);
  assert.deepEqual(replies.filter((m) => m.type === 'ERROR'), [], 'no ERROR (e.g. 429) for the writer');
  assert.equal(replies.filter((m) => m.type === 'ACK').length, N, 'one ACK per SET');
});
