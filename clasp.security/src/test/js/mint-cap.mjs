// Mints root capability tokens from fixed seeds the way the reference implementation (crates/clasp-caps, token.rs)
// does, with an independent MessagePack encoder (@msgpack/msgpack) and Node's Ed25519, and prints them as test vectors.
// Run from the repository root after `npm ci`:
//   node clasp.security/src/test/js/mint-cap.mjs > clasp.security/src/test/resources/cap-vectors.json
// The Java tests read the committed output; they never run this script.
import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import { encode } from "@msgpack/msgpack";

const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function keyFromSeed(seedHex) {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, Buffer.from(seedHex, "hex")]), format: "der", type: "pkcs8" });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return { privateKey, publicKey: spki.subarray(spki.length - 32) };
}

// A Vec<u8> without serde_bytes is serialised by rmp_serde as an array of integers.
// rmp_serde writes every integer in its smallest form, as this encoder does for Numbers (not for BigInts).
const byteArray = (bytes) => Array.from(bytes);

function mintRoot({ seed, scopes, expiresAt, nonce, audienceSeed }) {
  const key = keyFromSeed(seed);
  const audience = audienceSeed ? keyFromSeed(audienceSeed).publicKey : null;
  // The signable form: every field but the signature, audience as nil when absent, proofs always present.
  const signable = encode({
    version: 1,
    issuer: byteArray(key.publicKey),
    audience: audience ? byteArray(audience) : null,
    scopes,
    expires_at: expiresAt,
    nonce,
    proofs: [],
  });
  const signature = sign(null, signable, key.privateKey);
  // The wire form: absent audience and empty proofs are left out; the signature is a bin.
  const wire = { version: 1, issuer: byteArray(key.publicKey) };
  if (audience) wire.audience = byteArray(audience);
  Object.assign(wire, { scopes, expires_at: expiresAt, nonce, signature: new Uint8Array(signature) });
  const token = "cap_" + Buffer.from(encode(wire)).toString("base64url");
  return {
    token,
    seed,
    publicKey: key.publicKey.toString("hex"),
    audience: audience ? audience.toString("hex") : null,
    scopes,
    expires_at: expiresAt.toString(),
    nonce,
    signable: Buffer.from(signable).toString("hex"),
    signature: signature.toString("hex"),
  };
}

const vectors = [
  { seed: "01".repeat(32), scopes: ["admin:/**"], expiresAt: 4102444800,
    nonce: "6f1c2b7e-3d4a-4e5f-8a9b-0c1d2e3f4a5b" },
  { seed: "02".repeat(32), scopes: ["read:/lights/**", "write:/lights/room1/*|range=0..255",
    "write:/a/rather/long/pattern/with/several/segments/**"], expiresAt: 100,
    nonce: "0f8e7d6c-5b4a-4938-a726-150493827160" },
  { seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", scopes: [], expiresAt: 200,
    nonce: "a3bb189e-8bf9-4888-9912-ace4e6543002", audienceSeed: "03".repeat(32) },
  { seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", scopes: ["r:/é/ü/*", "w:/x"],
    expiresAt: 65536, nonce: "c56a4180-65aa-42ec-a945-5fd21dec0538" },
  { seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", scopes: ["read:/**"],
    expiresAt: 1099511627776, nonce: "16fd2706-8baf-433b-82eb-8c7fada847da" },
  { seed: "05".repeat(32), scopes: ["write:/mixer/*"], expiresAt: 300,
    nonce: "7c9e6679-7425-40de-944b-e07fc1f90ae7" },
].map(mintRoot);

process.stdout.write(JSON.stringify({
  generator: "clasp.security/src/test/js/mint-cap.mjs (Node " + process.version + ", @msgpack/msgpack)",
  vectors,
}, null, 2) + "\n");
