// The Node side of SecurityTokensIT: the published JS client (@clasp-to/core 3.3.2) connects with a token given in
// its options, or with none. Prints what it saw, one fact a line.
//   node security-client.mjs <token|-> <address>   connect; if welcomed, SET <address> to 42 and GET it back
import { Clasp } from '@clasp-to/core';
import { URL } from '../js/support.js';

/** One line for the Java test: words separated by single spaces (a value last, as JSON). */
const say = (...words) => console.log(words.map(String).join(' '));
const [, , token, address] = process.argv;

const options = { name: 'pentest js client', reconnect: false };
if (token !== '-') options.token = token;
const client = new Clasp(URL, options);
let reason = '';
client.onDisconnect((r) => { reason = r; });
try {
  await client.connect(10000);
} catch (e) {
  const error = client.lastError;
  say('refused', error ? error.code : 'none', JSON.stringify(error ? error.message : e.message));
  say('closed', JSON.stringify(reason));
  process.exit(0);
}
say('welcomed', client.connected);
client.set(address, 42);
say('value', JSON.stringify(await client.get(address)));
client.close();
