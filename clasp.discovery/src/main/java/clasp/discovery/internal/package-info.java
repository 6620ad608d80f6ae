/** mDNS announcements and the broadcast discovery responder; not exported. */
package clasp.discovery.internal;
