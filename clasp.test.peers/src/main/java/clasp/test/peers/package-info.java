/** Fixtures that start, drive and stop the real peers of the bridges' tests: {@link clasp.test.peers.Olad}. */
package clasp.test.peers;
