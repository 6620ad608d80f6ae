/** Tokens: pre-shared ({@code cpsk_}, kept as hashes) and capability ({@code cap_}, Ed25519, delegation verified link by link). */
package clasp.security.internal.token;
