package clasp.metrics.internal;

import clasp.api.http.HttpEndpoint;
import clasp.api.http.HttpRequest;
import clasp.api.http.HttpResponse;
import clasp.api.router.Router;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * GET /ready, readiness: 200 "ready" when {@link Readiness} finds nothing missing, else 503 "not ready" with one line
 * per missing piece. The configured transport instances are the factory configurations {@code clasp.transport.<kind>}
 * in Config Admin (the instance id as the transports take it: {@code clasp.transport.id}, else the configuration's
 * name after {@code ~}); a param store component that failed to activate (SCR says why) is a store not open.
 * Every reference is optional and dynamic (volatile fields), so /ready answers even while the router is missing.
 */
@Component(service = HttpEndpoint.class, property = HttpEndpoint.PATH + "=/ready")
public final class ReadyEndpoint implements HttpEndpoint {
    private static final String TRANSPORT_PREFIX = "clasp.transport.";
    private static final String PARAM_STORE = "clasp.api.store.ParamStore";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Router router;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime components;

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        HttpResponse r;
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            r = HttpResponse.text(405, "GET only\n").with("Allow", "GET, HEAD");
        } else if (!request.path().equals("/ready")) {
            r = HttpResponse.text(404, "not found\n");
        } else {
            List<String> problems = Readiness.problems(router, configured(configurations), storeProblems(components));
            r = problems.isEmpty() ? HttpResponse.text(200, "ready\n")
                    : HttpResponse.text(503, "not ready\n" + String.join("\n", problems) + "\n");
        }
        return CompletableFuture.completedFuture(r.with("Cache-Control", "no-store"));
    }

    /** The transport instances Config Admin has factory configurations for. */
    static Set<Readiness.Listener> configured(ConfigurationAdmin cm) {
        Set<Readiness.Listener> out = new TreeSet<>();
        if (cm == null) return out;
        Configuration[] all;
        try {
            all = cm.listConfigurations("(service.factoryPid=" + TRANSPORT_PREFIX + "*)");
        } catch (IOException | InvalidSyntaxException e) {
            return out;
        }
        if (all == null) return out;
        for (Configuration c : all) {
            String factory = c.getFactoryPid();
            Dictionary<String, Object> p = c.getProperties();
            if (factory == null || p == null || !factory.startsWith(TRANSPORT_PREFIX)) continue;
            out.add(new Readiness.Listener(factory.substring(TRANSPORT_PREFIX.length()), idOf(c.getPid(), p.get(TRANSPORT_PREFIX + "id"))));
        }
        return out;
    }

    /** As the transports name themselves: {@code clasp.transport.id}, else the configuration's name after '~'. */
    static String idOf(String pid, Object id) {
        if (id != null && !id.toString().isBlank()) return id.toString();
        int tilde = pid.lastIndexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }

    /** Each enabled param store component that failed to activate, or waits for its configuration or a service. */
    static List<String> storeProblems(ServiceComponentRuntime scr) {
        List<String> out = new ArrayList<>();
        if (scr == null) return out;
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!List.of(d.serviceInterfaces).contains(PARAM_STORE) || !scr.isComponentEnabled(d)) continue;
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    out.add("store " + d.name + ": failed to open (" + firstLine(c.failure) + ")");
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    out.add("store " + d.name + ": waiting for a service it needs");
                }
            }
        }
        return out;
    }

    private static String firstLine(String failure) {
        if (failure == null || failure.isBlank()) return "no reason given";
        int nl = failure.indexOf('\n');
        return (nl < 0 ? failure : failure.substring(0, nl)).strip();
    }
}
