package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.router.LocalSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Local sessions run on the router's shared, configured listener threads, in order, and none outlives the router. */
class ListenerThreadsTest {
    private static Set<Thread> routerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("clasp-router-"))
                .collect(Collectors.toSet());
    }

    @Test void manyLocalSessionsShareTheConfiguredThreadsGetTheirMessagesInOrderAndLeaveNoThreadBehind() throws Exception {
        Set<Thread> before = routerThreads();
        RouterComponent router = new RouterComponent();
        router.startStandalone(TestSettings.defaults().listenerThreads(2).build());
        List<LocalSession> sessions = new ArrayList<>();
        List<List<Long>> received = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            LocalSession s = router.openSession("listener-" + i, false);
            List<Long> got = new CopyOnWriteArrayList<>();
            s.subscribe("/t/**", Set.of(), m -> got.add(((SetMessage) m).revision()));
            sessions.add(s);
            received.add(got);
        }
        try (LocalSession writer = router.openSession("writer", false)) {
            for (int i = 0; i < 200; i++) writer.set("/t/x", Value.of((long) i));
        }
        List<Long> all = LongStream.rangeClosed(1, 200).boxed().toList();
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> received.stream().allMatch(r -> r.size() == 200));
        for (List<Long> got : received) assertThat(got).isEqualTo(all);

        Set<Thread> during = routerThreads();
        during.removeAll(before);
        assertThat(during).extracting(Thread::getName)
                .allMatch(n -> n.startsWith("clasp-router-listener-") || n.startsWith("clasp-router-timer-"))
                .filteredOn(n -> n.startsWith("clasp-router-listener-")).hasSizeBetween(1, 2);

        for (LocalSession s : sessions) s.close();
        router.deactivate();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            Set<Thread> left = routerThreads();
            left.removeAll(before);
            assertThat(left).extracting(Thread::getName).as("router threads alive after deactivate").isEmpty();
        });
    }

    @Test void theListenerPoolFollowsAChangedConfiguration() throws Exception {
        RouterComponent router = new RouterComponent();
        router.startStandalone(TestSettings.defaults().listenerThreads(1).build());
        try {
            router.reconfigure(TestSettings.defaults().listenerThreads(3).build());
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(3);
            List<LocalSession> sessions = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LocalSession s = router.openSession("blocked-" + i, false);
                s.subscribe("/b", Set.of(), m -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                sessions.add(s);
            }
            try (LocalSession writer = router.openSession("writer", false)) {
                writer.set("/b", Value.of(1L));
            }
            assertThat(inside.await(60, TimeUnit.SECONDS)).as("three listeners running at once on three threads").isTrue();
            release.countDown();
            for (LocalSession s : sessions) s.close();
        } finally {
            router.deactivate();
        }
    }
}
