package clasp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of the router, over real sockets. Frozen, it stops forwarding (holding
 * what it read) but keeps every socket open: to the client the router looks alive and silent, as behind a dead
 * link or a hung process. {@link #dropAll()} closes every connection, as a killed proxy would.
 */
final class Proxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong upstreamBytes = new AtomicLong();
    private volatile boolean upFrozen;
    private volatile boolean downFrozen;

    Proxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "test-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() { return server.getLocalPort(); }

    /** Bytes forwarded from clients to the router so far. */
    long upstreamBytes() { return upstreamBytes.get(); }

    void freeze() { upFrozen = downFrozen = true; }

    /** Holds what clients send; the router's frames still pass. */
    void freezeUpstream() { upFrozen = true; }

    void thaw() { upFrozen = downFrozen = false; }

    void dropAll() {
        for (Socket s : sockets) close(s);
        sockets.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean up) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    while (up ? upFrozen : downFrozen) Thread.sleep(5);
                    out.write(buf, 0, n);
                    if (up) upstreamBytes.addAndGet(n);
                }
            } catch (IOException | InterruptedException e) {
                // a side went away
            } finally {
                close(from);
                close(to);
            }
        }, "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropAll();
    }
}
