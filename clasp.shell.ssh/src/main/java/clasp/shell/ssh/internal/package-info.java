/** The Gogo shell over SSH: the component, the SSH server it runs, the login check and the exec and shell channels; not exported. */
package clasp.shell.ssh.internal;
