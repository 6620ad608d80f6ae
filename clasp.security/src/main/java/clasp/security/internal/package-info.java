/** Authenticated mode: the component, the authenticator and authoriser it registers, and the shell commands; not exported. */
package clasp.security.internal;
