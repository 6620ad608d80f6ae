/** The whiteboard: registered bridges and transports, each on its own router-owned threads. */
package clasp.router.internal.plugin;
