/** Sessions: network (handshake, inbound limits, back-pressure) and local, the admission gate, and the greeting. */
package clasp.router.internal.session;
