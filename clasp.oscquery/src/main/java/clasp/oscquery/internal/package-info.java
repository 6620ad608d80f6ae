/** The OSCQuery server: not exported. */
package clasp.oscquery.internal;
