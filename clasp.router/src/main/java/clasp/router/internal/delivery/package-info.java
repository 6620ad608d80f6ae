/** Delivery: the subscription index and fan-out to matching sessions, outbound framing and QoS, SNAPSHOT/RESULT chunking, gesture coalescing. */
package clasp.router.internal.delivery;
