/**
 * The serial transport: CLASP frames over a serial port, SLIP-framed (RFC 1055), one router session at a time per
 * port. Not exported.
 *
 * <p>Threads and what they own: the component's methods run on DS and router threads, serialised by the
 * {@link clasp.transport.serial.internal.SerialTransport}'s monitor. Each open port has one reader thread
 * ({@code clasp-transport-serial-<id>-reader}) owning the port, the SLIP decoder and the current session; each
 * session has one writer thread ({@code clasp-transport-serial-<id>-writer}) that alone consumes its outbound queue
 * and ends it. Router threads only call the session's lock-free {@code send/close/closeNow}. Calls into the router's
 * handler are serialised by {@link clasp.transport.serial.internal.RouterCalls}.
 */
package clasp.transport.serial.internal;
