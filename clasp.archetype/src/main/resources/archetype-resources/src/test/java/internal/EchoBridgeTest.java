package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.SetMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge driven through an in-memory {@link FakeContext}, as the router would drive it. */
class EchoBridgeTest {
    private final FakeContext context = new FakeContext();

    @AfterEach
    void stopTheContext() { context.stop(); }

    @Test
    void openSubscribesToInAndReportsOnline() throws Exception {
        new EchoBridge("/${protocol}").open(context);
        assertEquals("/${protocol}/demo/in", context.subscribed);
        assertEquals(Set.of(SignalType.PARAM), context.subscribedTypes);
        assertEquals(List.of("ONLINE: echoing /${protocol}/demo/in to /${protocol}/demo/out"), context.statuses);
    }

    @Test
    void everyValueWrittenToInIsWrittenToOut() throws Exception {
        new EchoBridge("/${protocol}").open(context);
        context.clientSets("/${protocol}/demo/in", Value.of(1.5));
        context.clientSets("/${protocol}/demo/in", Value.of("two"));
        assertEquals(List.of(new SetMessage("/${protocol}/demo/out", Value.of(1.5)),
                new SetMessage("/${protocol}/demo/out", Value.of("two"))), context.written);
    }

    @Test
    void aRefusedWriteIsReportedAndTheNextValueStillEchoes() throws Exception {
        new EchoBridge("/${protocol}").open(context);
        context.locked.add("/${protocol}/demo/out");
        context.clientSets("/${protocol}/demo/in", Value.of(1L));
        assertEquals("ONLINE: echoed 0; last write refused: locked by another session", context.statuses.get(1));
        context.locked.clear();
        context.clientSets("/${protocol}/demo/in", Value.of(2L));
        assertEquals(List.of(new SetMessage("/${protocol}/demo/out", Value.of(2L))), context.written);
    }

    @Test
    void aBadPrefixFallsBackToTheDefaultAndSaysSo() throws Exception {
        new EchoBridge("${protocol}/").open(context);
        assertEquals("/${protocol}/demo/in", context.subscribed);
        assertTrue(context.statuses.get(0).endsWith("(prefix '${protocol}/' is not an address prefix: /${protocol} used)"),
                context.statuses.get(0));
    }

    @Test
    void closeUnsubscribesAndIsSafeAfterAFailedOpen() throws Exception {
        EchoBridge bridge = new EchoBridge("/${protocol}");
        bridge.open(context);
        bridge.close();
        assertTrue(context.unsubscribed);
        assertNull(context.listener);
        new EchoBridge("/${protocol}").close(); // never opened
    }
}
