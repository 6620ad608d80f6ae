package clasp.itest;

import static org.junit.Assert.assertEquals;

import clasp.api.discovery.Announcement;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The discovery whiteboard in the runtime: an {@link Announcement} service registered by another bundle is announced
 * over mDNS by clasp.discovery (configured to use the loopback interface), announced again with its new values when
 * its registration's properties change, and withdrawn when it is unregistered; the router's listener is announced
 * as {@code _clasp._tcp} beside it. A jmdns browser on 127.0.0.1 watches.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AnnouncementWhiteboardIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        Path etc = Provisioning.workDir().resolve("discovery-etc");
        Option[] runtime = Provisioning.freshQuietRuntime(etc);
        Files.writeString(etc.resolve("clasp.discovery.cfg"), "interfaces=lo\nbroadcast=false\nrescanSeconds=1\nname=Whiteboard IT\n");
        return runtime;
    }

    /** An announcement whose port a test changes. */
    static final class Movable implements Announcement {
        volatile int port = 17451;

        @Override public String serviceType() { return OSCJSON_TCP; }

        @Override public String instanceName() { return "Whiteboard IT OSCQuery"; }

        @Override public int port() { return port; }

        @Override public Map<String, String> txt() { return Map.of("txtvers", "1"); }
    }

    static final class Seen implements ServiceListener {
        final Map<String, ServiceInfo> resolved = new ConcurrentHashMap<>();

        @Override public void serviceAdded(ServiceEvent e) {
            e.getDNS().requestServiceInfo(e.getType(), e.getName(), true);
        }

        @Override public void serviceRemoved(ServiceEvent e) {
            resolved.remove(e.getName());
        }

        @Override public void serviceResolved(ServiceEvent e) {
            if (e.getInfo().getPropertyNames().hasMoreElements()) resolved.put(e.getName(), e.getInfo());
        }
    }

    @Test
    public void anAnnouncementServiceIsAnnouncedFollowedAndWithdrawn() throws Exception {
        JmDNS browser = JmDNS.create(InetAddress.getByName("127.0.0.1"), "whiteboard-it-browser");
        CompletableFuture<Void> laterClosed = CompletableFuture.completedFuture(null);
        try {
            Seen osc = new Seen();
            Seen clasp = new Seen();
            browser.addServiceListener("_oscjson._tcp.local.", osc);
            browser.addServiceListener("_clasp._tcp.local.", clasp);
            Movable announcement = new Movable();
            ServiceRegistration<Announcement> registration =
                    context.registerService(Announcement.class, announcement, new Hashtable<>(Map.of("revision", 1)));

            Eventually.await(WAIT, "the announcement resolved", () -> port(osc) == 17451);
            assertEquals("1", osc.resolved.get("Whiteboard IT OSCQuery").getPropertyString("txtvers"));
            Eventually.await(WAIT, "the router's listener resolved", () -> clasp.resolved.containsKey("Whiteboard IT"));
            assertEquals("websocket", clasp.resolved.get("Whiteboard IT").getPropertyString("transport"));

            // A browser that starts after the change sees the new port under the same name (a browser that had
            // cached the old SRV record may keep it until jmdns's reaper runs: this is about the announcement).
            announcement.port = 17452;
            registration.setProperties(new Hashtable<>(Map.of("revision", 2)));
            JmDNS later = JmDNS.create(InetAddress.getByName("127.0.0.1"), "whiteboard-it-later");
            try {
                Seen changed = new Seen();
                later.addServiceListener("_oscjson._tcp.local.", changed);
                Eventually.await(WAIT, "the announcement with its new port", () -> port(changed) == 17452);
                assertEquals(java.util.Set.of("Whiteboard IT OSCQuery"), changed.resolved.keySet());

                registration.unregister();
                Eventually.await(WAIT, "the announcement withdrawn", changed.resolved::isEmpty);
                assertEquals(true, clasp.resolved.containsKey("Whiteboard IT"));
            } finally {
                laterClosed = closing(later);   // jmdns takes seconds to close: both browsers close side by side
            }
        } finally {
            browser.close();
            laterClosed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static CompletableFuture<Void> closing(JmDNS jmdns) {
        return CompletableFuture.runAsync(() -> {
            try {
                jmdns.close();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static int port(Seen seen) {
        ServiceInfo info = seen.resolved.get("Whiteboard IT OSCQuery");
        return info == null ? -1 : info.getPort();
    }
}
