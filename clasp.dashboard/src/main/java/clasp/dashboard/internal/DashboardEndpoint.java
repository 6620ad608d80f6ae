package clasp.dashboard.internal;

import clasp.api.auth.Authenticator;
import clasp.api.auth.Principal;
import clasp.api.http.HttpEndpoint;
import clasp.api.http.HttpRequest;
import clasp.api.http.HttpResponse;
import clasp.api.router.Router;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.LoggerFactory;

/**
 * The dashboard at {@code /ui/} on every WebSocket listener: {@code /ui} redirects to {@code /ui/}, the page's files
 * are answered from memory on the network thread, and {@code /ui/api/...} runs on one thread of its own
 * ("clasp-dashboard-api", a queue of {@value #QUEUE}; past it 503), where access is checked and the {@link AdminApi}
 * answers. The {@link Authenticator} decides the mode: bound, every API call needs an admin token.
 */
@Component(service = HttpEndpoint.class, property = HttpEndpoint.PATH + "=" + DashboardEndpoint.PATH)
public final class DashboardEndpoint implements HttpEndpoint {
    static final String PATH = "/ui";
    static final int QUEUE = 64;

    private final StaticFiles files;
    private final AdminApi api;
    private final ThreadPoolExecutor executor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CommandProcessor shell;

    @Activate
    public DashboardEndpoint(BundleContext context, @Reference(name = "router") Router router,
                             @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
                             @Reference(name = "metaType") MetaTypeService metaType) throws IOException {
        files = StaticFiles.of(context.getBundle());
        String etcProperty = context.getProperty("clasp.etc");
        Path etc = Path.of(etcProperty == null || etcProperty.isBlank() ? "etc" : etcProperty).toAbsolutePath();
        String data = context.getProperty("clasp.data");
        Path scenes = Path.of(data == null || data.isBlank() ? "data" : data, "scenes").toAbsolutePath();
        ObjectMapper json = new ObjectMapper();
        api = new AdminApi(router,
                new ConfigInstances(configAdmin, ConfigInstances.Kind.BRIDGE,
                        () -> FactoryTypes.under(ConfigInstances.Kind.BRIDGE.prefix, context, metaType), etc),
                new ConfigInstances(configAdmin, ConfigInstances.Kind.TRANSPORT,
                        () -> FactoryTypes.under(ConfigInstances.Kind.TRANSPORT.prefix, context, metaType), etc),
                new Scenes(scenes, json), () -> shell, () -> authenticator != null, json);
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "clasp-dashboard-api");
            t.setDaemon(true);
            return t;
        });
    }

    /** Its thread is gone when this returns (an API call still running is interrupted and given a second). */
    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
            LoggerFactory.getLogger(DashboardEndpoint.class).warn("clasp.dashboard: an admin API call did not end within a second of the stop");
        }
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        String path = request.path();
        if (path.equals(PATH)) {
            return CompletableFuture.completedFuture(HttpResponse.text(302, "see /ui/\n").with("Location", PATH + "/"));
        }
        if (path.startsWith(AdminApi.PREFIX)) return api(request);
        HttpResponse page = !request.method().equals("GET") && !request.method().equals("HEAD")
                ? HttpResponse.text(405, "GET only\n").with("Allow", "GET, HEAD")
                : files.answer(path.substring(PATH.length() + 1)).orElseGet(() -> HttpResponse.text(404, "no such file\n"));
        return CompletableFuture.completedFuture(page);
    }

    private CompletionStage<HttpResponse> api(HttpRequest request) {
        CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    Principal principal = AdminAccess.check(request, authenticator);
                    answer.complete(api.answer(request, principal));
                } catch (ApiError refused) {
                    Audit.refused(request.remote(), request.method(), request.path(), refused.status(), refused.getMessage());
                    answer.complete(AdminApi.error(refused.status(), refused.getMessage()));
                } catch (RuntimeException e) {
                    answer.complete(AdminApi.error(500, e.toString()));
                }
            });
        } catch (RejectedExecutionException busy) {
            answer.complete(AdminApi.error(503, "the dashboard is busy; try again"));
        }
        return answer;
    }
}
