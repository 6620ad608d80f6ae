package clasp.test.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real OLA daemon ({@code olad} from Debian's {@code ola}) for a test class: its own configuration folder with only
 * the plugins asked for, the given port patches ({@code ola-port.conf} lines such as {@code 2-1-I-0 = 1}: plugin 2 is
 * Art-Net, 11 is E1.31; I input, O output; port; universe), and free HTTP and RPC ports, so it does not clash with
 * another olad. olad refuses to run as root, so it runs as the packaged user {@code olad}. It is driven through its
 * HTTP API ({@code get_dmx}, {@code set_dmx}), since the {@code ola_*} tools cannot reach a non-default RPC port.
 *
 * <p>Facts a test must know: the Art-Net plugin here works on loopback (127.0.0.1, port 6454 with SO_REUSEADDR); it
 * sends its output universes only to nodes that announced them in an ArtPollReply. The E1.31 plugin cannot use
 * loopback and binds the first other IPv4 interface (port 5568); once an E1.31 input is patched, its multicast no
 * longer loops back to local listeners.
 */
public final class Olad implements AutoCloseable {
    private static final String[] OTHER_PLUGINS = {"dummy", "espnet", "ftdidmx", "gpio", "karate", "kinet", "milinst",
            "opendmx", "openpixelcontrol", "osc", "pathport", "renard", "sandnet", "shownet", "spi", "stageprofi",
            "uartdmx", "usbdmx", "usbserial"};
    private static final long START_TIMEOUT_MS = 30_000;

    private final Path dir;
    private final Process runuser;
    private final int httpPort;

    private Olad(Path dir, Process runuser, int httpPort) {
        this.dir = dir;
        this.runuser = runuser;
        this.httpPort = httpPort;
    }

    public static Builder builder() { return new Builder(); }

    /** The process id of olad itself (not of the runuser that started it), or -1 when it is not running. */
    public long pid() {
        return runuser.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(-1L);
    }

    /** The port of olad's HTTP API and web UI. */
    public int httpPort() { return httpPort; }

    /** The 512 slot values OLA holds for {@code universe} (its own universe number), all 0 when it has none. */
    public int[] dmx(int universe) {
        String json = get("/get_dmx?u=" + universe);
        Matcher m = Pattern.compile("\"dmx\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        int[] slots = new int[512];
        if (!m.find()) throw new IllegalStateException("olad answered get_dmx with " + json);
        String list = m.group(1).trim();
        if (list.isEmpty()) return slots;
        String[] values = list.split(",");
        for (int i = 0; i < values.length && i < slots.length; i++) slots[i] = Integer.parseInt(values[i].trim());
        return slots;
    }

    /** Makes OLA's {@code universe} hold these values from slot 1 on, as a console would (its outputs send them). */
    public void setDmx(int universe, int... values) {
        StringBuilder d = new StringBuilder();
        for (int v : values) d.append(d.length() == 0 ? "" : ",").append(v);
        String answer = request("POST", "/set_dmx", "u=" + universe + "&d=" + d);
        if (!answer.contains("\"error\":\"\"") && !answer.contains("ok")) {
            throw new IllegalStateException("olad refused set_dmx: " + answer);
        }
    }

    /** The body of a GET of {@code path} on olad's HTTP API (for example {@code /json/universe_info?id=1}). */
    public String get(String path) { return request("GET", path, null); }

    /** Waits until olad lists {@code universe} (its ports are patched to it). */
    public void awaitUniverse(int universe) {
        await(() -> get("/json/universe_plugin_list").matches("(?s).*\"id\"\\s*:\\s*" + universe + "\\b.*"),
                "universe " + universe + " to exist in olad");
    }

    /** olad's log so far (for a failure message). */
    public String log() {
        try {
            return Files.readString(dir.resolve("olad.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        // runuser's child is olad itself; ending runuser alone would leave olad running
        for (ProcessHandle child : runuser.toHandle().children().toList()) child.destroy();
        runuser.destroy();
        try {
            if (!runuser.waitFor(10, TimeUnit.SECONDS)) {
                runuser.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                runuser.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private String request(String method, String path, String form) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + path).toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(5_000);
            c.setReadTimeout(10_000);
            if (form != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(form.getBytes(StandardCharsets.UTF_8));
                }
            }
            try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
                return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on olad failed", e);
        }
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (true) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (UncheckedIOException | IllegalStateException notYet) {
                // olad is still starting
            }
            if (!runuser.isAlive()) throw new IllegalStateException("olad ended while waiting for " + what + ":\n" + log());
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("olad did not get " + what + " within " + START_TIMEOUT_MS + " ms:\n" + log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** What the olad of a test class has. */
    public static final class Builder {
        private boolean artnet;
        private boolean e131;
        private String artnetIp = "127.0.0.1";
        private String e131Ip = "";
        private int e131Inputs = 5;
        private int e131Outputs = 5;
        private int httpPort;
        private int rpcPort;
        private final List<String> ports = new ArrayList<>();

        /** The Art-Net plugin, on loopback (127.0.0.1) with 4 input and 4 output ports. */
        public Builder artnet(boolean on) {
            artnet = on;
            return this;
        }

        /** The Art-Net plugin's interface address (default 127.0.0.1, with loopback allowed). */
        public Builder artnetIp(String ip) {
            artnetIp = ip;
            return this;
        }

        /** The E1.31 plugin with 5 input and 5 output ports, on the first non-loopback IPv4 interface. */
        public Builder e131(boolean on) {
            e131 = on;
            return this;
        }

        /** How many E1.31 input and output ports its device has (default 5 and 5). */
        public Builder e131Ports(int inputs, int outputs) {
            e131Inputs = inputs;
            e131Outputs = outputs;
            return this;
        }

        /**
         * olad's HTTP and RPC ports (default: free ones). The {@code ola_*} tools reach only the default RPC port
         * 9010, so a test or benchmark that runs them asks for 9090 and 9010.
         */
        public Builder ports(int http, int rpc) {
            httpPort = http;
            rpcPort = rpc;
            return this;
        }

        /** The E1.31 plugin's interface address (default: empty, olad's own choice). */
        public Builder e131Ip(String ip) {
            e131Ip = ip;
            return this;
        }

        /** A port patch, an {@code ola-port.conf} line such as {@code 2-1-O-0 = 3}. */
        public Builder port(String patch) {
            ports.add(patch);
            return this;
        }

        /** Writes the configuration, starts olad and waits until its HTTP API answers. */
        public Olad start() {
            try {
                Path dir = Files.createTempDirectory("clasp-olad");
                write(dir.resolve("ola-artnet.conf"), "enabled = " + artnet, "ip = " + artnetIp, "use_loopback = true",
                        "always_broadcast = false", "net = 0", "subnet = 0", "input_ports = 4", "output_ports = 4",
                        "short_name = clasp-test-ola", "long_name = CLASP test OLA");
                write(dir.resolve("ola-e131.conf"), "enabled = " + e131, "ip = " + e131Ip, "prepend_hostname = false",
                        "input_ports = " + e131Inputs, "output_ports = " + e131Outputs, "ignore_preview = true", "revision = 0.46");
                for (String plugin : OTHER_PLUGINS) write(dir.resolve("ola-" + plugin + ".conf"), "enabled = false");
                write(dir.resolve("ola-port.conf"), ports.toArray(String[]::new));
                int http = httpPort > 0 ? httpPort : freePort();
                int rpc = rpcPort > 0 ? rpcPort : freePort();
                run("chown", "-R", "olad", dir.toString());
                run("chmod", "755", dir.toString());
                Process p = new ProcessBuilder("runuser", "-u", "olad", "--", "olad", "--no-register-with-dns-sd",
                        "--no-http-quit", "-l", "3", "-c", dir.toString(), "-p", Integer.toString(http), "-r",
                        Integer.toString(rpc))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("olad.log").toFile()).start();
                Olad olad = new Olad(dir, p, http);
                try {
                    olad.await(() -> !olad.get("/json/server_stats").isEmpty(), "its HTTP API up");
                } catch (RuntimeException e) {
                    olad.close();
                    throw e;
                }
                return olad;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start olad (is Debian's ola installed?)", e);
            }
        }

        private static void write(Path file, String... lines) throws IOException {
            Files.write(file, List.of(lines));
        }

        private static void run(String... command) throws IOException {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed: " + out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }

    /** The first IPv4 address of a non-loopback interface that is up: where olad's E1.31 plugin binds. */
    public static Optional<String> firstNonLoopbackIpv4() {
        try {
            return java.net.NetworkInterface.networkInterfaces()
                    .filter(i -> {
                        try {
                            return i.isUp() && !i.isLoopback();
                        } catch (java.net.SocketException e) {
                            return false;
                        }
                    })
                    .flatMap(java.net.NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof java.net.Inet4Address)
                    .map(java.net.InetAddress::getHostAddress)
                    .findFirst();
        } catch (java.net.SocketException e) {
            return Optional.empty();
        }
    }
}
