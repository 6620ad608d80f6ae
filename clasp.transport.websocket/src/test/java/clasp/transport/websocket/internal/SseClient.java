package clasp.transport.websocket.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SSE client over a raw socket, as a browser's EventSource reads: the response head, then a chunked body of
 * events ({@code id:}, {@code event:}, {@code data:} lines, a blank line dispatches) and comments. A reader thread
 * records every whole event; {@link #close} drops the connection the way a client that goes away does.
 */
final class SseClient implements AutoCloseable {
    record Event(String id, String event, String data) {
    }

    final int status;
    final Map<String, String> headers = new HashMap<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final AtomicInteger pings = new AtomicInteger();
    final List<String> comments = new CopyOnWriteArrayList<>();
    volatile boolean ended;        // the body ended (last chunk, or the server closed)
    volatile boolean cleanEnd;     // with the last chunk
    volatile String body = "";     // the body of a response other than 200
    private final Socket socket;
    private final InputStream in;

    private SseClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        String header;
        while (!(header = line()).isEmpty()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(), header.substring(colon + 1).trim());
        }
    }

    /** Sends {@code GET target} with {@code extraHeaders} ("Name: value"); reads the head; starts reading events if 200. */
    static SseClient get(InetSocketAddress server, String target, String... extraHeaders) throws IOException {
        return get(server, target, true, 0, extraHeaders);
    }

    /** As {@link #get}, but with {@code read} false nothing is read after the head (a stalled client). */
    static SseClient get(InetSocketAddress server, String target, boolean read, int receiveBuffer, String... extraHeaders)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(server, 30_000);
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n");
        for (String h : extraHeaders) request.append(h).append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        SseClient client = new SseClient(socket);
        if (client.status != 200) {
            client.readPlainBody();
        } else if (read) {
            Thread reader = new Thread(client::readEvents, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        }
        return client;
    }

    /** The id of the last whole event, as EventSource sends it back in Last-Event-ID. */
    String lastEventId() {
        String last = null;
        for (Event e : events) if (e.id() != null) last = e.id();
        return last;
    }

    List<Event> dataEvents() {
        return events.stream().filter(e -> e.event() == null).toList();
    }

    private void readPlainBody() throws IOException {
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        ended = true;
    }

    private void readEvents() {
        try {
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            String id = null;
            String event = null;
            StringBuilder data = null;
            while (true) {
                int size = Integer.parseInt(line().trim(), 16);
                if (size == 0) {
                    cleanEnd = true;
                    return;
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) return;
                line();   // the CRLF after the chunk
                pending.write(chunk);
                byte[] bytes = pending.toByteArray();
                int start = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] != '\n') continue;
                    String l = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                    start = i + 1;
                    if (l.isEmpty()) {
                        if (data != null) events.add(new Event(id, event, data.toString()));
                        id = null;
                        event = null;
                        data = null;
                    } else if (l.startsWith(":")) {
                        comments.add(l);
                        if (l.equals(": ping")) pings.incrementAndGet();
                    } else if (l.startsWith("id: ")) {
                        id = l.substring(4);
                    } else if (l.startsWith("event: ")) {
                        event = l.substring(7);
                    } else if (l.startsWith("data: ")) {
                        data = data == null ? new StringBuilder(l.substring(6)) : data.append('\n').append(l.substring(6));
                    }
                }
                pending.reset();
                pending.write(bytes, start, bytes.length - start);
            }
        } catch (IOException | RuntimeException e) {
            // closed by the test, or the connection ended
        } finally {
            ended = true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') line.write(b);
        }
        if (b == -1 && line.size() == 0) throw new IOException("end of stream");
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
