package clasp.shell.ssh.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "CLASP remote shell (SSH)",
        description = "The Gogo shell over SSH, public keys only. No configuration: no SSH server.")
@interface SshShellConfig {
    @AttributeDefinition(description = "The address to listen on; 127.0.0.1 (loopback only) unless set. 0.0.0.0: every IPv4 interface.")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "The TCP port to listen on.", min = "1", max = "65535")
    int port() default 8101;

    @AttributeDefinition(description = "The OpenSSH authorized_keys file whose keys may log in (any user name); read again "
            + "whenever it changes. Relative paths are under ${clasp.etc}. Empty: ${clasp.etc}/ssh/authorized_keys.")
    String authorizedKeysFile() default "";

    @AttributeDefinition(description = "The server's host key, made at the first start and kept. Relative paths are under "
            + "${clasp.data}. Empty: ${clasp.data}/ssh/hostkey.")
    String hostKeyFile() default "";

    @AttributeDefinition(description = "Seconds without traffic after which a session is closed; 0: never.", min = "0")
    int idleTimeoutSeconds() default 1800;
}
