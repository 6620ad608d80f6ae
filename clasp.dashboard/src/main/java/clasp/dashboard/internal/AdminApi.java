package clasp.dashboard.internal;

import clasp.api.auth.Principal;
import clasp.api.http.HttpRequest;
import clasp.api.http.HttpResponse;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.felix.service.command.CommandProcessor;

/**
 * The admin API under {@code /ui/api/}: JSON reads of the router (params with revision, writer and lock; sessions;
 * transports and bridges; stats; scenes) and the admin actions CLASP cannot carry (kick a session; create, update and
 * delete transport and bridge instances; save and recall scenes), each action written to the audit log. The caller
 * has checked access; {@link #answer} runs on the dashboard's API thread.
 */
final class AdminApi {
    static final String PREFIX = "/ui/api/";

    private final Router router;
    private final ConfigInstances bridges;
    private final ConfigInstances transports;
    private final Scenes scenes;
    private final Supplier<CommandProcessor> shell;
    private final java.util.function.BooleanSupplier authenticated;
    private final ObjectMapper json;

    AdminApi(Router router, ConfigInstances bridges, ConfigInstances transports, Scenes scenes,
             Supplier<CommandProcessor> shell, java.util.function.BooleanSupplier authenticated, ObjectMapper json) {
        this.router = router;
        this.bridges = bridges;
        this.transports = transports;
        this.scenes = scenes;
        this.shell = shell;
        this.authenticated = authenticated;
        this.json = json;
    }

    /** The answer to {@code request} made by {@code principal}; refusals and failures as {@code {"error": ...}}. */
    HttpResponse answer(HttpRequest request, Principal principal) {
        try {
            return route(request, principal);
        } catch (ApiError e) {
            return error(e.status(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            return error(500, e.toString());
        }
    }

    private HttpResponse route(HttpRequest request, Principal principal) throws ApiError, IOException {
        List<String> at = List.of(request.path().substring(PREFIX.length()).split("/", -1));
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        String first = at.get(0);
        switch (first) {
            case "whoami" -> {
                if (at.size() == 1 && method.equals("GET")) return ok(whoami(principal));
            }
            case "params" -> {
                if (at.size() == 1 && method.equals("GET")) return ok(params(request.parameter("pattern").orElse("/**")));
            }
            case "stats" -> {
                if (at.size() == 1 && method.equals("GET")) {
                    ObjectNode stats = json.valueToTree(router.stats());
                    stats.set("store", json.valueToTree(router.store()));
                    stats.set("errors", json.valueToTree(router.metrics().errors()));   // ERROR frames sent, by code
                    return ok(stats);
                }
            }
            case "sessions" -> {
                if (at.size() == 1 && method.equals("GET")) return ok(json.valueToTree(router.sessions()));
                if (at.size() == 2 && method.equals("DELETE")) return kick(request, principal, at.get(1));
            }
            case "bridges", "transports" -> {
                ConfigInstances instances = first.equals("bridges") ? bridges : transports;
                return instances(request, principal, instances, first, at, method);
            }
            case "scenes" -> {
                if (at.size() == 1 && method.equals("GET")) return ok(json.valueToTree(scenes.list()));
                if (at.size() == 1 && method.equals("POST")) return saveScene(request, principal);
                if (at.size() == 3 && at.get(2).equals("recall") && method.equals("POST")) {
                    return recallScene(request, principal, at.get(1));
                }
            }
            default -> { }
        }
        throw new ApiError(404, "no API " + request.method() + " " + request.path());
    }

    private JsonNode whoami(Principal principal) {
        ObjectNode me = json.createObjectNode();
        me.put("mode", authenticated.getAsBoolean() ? "authenticated" : "open");
        me.put("principal", principal.name());
        me.set("scopes", json.valueToTree(principal.scopes().stream().sorted().toList()));
        return me;
    }

    private JsonNode params(String pattern) throws ApiError {
        String problem = clasp.api.Address.problem(pattern);
        if (problem != null) throw new ApiError(400, problem);
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (clasp.api.router.SessionInfo s : router.sessions()) names.put(s.id(), s.name());
        ArrayNode out = json.createArrayNode();
        for (ParamState p : router.params(pattern)) {
            ObjectNode row = out.addObject();
            row.put("address", p.address());
            row.set("value", ValueJson.write(p.value()));
            row.put("revision", p.revision());
            row.put("writer", p.writer());
            row.put("writerName", names.get(p.writer()));
            row.put("timestamp", p.timestamp());
            row.put("lock", p.lockHolder());
            row.put("lockName", p.lockHolder() == null ? null : names.get(p.lockHolder()));
        }
        return out;
    }

    private HttpResponse kick(HttpRequest request, Principal principal, String session) throws ApiError {
        boolean closed = router.closeSession(session, "closed by " + principal.name() + " from the dashboard");
        Audit.action(principal.name(), request.remote(), "session-kick", session, closed ? "ok" : "no such session");
        if (!closed) throw new ApiError(404, "no session " + session);
        return ok(json.createObjectNode().put("closed", session));
    }

    private HttpResponse instances(HttpRequest request, Principal principal, ConfigInstances instances, String noun,
                                   List<String> at, String method) throws ApiError, IOException {
        String kind = noun.substring(0, noun.length() - 1);
        if (at.size() == 1 && method.equals("GET")) {
            ObjectNode out = json.createObjectNode();
            out.set("running", json.valueToTree(noun.equals("bridges") ? router.bridges() : router.transports()));
            out.set("configured", json.valueToTree(instances.configured()));
            return ok(out);
        }
        if (at.size() == 2 && at.get(1).equals("types") && method.equals("GET")) return ok(types(instances));
        if (at.size() == 1 && method.equals("POST")) {
            JsonNode body = body(request);
            String type = body.path("type").asText();
            String name = body.path("name").asText();
            return audited(request, principal, kind + "-create", type + " " + name, () -> {
                String pid = instances.create(type, name, body.get("properties"));
                return HttpResponse.json(201, json.writeValueAsString(json.createObjectNode().put("created", pid)));
            });
        }
        if (at.size() == 3 && method.equals("PUT")) {
            JsonNode body = body(request);
            return audited(request, principal, kind + "-update", at.get(1) + " " + at.get(2), () -> {
                instances.update(at.get(1), at.get(2), body.get("properties"));
                return ok(json.createObjectNode().put("updated", at.get(1) + "~" + at.get(2)));
            });
        }
        if (at.size() == 3 && method.equals("DELETE")) {
            return audited(request, principal, kind + "-delete", at.get(1) + " " + at.get(2), () -> {
                instances.delete(at.get(1), at.get(2));
                return ok(json.createObjectNode().put("deleted", at.get(1) + "~" + at.get(2)));
            });
        }
        throw new ApiError(404, "no API " + request.method() + " " + request.path());
    }

    private JsonNode types(ConfigInstances instances) {
        ArrayNode out = json.createArrayNode();
        for (FactoryTypes.Type t : instances.types()) {
            ObjectNode type = out.addObject();
            type.put("factoryPid", t.factoryPid());
            type.put("name", t.name());
            type.put("description", t.description());
            type.put("bundle", t.bundle());
            ArrayNode attributes = type.putArray("attributes");
            for (FactoryTypes.Attribute a : t.attributes()) {
                ObjectNode attribute = attributes.addObject();
                attribute.put("id", a.id());
                attribute.put("name", a.name());
                attribute.put("description", a.description());
                attribute.put("type", a.typeName());
                attribute.put("cardinality", a.cardinality());
                attribute.set("defaults", json.valueToTree(a.defaults()));
                ArrayNode options = attribute.putArray("options");
                for (int i = 0; i < a.optionValues().size(); i++) {
                    options.addObject().put("value", a.optionValues().get(i))
                            .put("label", i < a.optionLabels().size() ? a.optionLabels().get(i) : a.optionValues().get(i));
                }
            }
        }
        return out;
    }

    private HttpResponse saveScene(HttpRequest request, Principal principal) throws ApiError, IOException {
        JsonNode body = body(request);
        String name = body.path("name").asText();
        String pattern = body.path("pattern").asText();
        return audited(request, principal, "scene-save", name + " " + pattern,
                () -> ok(json.createObjectNode().put("result", scenes.save(shell.get(), name, pattern))));
    }

    private HttpResponse recallScene(HttpRequest request, Principal principal, String name) throws ApiError, IOException {
        JsonNode body = body(request);
        long fade = body.path("fadeMs").asLong(0);
        return audited(request, principal, "scene-recall", name + " fade=" + fade + "ms",
                () -> ok(json.createObjectNode().put("result", scenes.recall(shell.get(), name, fade))));
    }

    private interface Action {
        HttpResponse run() throws ApiError, IOException;
    }

    /** Runs an admin action and writes its audit line, with "ok" or why it failed. */
    private HttpResponse audited(HttpRequest request, Principal principal, String action, String target, Action run)
            throws ApiError, IOException {
        try {
            HttpResponse response = run.run();
            Audit.action(principal.name(), request.remote(), action, target, "ok");
            return response;
        } catch (ApiError | IOException | RuntimeException e) {
            Audit.action(principal.name(), request.remote(), action, target, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }

    private JsonNode body(HttpRequest request) throws ApiError {
        try {
            JsonNode body = json.readTree(request.body());
            if (body == null || !body.isObject()) throw new ApiError(400, "the body must be a JSON object");
            return body;
        } catch (IOException e) {
            throw new ApiError(400, "the body is not JSON: " + e.getMessage());
        }
    }

    private HttpResponse ok(JsonNode body) {
        try {
            return HttpResponse.json(200, json.writeValueAsString(body)).with("Cache-Control", "no-store");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An error answer; a 401 says which scheme it wants. */
    static HttpResponse error(int status, String message) {
        String body = "{\"error\":" + quoteJson(message) + "}";
        HttpResponse response = HttpResponse.json(status, body).with("Cache-Control", "no-store");
        return status == 401 ? response.with("WWW-Authenticate", "Bearer realm=\"clasp\"") : response;
    }

    private static String quoteJson(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s == null ? "" : s);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

}
