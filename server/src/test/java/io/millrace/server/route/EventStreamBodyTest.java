package io.millrace.server.route;

import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.protocol.codec.WireFormat;
import io.millrace.protocol.error.KinesisError;
import io.millrace.protocol.eventstream.EventStreamDecoder;
import io.millrace.protocol.eventstream.EventStreamMessage;
import io.millrace.streams.model.SubscribeToShardEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamBodyTest {
    private static final SubscribeToShardEvent IDLE = new SubscribeToShardEvent(List.of(), "49", 0, null);

    /** Emits its events against demand, then fails with {@code failure} if one is set. */
    private static final class Events implements Flow.Publisher<Object> {
        private final List<Object> pending;
        private final Throwable failure;
        long requested;

        Events(List<Object> events, Throwable failure) {
            this.pending = new ArrayList<>(events);
            this.failure = failure;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Object> s) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requested += n;
                    while (requested > 0 && !pending.isEmpty()) {
                        requested--;
                        s.onNext(pending.remove(0));
                    }
                    if (pending.isEmpty() && failure != null) {
                        s.onError(failure);
                    }
                }

                @Override
                public void cancel() {
                }
            });
        }
    }

    private static final class Frames implements Flow.Subscriber<byte[]> {
        final List<EventStreamMessage> messages = new ArrayList<>();
        Flow.Subscription subscription;
        boolean isComplete;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(byte[] frame) {
            messages.add(EventStreamDecoder.decode(frame));
        }

        @Override
        public void onError(Throwable failure) {
            throw new AssertionError(failure);
        }

        @Override
        public void onComplete() {
            isComplete = true;
        }
    }

    @Test
    void theInitialResponseComesFirstAndTakesOneUnitOfDemand() {
        Events events = new Events(List.of(IDLE), null);
        Frames frames = subscribe(events, WireFormat.JSON);
        frames.subscription.request(1);
        assertThat(frames.messages).hasSize(1);
        assertThat(events.requested).isZero();
        EventStreamMessage initial = frames.messages.get(0);
        assertThat(initial.header(EventStreamMessage.EVENT_TYPE)).isEqualTo("initial-response");
        assertThat(new String(initial.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");

        frames.subscription.request(1);
        EventStreamMessage event = frames.messages.get(1);
        assertThat(event.header(EventStreamMessage.EVENT_TYPE)).isEqualTo("SubscribeToShardEvent");
        assertThat(event.header(EventStreamMessage.MESSAGE_TYPE)).isEqualTo("event");
        assertThat(new String(event.payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"Records\":[],\"ContinuationSequenceNumber\":\"49\",\"MillisBehindLatest\":0}");
    }

    @Test
    void cborRequestsGetCborPayloads() {
        Frames frames = subscribe(new Events(List.of(IDLE), null), WireFormat.CBOR);
        frames.subscription.request(2);
        assertThat(frames.messages.get(0).payload()).containsExactly((byte) 0xA0);
        assertThat(frames.messages.get(1).header(EventStreamMessage.CONTENT_TYPE))
                .isEqualTo("application/x-amz-cbor-1.1");
    }

    @Test
    void anErrorBecomesAModelledExceptionEventAndTheBodyEnds() {
        Frames frames = subscribe(new Events(List.of(),
                KinesisError.RESOURCE_IN_USE.exception("taken over")), WireFormat.JSON);
        frames.subscription.request(2);
        EventStreamMessage exception = frames.messages.get(1);
        assertThat(exception.header(EventStreamMessage.MESSAGE_TYPE)).isEqualTo("exception");
        assertThat(exception.header(EventStreamMessage.EXCEPTION_TYPE)).isEqualTo("ResourceInUseException");
        assertThat(new String(exception.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"taken over\"}");
        assertThat(frames.isComplete).isTrue();
    }

    @Test
    void anInternalFailureUsesTheEventStreamsName() {
        Frames frames = subscribe(new Events(List.of(), new IllegalStateException("bug")), WireFormat.JSON);
        frames.subscription.request(2);
        assertThat(frames.messages.get(1).header(EventStreamMessage.EXCEPTION_TYPE))
                .isEqualTo("InternalFailureException");
    }

    private static Frames subscribe(Events events, WireFormat format) {
        Frames frames = new Frames();
        new EventStreamBody(events, KinesisProtocol.kinesis(), format).subscribe(frames);
        return frames;
    }
}
