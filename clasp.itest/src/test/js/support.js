// Shared helpers of the Node interop suite: a running CLASP router is reached at CLASP_URL, by the published
// JS client (@clasp-to/core 3.3.2) and by raw WebSocket connections that speak CLASP with that package's own
// encoder and decoder. Every frame a connection receives is recorded, so tests assert on the wire, not only on
// the client's callbacks (the client filters callbacks with its own pattern regex, whatever the router sends).
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { Clasp, decode, encode } from '@clasp-to/core';

export const URL = process.env.CLASP_URL;
if (!URL) throw new Error('CLASP_URL must name the router to test, e.g. ws://127.0.0.1:7330/');

// Node 20 has no global WebSocket; the client needs one (js-client-notes §1). The recording subclass of ws
// keeps every frame each connection receives.
globalThis.WebSocket = class RecordingWebSocket extends WebSocket {
  constructor(...args) {
    super(...args);
    this.log = new FrameLog();
    this.on('message', (data, isBinary) => this.log.add(data, isBinary));
  }
};

// The client prints every ACK with console.debug; thousands of them would drown the test output.
console.debug = () => {};

/** A prefix unique to this run, so that a router that outlives one run does not mix state into the next. */
const RUN = `/it-${Date.now().toString(36)}-${process.pid}`;
export const addr = (path) => RUN + path;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every message one connection received, in order: {message} if it decoded, else {error}; {text} for text. */
export class FrameLog {
  constructor() {
    this.entries = [];
    this.waiters = new Set();
  }

  add(data, isBinary) {
    const bytes = toBytes(data);
    let entry;
    if (!isBinary) {
      entry = { bytes, text: Buffer.from(bytes).toString('utf8') };
    } else {
      try {
        entry = { bytes, message: decode(bytes) };
      } catch (error) {
        entry = { bytes, error };
      }
    }
    entry.receivedAt = Date.now();   // ms on this machine's clock, which the router shares
    this.entries.push(entry);
    for (const w of [...this.waiters]) w();
  }

  get length() { return this.entries.length; }

  /** The decoded messages received from index `from` on. */
  messages(from = 0) {
    return this.entries.slice(from).filter((e) => e.message).map((e) => e.message);
  }

  /** Waits for the first message at index >= from that satisfies `test`; returns [message, index]. */
  waitFor(test, { from = 0, timeout = 30_000, what = 'a matching frame' } = {}) {
    return new Promise((resolve, reject) => {
      let next = from;
      const check = () => {
        for (; next < this.entries.length; next++) {
          const m = this.entries[next].message;
          if (m && test(m)) {
            done();
            resolve([m, next]);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} within ${timeout} ms; received: ${describe(this.messages(from))}`));
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}

function toBytes(data) {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data); // Buffer: copied
}

/** A short text form of messages for failure messages. */
export function describe(messages) {
  const parts = messages.slice(0, 30).map((m) => {
    const where = m.address ?? (m.params ? `[${m.params.map((p) => p.address).join(',')}]` : '');
    const what = m.type === 'ERROR' ? ` ${m.code} ${m.message}` : m.value !== undefined ? ` ${show(m.value)}` : '';
    return `${m.type}${m.signal ? `(${m.signal}${m.phase ? ' ' + m.phase : ''})` : ''} ${where}${what}`;
  });
  return `${messages.length} message(s)${parts.length ? ': ' + parts.join('; ') : ''}${messages.length > 30 ? '; …' : ''}`;
}

function show(v) {
  try {
    return JSON.stringify(v, (k, x) => (x instanceof Uint8Array ? `bytes[${x.length}]` : x));
  } catch {
    return String(v);
  }
}

/** The addresses a message is about: SET and PUBLISH address, each SNAPSHOT entry's. */
export function addressesOf(m) {
  if (m.params) return m.params.map((p) => p.address);
  return m.address !== undefined ? [m.address] : [];
}

// ---- the JS client, used as an application would

const logs = new WeakMap();

/**
 * A connected Clasp client (reconnect off), closed when the test `t` ends. connect() resolves on WELCOME;
 * this also waits for the initial SNAPSHOT that follows it, so the client's cache holds the stored state.
 */
export async function connectClient(t, name = 'interop client') {
  const client = new Clasp(URL, { name, reconnect: false });
  t.after(() => client.close());
  await client.connect(5000);
  logs.set(client, client.ws.log);
  await sync(client);
  return client;
}

/** The frames the client's connection received. */
export function framesOf(client) {
  return logs.get(client);
}

/**
 * Waits until the router has handled everything this client sent so far. The client API acknowledges neither
 * SUBSCRIBE nor UNSUBSCRIBE, so a test that must know a subscription is in place sends a CLASP PING on the
 * client's own socket: the router handles one connection's frames in order, so its PONG comes after that.
 * The client ignores PONGs.
 */
export async function sync(client) {
  const log = framesOf(client);
  const from = log.length;
  client.ws.send(encode({ type: 'PING' }));
  await log.waitFor((m) => m.type === 'PONG', { from, what: 'PONG' });
}

// ---- raw connections speaking CLASP with the package's codec

export class RawClient {
  /** A raw connection; with hello (the default) also handshaken, with the initial SNAPSHOT received. */
  static async connect(t, { name = 'raw interop client', hello = true } = {}) {
    const raw = new RawClient(name);
    t.after(() => raw.close());
    await raw.opened;
    if (hello) await raw.hello();
    return raw;
  }

  constructor(name) {
    this.name = name;
    this.log = new FrameLog();
    this.ws = new WebSocket(URL, 'clasp');
    this.ws.on('message', (data, isBinary) => this.log.add(data, isBinary));
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    this.ws.on('error', () => {}); // a refused or reset connection shows in `closed`
  }

  get isOpen() { return this.ws.readyState === WebSocket.OPEN; }

  async hello() {
    const from = this.log.length;
    this.send({ type: 'HELLO', version: 1, name: this.name, features: ['param', 'event', 'stream', 'gesture', 'timeline'] });
    this.send({ type: 'PING' });
    const [, at] = await this.log.waitFor((m) => m.type === 'PONG', { from, what: 'PONG after HELLO' });
    const [welcome, ...initial] = this.between(from, at);
    assert.equal(welcome?.type, 'WELCOME', `the reply to HELLO: ${describe([welcome, ...initial])}`);
    this.session = welcome.session;
    this.initial = initial; // the initial SNAPSHOT, all its chunks
    return welcome;
  }

  send(message, qos) {
    this.ws.send(encode(message, qos));
  }

  sendBytes(bytes, { binary = true } = {}) {
    this.ws.send(bytes, { binary });
  }

  /** Sends PING and returns every message that arrived from now until its PONG (not included). */
  async barrier(timeout = 30_000) {
    const from = this.log.length;
    this.send({ type: 'PING' });
    const [, at] = await this.log.waitFor((m) => m.type === 'PONG', { from, timeout, what: 'PONG' });
    return this.between(from, at);
  }

  /** Sends `message` then PING; returns the replies to `message` (everything before the PONG). */
  async request(message) {
    const from = this.log.length;
    this.send(message);
    this.send({ type: 'PING' });
    const [, at] = await this.log.waitFor((m) => m.type === 'PONG', { from, what: `PONG after ${message.type}` });
    return this.between(from, at);
  }

  /** The messages received at indexes from..to-1; an undecodable or text message there fails the test. */
  between(from, to) {
    const entries = this.log.entries.slice(from, to);
    const odd = entries.find((e) => !e.message);
    if (odd) throw new Error(`the router sent ${odd.text !== undefined ? 'a text message' : 'an undecodable frame: ' + odd.error}`);
    return entries.map((e) => e.message);
  }

  close() {
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN) this.ws.close();
  }
}

/** Resolves to 'timeout' if `promise` has not settled within `ms`. */
export function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms, 'timeout'); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
