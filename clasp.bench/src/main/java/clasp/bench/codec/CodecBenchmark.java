package clasp.bench.codec;

import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.EncodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link ClaspCodec} on three frames: a 45-byte SET, a PUBLISH event with a 4-entry map, and a
 * BUNDLE of 10 SETs. Encoding writes into one reused heap buffer, cleared per operation; decoding reads one
 * reused buffer per frame, rewound per operation. Results are returned, so JMH sinks them in its Blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
    private final ClaspCodec codec = ClaspCodec.defaults();
    private Frame set, publish, bundle;
    private ByteBuf setBytes, publishBytes, bundleBytes;
    private final ByteBuf out = Unpooled.buffer(1024);

    @Setup
    public void setup() throws Exception {
        set = Frame.of(new SetMessage("/test/benchmark/value", Value.of(0.75), 12_345L));

        Map<String, Value> entries = new LinkedHashMap<>();
        entries.put("x", Value.of(0.5));
        entries.put("y", Value.of(-0.25));
        entries.put("velocity", Value.of(100L));
        entries.put("label", Value.of("fader"));
        publish = Frame.of(PublishMessage.event("/test/benchmark/event", Value.of(entries)));

        List<Message> sets = new ArrayList<>();
        for (int i = 0; i < 10; i++) sets.add(new SetMessage("/mixer/ch/" + i + "/fader", Value.of(i / 10.0)));
        bundle = Frame.of(new BundleMessage(null, sets));

        setBytes = encoded(set);
        if (setBytes.readableBytes() != 45) {
            throw new IllegalStateException("SET frame is " + setBytes.readableBytes() + " bytes, expected 45");
        }
        publishBytes = encoded(publish);
        bundleBytes = encoded(bundle);
    }

    /** The frame's bytes, checked to decode back to the same frame. */
    private ByteBuf encoded(Frame frame) throws EncodeException, DecodeException {
        ByteBuf buf = Unpooled.wrappedBuffer(codec.encode(frame));
        if (!codec.decode(buf.duplicate()).equals(frame)) throw new IllegalStateException("no round trip: " + frame);
        return buf;
    }

    private ByteBuf encode(Frame frame) throws EncodeException {
        out.clear();
        codec.encode(frame, out);
        return out;
    }

    private Frame decode(ByteBuf in) throws DecodeException {
        in.readerIndex(0);
        return codec.decode(in);
    }

    @Benchmark public ByteBuf encodeSet() throws EncodeException { return encode(set); }
    @Benchmark public Frame decodeSet() throws DecodeException { return decode(setBytes); }
    @Benchmark public ByteBuf encodePublishMap() throws EncodeException { return encode(publish); }
    @Benchmark public Frame decodePublishMap() throws DecodeException { return decode(publishBytes); }
    @Benchmark public ByteBuf encodeBundle10() throws EncodeException { return encode(bundle); }
    @Benchmark public Frame decodeBundle10() throws DecodeException { return decode(bundleBytes); }
}
