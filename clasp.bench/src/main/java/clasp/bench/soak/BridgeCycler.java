package clasp.bench.soak;

import clasp.bench.load.ClientNet;
import clasp.bench.load.MqttClient;
import clasp.bench.load.Probe;
import clasp.client.Reconnect;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Installs and removes bridges in the running runtime, one cycle every {@code period}, through its configuration
 * folder as an administrator would: first the bundle jar (if any) is copied into {@code etc/} (fileinstall installs and
 * starts it), and the factory configurations {@code clasp.bridge.osc-soak.cfg} (UDP on a fixed loopback port),
 * {@code clasp.bridge.mqtt-soak.cfg} (to the local mosquitto, if any) and {@code clasp.bridge.lfo-soak.cfg} (the
 * example bridge in that bundle) are written; each must then carry a message into the router (an OSC datagram, an
 * MQTT publish to mosquitto, an LFO value), seen by a watching client subscribed to {@code /soak/bridge/**}. Half a
 * period later the files are deleted; the OSC port must be free again and LFO values stop; then the jar is removed
 * (fileinstall uninstalls the bundle). A cycle
 * counts once all of that held; each check that did not counts as an error. Runs on its own thread.
 */
final class BridgeCycler implements Runnable {
    private static final Duration CHECK = Duration.ofSeconds(60);
    private static final String BUNDLE_FILE = "soak-bridge-bundle.jar";

    private final Path etc;
    private final URI ws;
    private final ClientNet net;
    private final Path bundleJar;
    private final int mqttPort;   // -1: no MQTT bridge
    private final long periodMillis;
    private final int oscPort = freeUdpPort();
    private final Map<String, LongAdder> seen = new ConcurrentHashMap<>();
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean stopped;

    BridgeCycler(Path etc, URI ws, ClientNet net, Path bundleJar, int mqttPort, int periodSeconds) {
        this.etc = etc;
        this.ws = ws;
        this.net = net;
        this.bundleJar = bundleJar;
        this.mqttPort = mqttPort;
        this.periodMillis = TimeUnit.SECONDS.toMillis(periodSeconds);
    }

    long cycles() { return cycles.get(); }
    long errors() { return errors.get(); }
    void stop() { stopped = true; }

    @Override
    public void run() {
        clasp.client.ClaspClient watcher = clasp.client.ClaspClient.builder(ws).name("soak bridge watcher")
                .reconnect(Reconnect.defaults()).build();
        try {
            watcher.connect(Duration.ofSeconds(30));
            watcher.subscribe("/soak/bridge/**", u -> {
                String[] segments = u.address().split("/");
                if (segments.length > 3) seen.computeIfAbsent(segments[3], k -> new LongAdder()).increment();
            }).get(30, TimeUnit.SECONDS);
            while (!stopped) {
                long start = System.currentTimeMillis();
                if (cycle(start)) cycles.incrementAndGet();
                sleepUntil(start + periodMillis);
            }
        } catch (Exception e) {
            if (!stopped) {
                errors.incrementAndGet();
                System.out.println("soak: bridge cycling stopped: " + e);
            }
        } finally {
            watcher.close();
            removeAll();
        }
    }

    private boolean cycle(long start) throws IOException {
        boolean ok = true;
        if (bundleJar != null) Files.copy(bundleJar, etc.resolve(BUNDLE_FILE), StandardCopyOption.REPLACE_EXISTING);
        write("clasp.bridge.osc-soak.cfg", "bindAddress=127.0.0.1\nport=" + oscPort + "\nnamespace=/soak/bridge/osc\n");
        if (mqttPort > 0) {
            write("clasp.bridge.mqtt-soak.cfg", "brokerUri=tcp://127.0.0.1:" + mqttPort
                    + "\ninboundTopics=soak/#\nnamespace=/soak/bridge/mqtt\nclientId=clasp-soak\n");
        }
        if (bundleJar != null) write("clasp.bridge.lfo-soak.cfg", "prefix=/soak/bridge/lfo\nrateHz=10\n");

        ok &= check("OSC bridge carrying a datagram", "osc", this::sendOsc);
        if (mqttPort > 0) ok &= checkMqtt();
        if (bundleJar != null) ok &= check("LFO bridge from the bundle in etc/ sending values", "lfo", () -> { });

        sleepUntil(start + periodMillis / 2);
        if (stopped) return ok;
        // The instances first, then the bundle: both at once race in Felix (an NPE in its service event dispatch).
        removeConfigurations();
        ok &= await("OSC bridge's port free again", this::oscPortFree);
        if (bundleJar != null) ok &= await("LFO values stopping", this::lfoQuiet);
        delete(BUNDLE_FILE);
        return ok;
    }

    /** Runs {@code poke} every 250 ms until the watcher saw a message under {@code /soak/bridge/<area>}. */
    private boolean check(String what, String area, Runnable poke) {
        long before = count(area);
        return await(what, () -> {
            poke.run();
            return count(area) > before;
        });
    }

    private boolean checkMqtt() {
        MqttClient publisher = new MqttClient(net, "127.0.0.1", mqttPort, Probe.Sink.NONE);
        try {
            publisher.connect().get(30, TimeUnit.SECONDS);
            return check("MQTT bridge carrying a publish from mosquitto", "mqtt",
                    () -> publisher.publish("soak/check", Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            return failed("MQTT publisher connecting to mosquitto: " + e);
        } finally {
            publisher.close().exceptionally(e -> null).join();
        }
    }

    private boolean await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + CHECK.toNanos();
        while (!stopped) {
            if (done.getAsBoolean()) return true;
            if (System.nanoTime() > deadline) return failed(what + ": not within " + CHECK.toSeconds() + " s");
            sleep(250);
        }
        return true;
    }

    private boolean failed(String message) {
        errors.incrementAndGet();
        System.out.println("soak: bridge cycle " + (cycles.get() + 1) + " failed: " + message);
        return false;
    }

    private long count(String area) {
        LongAdder a = seen.get(area);
        return a == null ? 0 : a.sum();
    }

    private void sendOsc() {
        byte[] packet = new byte[16];
        System.arraycopy("/check\0\0,i\0\0".getBytes(StandardCharsets.US_ASCII), 0, packet, 0, 12);
        packet[15] = 1;
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(packet, packet.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), oscPort)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean oscPortFree() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), oscPort))) {
            return true;
        } catch (SocketException inUse) {
            return false;
        }
    }

    private boolean lfoQuiet() {
        long before = count("lfo");
        sleep(1000);
        return count("lfo") == before;
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(etc.resolve(file), text);
    }

    /** Deletes every configuration this class writes, then the bundle jar. */
    private void removeAll() {
        removeConfigurations();
        sleep(1000);
        delete(BUNDLE_FILE);
    }

    private void removeConfigurations() {
        for (String f : new String[] {"clasp.bridge.osc-soak.cfg", "clasp.bridge.mqtt-soak.cfg", "clasp.bridge.lfo-soak.cfg"}) delete(f);
    }

    private void delete(String file) {
        try {
            Files.deleteIfExists(etc.resolve(file));
        } catch (IOException e) {
            failed("cannot delete " + file + ": " + e);
        }
    }

    private void sleepUntil(long epochMillis) {
        while (!stopped) {
            long left = epochMillis - System.currentTimeMillis();
            if (left <= 0) return;
            sleep(Math.min(left, 500));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }
}
