package clasp.transport.netty.tls;

import clasp.test.peers.tls.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A listener's TLS over real sockets: versions, cipher suites, handshake timeout and key files reloaded live. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerTlsTest {
    @TempDir
    Path files;

    private EventLoopGroup group;
    private Channel server;
    private TestPki.Issued ca;
    private TestPki.Issued first;
    private TestPki.Issued second;
    private Path certificate;
    private Path key;
    private SSLContext client;

    @BeforeEach
    void certificates() throws Exception {
        ca = TestPki.authority("Test CA");
        first = TestPki.server(ca, "CN=first");
        second = TestPki.server(ca, "CN=second");
        certificate = files.resolve("server.crt");
        key = files.resolve("server.key");
        install(first);
        client = TestPki.clientContext(null, ca.certificate());
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() {
        if (server != null) server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Writes {@code issued}'s certificate and key, their times a second later than before so any look sees the change. */
    private void install(TestPki.Issued issued) throws Exception {
        FileTime later = FileTime.fromMillis((Files.exists(certificate)
                ? Files.getLastModifiedTime(certificate).toMillis() : System.currentTimeMillis()) + 1000);
        TestPki.privateKeyPem(key, issued);
        TestPki.certificatePem(certificate, issued.certificate(), ca.certificate());
        Files.setLastModifiedTime(key, later);
        Files.setLastModifiedTime(certificate, later);
    }

    private TlsSettings settings(String minVersion) {
        return new TlsSettings("", "", "", certificate.toString(), key.toString(), ClientAuth.NONE, "", files, minVersion);
    }

    /** An echo server on loopback behind {@code tls}. */
    private int serve(ServerTls tls) {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg);
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private SSLSocket connect(int port, String... protocols) throws Exception {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        if (protocols.length > 0) socket.setEnabledProtocols(protocols);
        socket.startHandshake();
        return socket;
    }

    private static String subjectSeenBy(SSLSocket socket) throws Exception {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    private static String echo(SSLSocket socket, String text) throws Exception {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    @Test
    void changedKeyFilesReachNewConnectionsWhileOpenOnesStayAndTheListenerKeepsItsPort() throws Exception {
        ServerTls tls = ServerTls.load(settings(""), Duration.ofSeconds(10), "test listener");
        int port = serve(tls);
        try (SSLSocket before = connect(port)) {
            assertThat(subjectSeenBy(before)).isEqualTo("CN=first");
            tls.watch(group.next(), Duration.ofMillis(100));

            install(second);

            await().atMost(Duration.ofSeconds(30)).until(() -> tls.keys().certificate().equals(second.certificate()));
            try (SSLSocket after = connect(port)) {
                assertThat(subjectSeenBy(after)).isEqualTo("CN=second");
                assertThat(echo(after, "new")).isEqualTo("new");
            }
            assertThat(subjectSeenBy(before)).isEqualTo("CN=first");
            assertThat(echo(before, "still open")).isEqualTo("still open");
            assertThat(((InetSocketAddress) server.localAddress()).getPort()).isEqualTo(port);
        } finally {
            tls.stopWatching();
        }
    }

    @Test
    void brokenOrMismatchedKeyFilesKeepThePreviousCertificate() throws Exception {
        ServerTls tls = ServerTls.load(settings(""), Duration.ofSeconds(10), "test listener");
        int port = serve(tls);
        assertThat(tls.reloadIfChanged()).isFalse();   // nothing changed

        Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
        Files.setLastModifiedTime(certificate, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(tls.reloadIfChanged()).isFalse();
        try (SSLSocket socket = connect(port)) {
            assertThat(subjectSeenBy(socket)).isEqualTo("CN=first");
        }

        TestPki.certificatePem(certificate, second.certificate(), ca.certificate());   // the new certificate, the old key
        Files.setLastModifiedTime(certificate, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        assertThat(tls.reloadIfChanged()).isFalse();
        try (SSLSocket socket = connect(port)) {
            assertThat(subjectSeenBy(socket)).isEqualTo("CN=first");
        }

        TestPki.privateKeyPem(key, second);   // its key arrives: the pair is whole again
        Files.setLastModifiedTime(key, FileTime.fromMillis(System.currentTimeMillis() + 15_000));
        assertThat(tls.reloadIfChanged()).isTrue();
        try (SSLSocket socket = connect(port)) {
            assertThat(subjectSeenBy(socket)).isEqualTo("CN=second");
        }
    }

    @Test
    void minimumTls13RefusesATls12ClientAndServesATls13One() throws Exception {
        int port = serve(ServerTls.load(settings("tlsv1.3"), Duration.ofSeconds(10), "test listener"));

        assertThatThrownBy(() -> connect(port, "TLSv1.2").close()).isInstanceOf(SSLHandshakeException.class);
        try (SSLSocket socket = connect(port)) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void tls12OffersOnlyEcdheAeadSuites() throws Exception {
        int port = serve(ServerTls.load(settings("TLSv1.2"), Duration.ofSeconds(10), "test listener"));

        try (SSLSocket socket = connect(port, "TLSv1.2")) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(socket.getSession().getCipherSuite()).isIn(TlsPolicy.CIPHER_SUITES).contains("ECDHE").contains("GCM");
        }
        for (String weak : new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"}) {
            assertThatThrownBy(() -> {
                try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
                    socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                    socket.setEnabledCipherSuites(new String[] {weak});
                    socket.startHandshake();
                }
            }).as(weak).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void opensslClientsSpeakingTls11OrTls10AreRefusedAndTls12IsServed() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        int port = serve(ServerTls.load(settings(""), Duration.ofSeconds(10), "test listener"));

        assertThat(openssl(port, "-tls1_2")).contains("TLSv1.2").contains("CN = first");
        for (String old : new String[] {"-tls1_1", "-tls1"}) {
            assertThat(openssl(port, old)).as(old).containsIgnoringCase("alert protocol version")
                    .doesNotContain("CN = first");
        }
    }

    /** What {@code openssl s_client} prints connecting with {@code version}, security level 0 so that it may try TLS 1.0/1.1. */
    private static String openssl(int port, String version) throws Exception {
        Process process = new ProcessBuilder("/usr/bin/openssl", "s_client", "-connect", "127.0.0.1:" + port, version,
                "-cipher", "DEFAULT@SECLEVEL=0", "-servername", "localhost").redirectErrorStream(true).start();
        process.getOutputStream().close();   // end of input: s_client disconnects once connected
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void aHandshakeNeverStartedIsClosedAfterTheTimeoutWhileOthersConnect() throws Exception {
        int port = serve(ServerTls.load(settings(""), Duration.ofMillis(500), "test listener"));
        try (Socket silent = new Socket("127.0.0.1", port)) {
            silent.setSoTimeout(30_000);
            try (SSLSocket normal = connect(port)) {
                assertThat(echo(normal, "meanwhile")).isEqualTo("meanwhile");
            }
            InputStream in = silent.getInputStream();
            while (in.read() >= 0) {
                // an alert may come before the end of the stream
            }
        }
    }
}
