package clasp.security.internal;

import clasp.api.auth.Authenticator;
import clasp.api.auth.Authoriser;
import clasp.security.internal.audit.AdminAudit;
import clasp.security.internal.scope.Attenuation;
import clasp.security.internal.scope.ScopeAuthoriser;
import clasp.security.internal.scope.Scopes;
import clasp.security.internal.token.CapabilityMint;
import clasp.security.internal.token.CapabilityValidator;
import clasp.security.internal.token.PresharedTokens;
import clasp.security.internal.token.RuntimeKey;
import clasp.security.internal.token.ScopeAttenuation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security in the framework (configuration {@value #PID}). In authenticated mode it registers the
 * {@link Authenticator} (whose {@link Authenticator#GENERATION} property it raises whenever what it accepted may no
 * longer hold) and a {@link ScopeAuthoriser} ranked above the router's open one; in open mode it registers neither.
 * Pre-shared tokens and the runtime's signing key live in {@code <clasp.data>/security}. At activation it reads
 * {@code <clasp.etc>/clasp.security.cfg} itself (fileinstall hands it to Config Admin only later, and Config Admin may
 * still hold what it persisted before the file changed), so that the mode is decided at start level 3, before the
 * router and any listener start: a runtime configured for authenticated mode is never open.
 *
 * <p>Threads: configuration changes and shell commands call in on their own threads; {@link #apply} is synchronized.
 * One thread, {@code clasp-security-expiry}, looks every 5 s for principals that expired and raises the generation.
 */
@Component(configurationPid = SecurityComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = SecurityComponent.class)
@GogoCommand(scope = "clasp.security", function = {"status", "issue", "tokens", "revoke", "key", "mint", "delegate"})
@Designate(ocd = SecurityConfig.class)
public final class SecurityComponent {
    static final String PID = "clasp.security";
    static final int AUTHORISER_RANKING = 100;
    private static final Logger LOG = LoggerFactory.getLogger("clasp.security");

    private final BundleContext context;
    private final PresharedTokens preshared;
    private final RuntimeKey key;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService expiry;
    private final AtomicLong generation = new AtomicLong();
    private final SecurityCommands commands;
    private final ScopeAuthoriser authoriser = new ScopeAuthoriser();
    private SecuritySettings settings = SecuritySettings.OPEN;
    private volatile TokenAuthenticator authenticator;   // null in open mode; read on every HELLO without a lock
    private ServiceRegistration<Authenticator> authenticatorRegistration;
    private ServiceRegistration<Authoriser> authoriserRegistration;

    @Activate
    public SecurityComponent(BundleContext context, SecurityConfig config, java.util.Map<String, Object> properties) {
        this.context = context;
        Path folder = Path.of(context.getProperty("clasp.data") == null ? "data" : context.getProperty("clasp.data")).resolve("security");
        PresharedTokens tokens = null;
        RuntimeKey runtimeKey = null;
        try {
            tokens = new PresharedTokens(folder, clock);
            runtimeKey = RuntimeKey.load(folder);
        } catch (IOException | RuntimeException e) {
            // Fail closed: in authenticated mode every HELLO gets 500 "Server misconfiguration" until this is fixed.
            LOG.error("clasp.security: cannot read {}: {}; no credentials are accepted until it is fixed and the bundle restarted",
                    folder, e.getMessage());
        }
        this.preshared = tokens;
        this.key = runtimeKey;
        this.commands = tokens == null || runtimeKey == null ? null : new SecurityCommands(preshared, key, new CapabilityMint(attenuation()), this);
        // The file first: Config Admin may still hold what it persisted before the file was changed.
        SecuritySettings fromFile = StartupFile.readIfPresent(context.getProperty("clasp.etc"));
        boolean configured = properties.containsKey(Constants.SERVICE_PID);
        apply(fromFile != null ? fromFile : configured ? checked(config) : SecuritySettings.OPEN);
        expiry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clasp-security-expiry");
            t.setDaemon(true);
            return t;
        });
        expiry.scheduleWithFixedDelay(this::checkExpiry, 5, 5, TimeUnit.SECONDS);
    }

    @Modified
    void modified(SecurityConfig config) {
        try {
            apply(SecuritySettings.of(config));
        } catch (IllegalArgumentException e) {
            LOG.error("{}; the settings before stay in force", e.getMessage());
        }
    }

    /** The configuration, or, when it is invalid, authenticated mode accepting nothing (never open by mistake). */
    private static SecuritySettings checked(SecurityConfig config) {
        try {
            return SecuritySettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}; authenticated mode with no accepted credentials until the configuration is fixed", e.getMessage());
            return SecuritySettings.CLOSED;
        }
    }

    @Deactivate
    void deactivate() {
        expiry.shutdownNow();
        synchronized (this) {
            unregister();
        }
    }

    /** Makes {@code next} the settings: registers, updates or withdraws the services; sessions are checked again. */
    synchronized void apply(SecuritySettings next) {
        boolean same = next.sameAs(settings);
        settings = next;
        if (next.mode() == SecurityMode.OPEN) {
            unregister();
        } else {
            if (preshared == null || key == null) {
                authenticator = null;
            } else if (authenticator == null) {
                authenticator = new TokenAuthenticator(preshared, validator(next), next.certificateScopes(), clock);
            } else {
                // The same authenticator, so the principals it gave out are still known; holds() applies the new rules.
                authenticator.reconfigure(validator(next), next.certificateScopes());
            }
            if (authoriserRegistration == null) {
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(Constants.SERVICE_RANKING, AUTHORISER_RANKING);
                authoriserRegistration = context.registerService(Authoriser.class, authoriser, props);
            }
            if (authenticatorRegistration == null) {
                authenticatorRegistration = context.registerService(Authenticator.class, new Delegating(), generationProperties());
            } else if (!same) {
                changed();   // a file re-delivered unchanged (fileinstall at start) closes nothing
            }
        }
        AdminAudit.modeApplied(next.mode().word(), next.trustAnchors().size(), next.certificateScopes().size());
        LOG.info("clasp.security: {} mode{}", next.mode().word(), next.mode() == SecurityMode.OPEN || preshared == null ? ""
                : " (" + preshared.list().size() + " pre-shared tokens, " + (next.trustAnchors().size() + 1) + " trust anchors)");
    }

    /** Raises the generation: the router checks every session with {@link Authenticator#holds}. */
    synchronized void changed() {
        if (authenticatorRegistration != null) authenticatorRegistration.setProperties(generationProperties());
    }

    synchronized SecuritySettings settings() { return settings; }

    private void checkExpiry() {
        TokenAuthenticator a;
        synchronized (this) {
            a = authenticator;
        }
        if (a != null && a.anyExpired()) {
            changed();
            a.forgetExpired();
        }
    }

    private Dictionary<String, Object> generationProperties() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Authenticator.GENERATION, generation.incrementAndGet());
        return props;
    }

    private void unregister() {
        authenticator = null;
        if (authenticatorRegistration != null) authenticatorRegistration.unregister();
        if (authoriserRegistration != null) authoriserRegistration.unregister();
        authenticatorRegistration = null;
        authoriserRegistration = null;
    }

    private CapabilityValidator validator(SecuritySettings s) {
        List<byte[]> anchors = new ArrayList<>(s.trustAnchors());
        anchors.add(key.publicKey());   // the runtime trusts what it mints itself
        return new CapabilityValidator(anchors, s.maxDelegationDepth(), attenuation(), clock);
    }

    /** The attenuation check for tokens: names the scope only, the validator and the mint say what was violated. */
    public static ScopeAttenuation attenuation() {
        return (child, parent) -> {
            try {
                String violation = Attenuation.check(Scopes.parseAll(child), Scopes.parseAll(parent));
                return violation == null ? null : violation.replaceFirst("^scope attenuation violation: ", "");
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        };
    }

    /** The registered service: always asks the authenticator of the current settings. */
    private final class Delegating implements Authenticator {
        @Override
        public clasp.api.auth.Principal authenticate(clasp.api.auth.Credentials c) throws clasp.api.auth.AuthenticationException {
            TokenAuthenticator a = current();
            if (a == null) throw new clasp.api.auth.AuthenticationException(500, "Server misconfiguration");
            return a.authenticate(c);
        }

        @Override
        public boolean holds(clasp.api.auth.Principal p) {
            TokenAuthenticator a = current();
            return a != null && a.holds(p);
        }
    }

    private TokenAuthenticator current() { return authenticator; }

    // ---- shell commands (clasp.security:*), see SecurityCommands

    private SecurityCommands commands() {
        if (commands == null) throw new IllegalStateException("the token store could not be read at start; see the log");
        return commands;
    }

    public String status() { return commands().status(); }

    public String issue(String subject, String scopes) throws IOException { return commands().issue(subject, scopes, null); }

    public String issue(String subject, String scopes, String expires) throws IOException { return commands().issue(subject, scopes, expires); }

    public String tokens() { return commands().tokens(); }

    public String revoke(String idOrSubject) throws IOException { return commands().revoke(idOrSubject); }

    public String key() { return commands().key(); }

    public String mint(String scopes, String expires) { return commands().mint(scopes, expires); }

    public String delegate(String parent, String scopes, String expires) { return commands().delegate(parent, scopes, expires); }
}
