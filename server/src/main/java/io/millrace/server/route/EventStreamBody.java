package io.millrace.server.route;

import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.protocol.codec.WireFormat;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.protocol.eventstream.EventStreamEncoder;
import io.millrace.protocol.eventstream.EventStreamMessage;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body of an event-stream answer (reference §4.1): an {@code initial-response} event first (payload: the empty
 * output structure), then one frame per event of the operation's publisher, each encoded in the request's wire
 * format; an error from the publisher becomes a final exception event and the body then ends normally. Demand
 * passes through one for one, so the operation produces only what the transport can send.
 *
 * <p>Thread safety: single use; follows the {@link Flow} rules (signals to the subscriber never overlap).
 */
final class EventStreamBody implements Flow.Publisher<byte[]> {
    static final String INITIAL_RESPONSE = "initial-response";

    private final Flow.Publisher<?> events;
    private final KinesisProtocol protocol;
    private final WireFormat format;

    EventStreamBody(Flow.Publisher<?> events, KinesisProtocol protocol, WireFormat format) {
        this.events = events;
        this.protocol = protocol;
        this.format = format;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> downstream) {
        events.subscribe(new Framer(downstream));
    }

    private byte[] initialResponse() {
        // The empty output structure: {} in JSON, the definite-length empty map 0xA0 in CBOR.
        byte[] empty = format == WireFormat.CBOR
                ? new byte[] {(byte) 0xA0} : "{}".getBytes(StandardCharsets.US_ASCII);
        return EventStreamEncoder.encode(EventStreamMessage.event(INITIAL_RESPONSE, format.contentType(), empty));
    }

    private byte[] event(Object event) {
        return EventStreamEncoder.encode(EventStreamMessage.event(event.getClass().getSimpleName(),
                format.contentType(), protocol.encodeResponse(event, format)));
    }

    private byte[] exception(Throwable failure) {
        ApiException error = failure instanceof ApiException api
                ? api : KinesisError.INTERNAL_FAILURE.exception("Internal Service Failure");
        // The event stream's union names the internal failure InternalFailureException, unlike the error body.
        String type = error.error() == KinesisError.INTERNAL_FAILURE
                ? "InternalFailureException" : error.error().type();
        String message = error.wireMessage() == null ? "" : error.wireMessage();
        return EventStreamEncoder.encode(EventStreamMessage.exception(type, format.contentType(),
                protocol.encodeResponse(Map.of("message", message), format)));
    }

    /** Frames the operation's events for one downstream subscriber. */
    private final class Framer implements Flow.Subscriber<Object> {
        private final Flow.Subscriber<? super byte[]> downstream;
        private final AtomicBoolean isInitialSent = new AtomicBoolean();

        Framer(Flow.Subscriber<? super byte[]> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription upstream) {
            downstream.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    long forUpstream = n;
                    if (n > 0 && isInitialSent.compareAndSet(false, true)) {
                        // Sent before any upstream demand exists, so it cannot overlap an event.
                        downstream.onNext(initialResponse());
                        forUpstream = n - 1;
                    }
                    if (forUpstream > 0 || n <= 0) {
                        upstream.request(forUpstream);
                    }
                }

                @Override
                public void cancel() {
                    upstream.cancel();
                }
            });
        }

        @Override
        public void onNext(Object event) {
            downstream.onNext(event(event));
        }

        @Override
        public void onError(Throwable failure) {
            if (isInitialSent.compareAndSet(false, true)) {
                downstream.onNext(initialResponse());
            }
            downstream.onNext(exception(failure));
            downstream.onComplete();
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }
    }
}
