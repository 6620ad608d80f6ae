/**
 * The real router started standalone, for the bridge modules' tests: {@link clasp.test.peers.router.BridgeHarness}
 * adds bridges as the router's whiteboard does, {@link clasp.test.peers.router.Observer} records what a CLASP client
 * sees, {@link clasp.test.peers.router.ConfigProxy} makes a bridge's configuration annotation from a map. It needs
 * the router's internal packages, which only a plain test class path has: it is not exported, and this jar as a
 * bundle in a framework (clasp.itest) imports them optionally.
 */
package clasp.test.peers.router;
