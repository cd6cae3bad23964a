package io.millrace.server.it;

import io.millrace.protocol.eventstream.EventStreamDecoder;
import io.millrace.protocol.eventstream.EventStreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SubscribeToShard end to end with the AWS SDK for Java v2 async client, over h2c and TLS, in CBOR and JSON mode:
 * the event stream the SDK parses, records pushed as they are written, resuming from the continuation number, and
 * the five-second rule.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubscribeToShardIT {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static final long WAIT_SECONDS = 10;

    private final List<Subscription> open = new ArrayList<>();
    private KinesisAsyncClient client;

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of("h2c", false), Arguments.of("h2c", true),
                Arguments.of("tls", false), Arguments.of("tls", true));
    }

    @AfterEach
    void close() {
        open.forEach(Subscription::cancel);
        if (client != null) {
            client.close();
        }
    }

    @ParameterizedTest(name = "{0}, cbor={1}")
    @MethodSource("modes")
    void recordsPutAfterSubscribingArriveAndAResubscriptionContinuesWithoutGapOrDuplicate(String transport,
                                                                                           boolean cbor) {
        Fixture f = fixture(transport, cbor);
        Events first = subscribe(f, StartingPosition.builder().type(ShardIteratorType.LATEST).build()).join();
        put(f, "one", "two", "three");
        List<Record> received = first.awaitRecords(3);
        assertThat(data(received)).containsExactly("one", "two", "three");
        String continuation = first.lastContinuation;
        assertThat(continuation).isEqualTo(received.get(2).sequenceNumber());

        first.subscription.cancel();
        put(f, "four", "five");
        Events second = subscribeRetryingWhileInUse(f, StartingPosition.builder()
                .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(continuation).build());
        assertThat(data(second.awaitRecords(2))).containsExactly("four", "five");
        put(f, "six");
        assertThat(data(second.awaitRecords(1))).containsExactly("six");
    }

    @ParameterizedTest(name = "{0}, cbor={1}")
    @MethodSource("modes")
    void aSecondSubscriptionWithinFiveSecondsIsResourceInUse(String transport, boolean cbor) {
        Fixture f = fixture(transport, cbor);
        subscribe(f, StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build()).join();
        assertThatThrownBy(() -> subscribe(f, StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON)
                .build()).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Another active subscription exists for this consumer: ");
    }

    @ParameterizedTest(name = "{0}, cbor={1}")
    @MethodSource("modes")
    void deregisteringTheConsumerEndsTheStreamWithAnExceptionEventTheSdkSurfaces(String transport, boolean cbor) {
        Fixture f = fixture(transport, cbor);
        Events events = subscribe(f, StartingPosition.builder().type(ShardIteratorType.LATEST).build()).join();
        f.client().deregisterStreamConsumer(b -> b.consumerARN(f.consumerArn())).join();
        Throwable failure = events.failure.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        assertThat(failure).isInstanceOf(software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException.class)
                .hasMessageStartingWith("Consumer " + f.consumerArn() + " was deregistered.");
    }

    @ParameterizedTest(name = "{0}, cbor={1}")
    @MethodSource("modes")
    void aSplitEndsTheParentSubscriptionWithItsChildShardsAndTheChildrenCarryOn(String transport, boolean cbor) {
        Fixture f = fixture(transport, cbor);
        Events parent = subscribe(f, StartingPosition.builder().type(ShardIteratorType.LATEST).build()).join();
        put(f, "before-1", "before-2");
        assertThat(data(parent.awaitRecords(2))).containsExactly("before-1", "before-2");

        String middle = java.math.BigInteger.TWO.pow(127).toString();
        f.client().splitShard(b -> b.streamName(f.stream()).shardToSplit(f.shardId()).newStartingHashKey(middle))
                .join();
        parent.completed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        assertThat(parent.childShards).extracting(ChildShard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(parent.childShards).allSatisfy(child ->
                assertThat(child.parentShards()).containsExactly(f.shardId()));
        assertThat(parent.records).as("nothing after the parent's end").isEmpty();

        putWithHashKey(f, "0", "low-1");
        putWithHashKey(f, middle, "high-1");
        StartingPosition fromStart = StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build();
        Events low = subscribe(f, "shardId-000000000001", fromStart).join();
        Events high = subscribe(f, "shardId-000000000002", fromStart).join();
        assertThat(data(low.awaitRecords(1))).containsExactly("low-1");
        assertThat(data(high.awaitRecords(1))).containsExactly("high-1");
    }

    @org.junit.jupiter.api.Test
    void http11ClientsGetTheSameEventStreamChunked() throws Exception {
        Fixture f = fixture("h2c", false);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String body = "{\"ConsumerARN\":\"" + f.consumerArn() + "\",\"ShardId\":\"" + f.shardId()
                + "\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}";
        put(f, "one");
        java.net.http.HttpResponse<java.io.InputStream> response = http.send(java.net.http.HttpRequest.newBuilder(
                        SERVER.httpEndpoint())
                .header("X-Amz-Target", "Kinesis_20131202.SubscribeToShard")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
        try (java.io.InputStream in = response.body()) {
            EventStreamDecoder decoder = new EventStreamDecoder();
            EventStreamMessage initial = next(decoder, in);
            assertThat(initial.header(EventStreamMessage.EVENT_TYPE)).isEqualTo("initial-response");
            assertThat(new String(initial.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
            EventStreamMessage event = next(decoder, in);
            assertThat(event.header(EventStreamMessage.EVENT_TYPE)).isEqualTo("SubscribeToShardEvent");
            assertThat(event.header(EventStreamMessage.CONTENT_TYPE)).isEqualTo("application/x-amz-json-1.1");
            assertThat(new String(event.payload(), StandardCharsets.UTF_8))
                    .contains("\"Data\":\"b25l\"", "\"ContinuationSequenceNumber\":", "\"MillisBehindLatest\":0");
        }
    }

    private static EventStreamMessage next(EventStreamDecoder decoder, java.io.InputStream in)
            throws java.io.IOException {
        byte[] buffer = new byte[4096];
        while (true) {
            java.util.Optional<EventStreamMessage> message = decoder.poll();
            if (message.isPresent()) {
                return message.get();
            }
            int read = in.read(buffer);
            assertThat(read).as("bytes before the end of the body").isPositive();
            decoder.feed(java.util.Arrays.copyOf(buffer, read));
        }
    }

    private record Fixture(KinesisAsyncClient client, String stream, String consumerArn, String shardId) {
    }

    private Fixture fixture(String transport, boolean cbor) {
        URI endpoint = transport.equals("tls") ? SERVER.httpsEndpoint() : SERVER.httpEndpoint();
        client = Clients.async(endpoint, cbor);
        String stream = "efo-" + STREAMS.incrementAndGet();
        client.createStream(b -> b.streamName(stream).shardCount(1)).join();
        String streamArn = client.describeStreamSummary(b -> b.streamName(stream)).join()
                .streamDescriptionSummary().streamARN();
        var consumer = client.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app")).join()
                .consumer();
        assertThat(consumer.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(client.describeStreamSummary(b -> b.streamName(stream)).join()
                .streamDescriptionSummary().consumerCount()).isEqualTo(1);
        return new Fixture(client, stream, consumer.consumerARN(), "shardId-000000000000");
    }

    private static void put(Fixture f, String... data) {
        for (String d : data) {
            f.client().putRecord(b -> b.streamName(f.stream()).partitionKey("k")
                    .data(SdkBytes.fromUtf8String(d))).join();
        }
    }

    private static void putWithHashKey(Fixture f, String explicitHashKey, String data) {
        f.client().putRecord(b -> b.streamName(f.stream()).partitionKey("k").explicitHashKey(explicitHashKey)
                .data(SdkBytes.fromUtf8String(data))).join();
    }

    /** A freshly cancelled subscription may still be live on the server for a moment; KCL retries the same way. */
    private Events subscribeRetryingWhileInUse(Fixture f, StartingPosition start) {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            try {
                return subscribe(f, start).join();
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof ResourceInUseException) || System.nanoTime() > deadlineNs) {
                    throw e;
                }
            }
        }
    }

    /** Completes once the SDK saw the initial response and the first event, or fails with the call's error. */
    private CompletableFuture<Events> subscribe(Fixture f, StartingPosition start) {
        return subscribe(f, f.shardId(), start);
    }

    private CompletableFuture<Events> subscribe(Fixture f, String shardId, StartingPosition start) {
        Events events = new Events();
        CompletableFuture<Events> ready = new CompletableFuture<>();
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onError(ready::completeExceptionally)
                .onEventStream(publisher -> publisher.subscribe(events.subscriber(ready, open)))
                .build();
        CompletableFuture<Void> call = f.client().subscribeToShard(SubscribeToShardRequest.builder()
                .consumerARN(f.consumerArn()).shardId(shardId).startingPosition(start).build(), handler);
        call.whenComplete((ignored, failure) -> {
            if (failure != null) {
                ready.completeExceptionally(failure instanceof CompletionException ? failure
                        : new CompletionException(failure));
            }
        });
        return ready.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static List<String> data(List<Record> records) {
        return records.stream().map(r -> r.data().asString(StandardCharsets.UTF_8)).toList();
    }

    /** What one subscription received; requests one event at a time, as KCL does. */
    private static final class Events {
        final BlockingQueue<Record> records = new LinkedBlockingQueue<>();
        volatile String lastContinuation;
        volatile Subscription subscription;
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        final CompletableFuture<Void> completed = new CompletableFuture<>();
        volatile List<ChildShard> childShards = List.of();

        Subscriber<SubscribeToShardEventStream> subscriber(CompletableFuture<Events> ready, List<Subscription> open) {
            return new Subscriber<>() {
                @Override
                public void onSubscribe(Subscription s) {
                    subscription = s;
                    synchronized (open) {
                        open.add(s);
                    }
                    s.request(1);
                }

                @Override
                public void onNext(SubscribeToShardEventStream item) {
                    if (item instanceof SubscribeToShardEvent event) {
                        // Continuation first: a test that has taken the last record must see its continuation.
                        lastContinuation = event.continuationSequenceNumber();
                        records.addAll(event.records());
                        if (event.hasChildShards() && !event.childShards().isEmpty()) {
                            childShards = event.childShards();
                        }
                        ready.complete(Events.this);
                    }
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable t) {
                    failure.complete(t);
                    ready.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    completed.complete(null);
                }
            };
        }

        List<Record> awaitRecords(int count) {
            List<Record> taken = new ArrayList<>();
            try {
                while (taken.size() < count) {
                    Record next = records.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                    assertThat(next).as("record %d of %d", taken.size() + 1, count).isNotNull();
                    taken.add(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertThat(records).as("records beyond the %d expected", count).isEmpty();
            return taken;
        }
    }
}
