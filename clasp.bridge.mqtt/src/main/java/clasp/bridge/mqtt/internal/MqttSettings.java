package clasp.bridge.mqtt.internal;

import clasp.api.Address;
import clasp.mqtt.mapping.PayloadFormat;
import clasp.mqtt.mapping.TopicFilters;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One instance's configuration, checked. What could be corrected is listed in {@link #problems} (shown in the
 * bridge's status detail); what cannot ({@link #fatal}) makes the instance FAILED at open.
 *
 * @param namespace        address prefix, '/' first, no trailing '/' ("" for the root)
 * @param inboundFilters   valid MQTT topic filters to subscribe to, each with its QoS
 * @param outboundPatterns CLASP patterns whose SETs and PUBLISHes are published
 * @param onlineTopic      where the bridge keeps true while connected and its will sets false; null: none
 */
record MqttSettings(String brokerUri, boolean v5, String clientId, String username, char[] password,
                    String tlsTrustedCertificates, String tlsKeyStore, char[] tlsKeyStorePassword,
                    String namespace, List<BrokerClient.Filter> inboundFilters, List<String> outboundPatterns, int qos,
                    int streamQos, boolean retainSets, PayloadFormat payload, InboundSignal inboundSignal,
                    int keepAliveSeconds, int connectTimeoutSeconds, long reconnectMinMs, long reconnectMaxMs,
                    int maxQueued, int maxInFlight, int maxPayloadBytes, String onlineTopic, List<String> problems,
                    String fatal) {

    /** What an inbound message becomes (bridges.md §7.4). */
    enum InboundSignal { PARAM, EVENT, STREAM }

    static final String DEFAULT_NAMESPACE = "/mqtt";

    MqttSettings {
        inboundFilters = List.copyOf(inboundFilters);
        outboundPatterns = List.copyOf(outboundPatterns);
        problems = List.copyOf(problems);
    }

    static MqttSettings from(MqttBridgeConfig c) {
        List<String> problems = new ArrayList<>();
        String fatal = null;

        String uri = text(c.brokerUri());
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("tcp") && !scheme.equals("ssl")) fatal = "brokerUri '" + uri + "' is neither tcp:// nor ssl://";
            else if (parsed.getHost() == null) fatal = "brokerUri '" + uri + "' has no host";
            else if (parsed.getPort() < 0) uri = scheme + "://" + parsed.getHost() + ":" + (scheme.equals("tcp") ? 1883 : 8883);
        } catch (java.net.URISyntaxException e) {
            fatal = "brokerUri '" + uri + "' is no URI: " + e.getMessage();
        }

        String version = text(c.mqttVersion());
        boolean v5 = !version.equals("3.1.1");
        if (v5 && !version.equals("5")) problems.add("mqttVersion '" + version + "' is neither 5 nor 3.1.1, using 5");

        String clientId = text(c.clientId());
        if (clientId.isEmpty()) clientId = "clasp-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

        String namespace = text(c.namespace());
        while (namespace.endsWith("/")) namespace = namespace.substring(0, namespace.length() - 1);
        if (!namespace.isEmpty() && !namespace.startsWith("/")) namespace = "/" + namespace;
        if (!Address.isValid(namespace + "/x") || namespace.contains("*")) {
            problems.add("namespace '" + c.namespace() + "' is no address, using " + DEFAULT_NAMESPACE);
            namespace = DEFAULT_NAMESPACE;
        }
        Topics topics = new Topics(namespace);

        int qos = qos("qos", c.qos(), 1, problems);
        int streamQos = qos("streamQos", c.streamQos(), 0, problems);
        InboundSignal signal = signal(c.inboundSignal(), problems);
        int subscribeQos = signal == InboundSignal.STREAM ? streamQos : qos;
        List<BrokerClient.Filter> inbound = new ArrayList<>();
        for (String entry : list(c.inboundTopics())) {
            BrokerClient.Filter filter = filter(entry, subscribeQos, problems);
            if (filter != null) inbound.add(filter);
        }
        List<String> outbound = new ArrayList<>();
        for (String configured : list(c.outboundPatterns())) {
            String pattern = topics.pattern(configured);
            if (Address.isValid(pattern)) outbound.add(pattern);
            else problems.add("outbound pattern '" + configured + "' is no CLASP pattern, ignored");
        }
        if (list(c.outboundPatterns()).isEmpty()) outbound.add(namespace + "/**");

        PayloadFormat payload = PayloadFormat.named(text(c.payload()));
        if (payload == null) {
            problems.add("payload '" + c.payload() + "' is none of auto, json, number, string, bytes, using auto");
            payload = PayloadFormat.AUTO;
        }
        String online = text(c.onlineTopic());
        if (!online.isEmpty() && (online.contains("+") || online.contains("#"))) {
            problems.add("onlineTopic '" + online + "' has a wildcard, none used");
            online = "";
        }

        long min = Math.max(10, c.reconnectMinMs());
        long max = Math.max(min, c.reconnectMaxMs());
        if (max != c.reconnectMaxMs() || min != c.reconnectMinMs()) {
            problems.add("reconnect delays " + c.reconnectMinMs() + ".." + c.reconnectMaxMs() + " ms corrected to "
                    + min + ".." + max + " ms");
        }
        return new MqttSettings(uri, v5, clientId, blankToNull(c.username()), chars(c._password()),
                text(c.tlsTrustedCertificates()), text(c.tlsKeyStore()), chars(c._tlsKeyStorePassword()), namespace,
                inbound, outbound, qos, streamQos, c.retainSets(), payload, signal,
                Math.max(0, Math.min(65535, c.keepAliveSeconds())), Math.max(1, c.connectTimeoutSeconds()), min, max,
                Math.max(1, c.maxQueued()), Math.max(1, Math.min(65535, c.maxInFlight())),
                Math.max(0, c.maxPayloadBytes()), online.isEmpty() ? null : online, problems, fatal);
    }

    Topics topics() {
        return new Topics(namespace);
    }

    private static InboundSignal signal(String configured, List<String> problems) {
        try {
            return InboundSignal.valueOf(text(configured).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("inboundSignal '" + configured + "' is none of param, event, stream, using param");
            return InboundSignal.PARAM;
        }
    }

    /** {@code home/#} at the default QoS, or {@code home/#;qos=2} with its own; null (and a problem) when invalid. */
    static BrokerClient.Filter filter(String entry, int defaultQos, List<String> problems) {
        String filter = entry;
        int qos = defaultQos;
        int option = entry.lastIndexOf(";qos=");
        if (option >= 0) {
            filter = entry.substring(0, option);
            String level = entry.substring(option + ";qos=".length());
            if (!level.matches("[012]")) {
                problems.add("inbound topic '" + entry + "': qos must be 0, 1 or 2, ignored");
                return null;
            }
            qos = Integer.parseInt(level);
        }
        if (!TopicFilters.valid(filter)) {
            problems.add("inbound topic filter '" + filter + "' is not a valid MQTT filter, ignored");
            return null;
        }
        return new BrokerClient.Filter(filter, qos);
    }

    private static int qos(String name, int value, int fallback, List<String> problems) {
        if (value >= 0 && value <= 2) return value;
        problems.add(name + " " + value + " is not 0, 1 or 2, using " + fallback);
        return fallback;
    }

    private static String text(String s) {
        return s == null ? "" : s.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static char[] chars(String s) {
        return s == null || s.isEmpty() ? null : s.toCharArray();
    }

    /** Configured lists: etc/*.cfg files hold them as one comma-separated string. */
    private static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        if (values == null) return out;
        for (String v : values) {
            if (v == null) continue;
            for (String part : v.split(",")) if (!part.isBlank()) out.add(part.trim());
        }
        return out;
    }

    /** A record's default toString would show the password. */
    @Override public String toString() {
        return "MqttSettings[" + brokerUri + ", " + (v5 ? "MQTT 5" : "MQTT 3.1.1") + ", " + clientId + ", namespace "
                + namespace + "]";
    }
}
