// The Node side of StoreRestartIT: the published JS client (@clasp-to/core 3.3.2) writes show state before a
// restart, and writes again on top of what the restarted router kept. Prints what it saw, one fact a line.
//   node store-state.mjs write <prefix>           params, a lock and an announced signal; stays connected until the router goes
//   node store-state.mjs resume <prefix> <rev>    SET <prefix>/fader expecting revision <rev>, then a stale SET
import { Clasp } from '@clasp-to/core';
import { RawClient, URL } from '../js/support.js';

/** One line for the Java test: words separated by single spaces (a value last, as JSON). */
const say = (...words) => console.log(words.map(String).join(' '));
/** What a request got: "ACK <revision>", "ERROR <code>" or "nothing". */
const outcome = (replies) => {
  const m = replies.find((r) => r.type === 'ACK' || r.type === 'ERROR');
  if (!m) return 'nothing';
  return m.type === 'ACK' ? `ACK ${m.revision}` : `ERROR ${m.code}`;
};
const noTest = { after() {} };   // RawClient.connect's test context: these connections are closed here
const [, , phase, prefix, revision] = process.argv;

async function write() {
  const client = new Clasp(URL, { name: 'store writer', reconnect: false });
  await client.connect();
  client.set(`${prefix}/fader`, 0.25);
  client.set(`${prefix}/fader`, 0.5);
  client.set(`${prefix}/label`, 'stage left');
  await client.get(`${prefix}/label`);   // answered after the SETs before it: they are applied

  const locker = await RawClient.connect(noTest, { name: 'store locker' });
  const locked = await locker.request({ type: 'SET', address: `${prefix}/locked`, value: 1, lock: true });
  const announced = await locker.request({
    type: 'ANNOUNCE', namespace: prefix,
    signals: [{ address: `${prefix}/fader`, type: 'param', datatype: 'f32', meta: { unit: 'dB', description: 'house fader' } }],
  });
  const other = await RawClient.connect(noTest, { name: 'store intruder' });
  const refused = await other.request({ type: 'SET', address: `${prefix}/locked`, value: 2 });
  other.close();

  const reader = await RawClient.connect(noTest, { name: 'store reader' });
  const params = [];
  for (const path of ['/fader', '/label', '/locked']) {
    for (const m of await reader.request({ type: 'GET', address: prefix + path })) {
      if (m.type === 'SNAPSHOT') params.push(...m.params);
    }
  }
  reader.close();
  for (const p of params) say('param', p.address, p.revision, p.writer, JSON.stringify(p.value));
  say('locked', outcome(locked));
  say('announced', outcome(announced));
  say('refused', outcome(refused));
  // The lock stays held, and the client connected, until the router stops.
  await locker.closed;
  client.close();
}

async function resume() {
  const raw = await RawClient.connect(noTest, { name: 'store resumer' });
  const expected = Number(revision);
  const next = await raw.request({ type: 'SET', address: `${prefix}/fader`, value: 0.75, revision: expected });
  const stale = await raw.request({ type: 'SET', address: `${prefix}/fader`, value: 0.125, revision: expected });
  raw.close();
  say('next', outcome(next));
  say('stale', outcome(stale));
}

try {
  if (phase === 'write') await write();
  else if (phase === 'resume') await resume();
  else throw new Error(`unknown phase ${phase}`);
  process.exit(0);
} catch (e) {
  console.error(e);
  process.exit(1);
}
