// The JS client side of TcpTransportIT and CrossTransportIT: the published @clasp-to/core 3.3.2 subscribes to one address over
// WebSocket, prints SUBSCRIBED once the router has handled the subscription, then one line `VALUE <json>` per
// value it receives for that address.
// Usage: node js-subscriber.mjs ws://127.0.0.1:<port>/ <address>
import WebSocket from 'ws';
import { Clasp, decode, encode } from '@clasp-to/core';

globalThis.WebSocket = WebSocket; // Node 20 has none; the client needs one
console.debug = () => {};         // the client logs every ACK

const [url, address] = process.argv.slice(2);
const client = new Clasp(url, { name: 'tcp interop subscriber', reconnect: false });
await client.connect(5000);
client.on(address, (value) => console.log(`VALUE ${JSON.stringify(value)}`));

// SUBSCRIBE is not acknowledged: a PING sent after it is answered once the router has handled it.
const pong = new Promise((resolve) => client.ws.on('message', (data) => {
  try {
    if (decode(new Uint8Array(data)).type === 'PONG') resolve();
  } catch {
    // not ours to judge
  }
}));
client.ws.send(encode({ type: 'PING' }));
await pong;
console.log('SUBSCRIBED');
