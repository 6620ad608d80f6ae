/** The router as a DS component: its configuration, and the RouterCore façade that checks each request and hands it to the room that does the work. */
package clasp.router.internal;
