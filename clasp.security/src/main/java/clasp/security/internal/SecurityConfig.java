package clasp.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "CLASP security", description = "Open or authenticated mode, trust anchors of capability "
        + "tokens, and the scopes of client certificates. Changes apply live: sessions whose credentials no longer hold are closed.")
@interface SecurityConfig {
    @AttributeDefinition(description = "open: every client may do everything (tokens ignored). authenticated: every "
            + "HELLO needs a valid token (or a mapped client certificate) and every request is checked against its scopes. "
            + "Also accepted: none/off, auth/token.", options = {@Option(value = "open"), @Option(value = "authenticated")})
    String mode() default "open";

    @AttributeDefinition(description = "Hex Ed25519 public keys (64 hex digits each, comma-separated) whose root "
            + "capability tokens (cap_) are accepted. The runtime's own key (clasp.security:key) is always trusted.")
    String trustAnchors() default "";

    @AttributeDefinition(description = "Most delegation links a capability token may carry", min = "0", max = "16")
    int maxDelegationDepth() default 5;

    @AttributeDefinition(description = "Client certificates that authenticate without a token, each "
            + "'<certificate subject> => <scopes>' (e.g. 'CN=lx-desk,O=Venue => read:/**, write:/lights/**'); the "
            + "subject as the TLS listener reports it.")
    String[] certificateScopes() default {};
}
