package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.SubscribeOptions;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each subscription keeps its SUBSCRIBE options and counts what it was sent; only one with options keeps state per address. */
class SubscriptionStateTest extends RouterTestSupport {
    private Session session(TestClient c) {
        for (Session s : router.core().sessions()) if (s.id().equals(c.session)) return s;
        throw new AssertionError("no session " + c.session);
    }

    @Test void optionsAreKeptAndDeliveriesCountedPerSubscription() {
        TestClient writer = client();
        TestClient c = client();
        SubscribeOptions options = new SubscribeOptions(30L, 0.01, 5L, 100L);
        c.send(new SubscribeMessage(7, "/s/**", Set.of(), options));
        c.send(new SubscribeMessage(8, "/s/a"));
        writer.send(new SetMessage("/s/a", Value.of(1L)));
        writer.send(new SetMessage("/s/b", Value.of(2L)));
        assertThat(c.take()).hasSize(2);   // one message each, though /s/a matches both

        SessionSubscription streamed = session(c).subscription(7);
        assertThat(streamed.pattern()).isEqualTo("/s/**");
        assertThat(streamed.options).isEqualTo(options);
        assertThat(streamed.delivered()).isEqualTo(2);
        assertThat(streamed.policy.addresses()).isEqualTo(2);   // state for each address it was offered

        SessionSubscription plain = session(c).subscription(8);
        assertThat(plain.options).isNull();
        assertThat(plain.delivered()).isEqualTo(1);
        assertThat(plain.policy).isNull();   // nothing kept per address without options
    }

    @Test void resubscribingWithTheSameIdReplacesTheSubscriptionAndItsOptions() {
        TestClient writer = client();
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/r/**", Set.of(), new SubscribeOptions(10L, null, null, null)));
        c.send(new SubscribeMessage(1, "/q/**"));
        writer.send(new SetMessage("/r/x", Value.of(1L)));
        writer.send(new SetMessage("/q/x", Value.of(1L)));
        assertThat(c.take()).containsExactly(new SetMessage("/q/x", Value.of(1L), 1L));
        assertThat(session(c).subscription(1).options).isNull();
        assertThat(session(c).subscriptionCount()).isEqualTo(1);
    }
}
