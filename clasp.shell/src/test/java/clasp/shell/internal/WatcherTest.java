package clasp.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatcherTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-04T12:00:01.234Z"), ZoneOffset.UTC);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() { return bytes.toString(StandardCharsets.UTF_8).lines().toList(); }

    @Test
    void printsTimeAddressSignalAndValueUntilTheCount() throws InterruptedException {
        Watcher w = new Watcher(10, clock);
        w.onMessage(new SetMessage("/w/a", Value.of(1.5)));
        w.onMessage(PublishMessage.event("/w/cue", Value.of("go")));
        w.onMessage(new PublishMessage("/w/hand", SignalType.GESTURE, Value.of(List.of(Value.of(0.1), Value.of(0.2))), null,
                null, 7L, GesturePhase.MOVE, null));
        w.onMessage(new PublishMessage("/w/s", SignalType.STREAM, null, new double[] {1.0, 2.5}, null, null, GesturePhase.START, 60L));

        assertThat(w.print(out, 4, () -> false)).isEqualTo(4);
        assertThat(lines()).containsExactly(
                "12:00:01.234  /w/a  param  1.5",
                "12:00:01.234  /w/cue  event  \"go\"",
                "12:00:01.234  /w/hand  gesture move #7  [0.1,0.2]",
                "12:00:01.234  /w/s  stream  [1.0,2.5]");
    }

    @Test
    void stopsWhenToldAndCountsWhatItHadToDrop() throws InterruptedException {
        Watcher w = new Watcher(1, clock);
        w.onMessage(new SetMessage("/a", Value.of(1L)));
        w.onMessage(new SetMessage("/a", Value.of(2L)));
        w.onMessage(new SetMessage("/a", Value.of(3L)));
        AtomicInteger polls = new AtomicInteger();
        assertThat(w.print(out, 0, () -> polls.incrementAndGet() > 3)).isEqualTo(1);
        assertThat(lines()).containsExactly(
                "... 2 messages dropped: the console is slower than the traffic",
                "12:00:01.234  /a  param  1");
    }

    @Test
    void anInterruptEndsIt() {
        Watcher w = new Watcher(1, clock);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> w.print(out, 0, () -> false)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
