/** The web dashboard: its page (static files), the admin API, access checks and the audit lines; not exported. */
package clasp.dashboard.internal;
