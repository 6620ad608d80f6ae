/** The audit log: one line per refusal, token change or admin command, on the logger {@code clasp.audit}, rate-limited. */
package clasp.security.internal.audit;
