/**
 * Tokens: pre-shared ({@code cpsk_}, kept as hashes) and capability ({@code cap_}, Ed25519, delegation verified link by
 * link). The format is described in TOKENS.md.
 */
package clasp.security.internal.token;
