/**
 * Certificates made for tests ({@link clasp.test.peers.tls.TestPki}): certificate authorities, and server and client
 * certificates they sign, as PEM files and SSL contexts. It needs BouncyCastle, which the modules that use it have on
 * their test class path.
 */
package clasp.test.peers.tls;
