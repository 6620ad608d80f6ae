package clasp.itest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Loopback helpers shared by the tests: a free port, and the listener's health probe. */
final class Net {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Net() { }

    /** Ports already handed out in this JVM: the kernel may offer a port again as soon as its probe socket closed. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort(); // never the same port twice, e.g. for two listeners of one runtime
                }
            }
        }
    }

    /** The HTTP status of GET http://127.0.0.1:port/ (200 only with the body "ok"), or -1 if nothing listens. */
    static int probe(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().equals("ok") ? 200 : r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
