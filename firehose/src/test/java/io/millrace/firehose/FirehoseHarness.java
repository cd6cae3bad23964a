package io.millrace.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.log.object.LocalObjectStore;
import io.millrace.log.object.ObjectStore;
import io.millrace.firehose.op.FirehoseContext;
import io.millrace.firehose.op.FirehoseOperation;
import io.millrace.firehose.op.FirehoseOperations;
import io.millrace.firehose.source.StreamSource;
import io.millrace.log.LogStore;
import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.protocol.codec.WireFormat;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.model.ServiceModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Runs Firehose operations as the server does, minus HTTP: JSON decoded and validated against the bundled model,
 * bound, executed against an engine on a {@link ManualClock} and an embedded S3 root in a test directory.
 */
public final class FirehoseHarness implements AutoCloseable {
    public static final FirehoseContext CONTEXT = new FirehoseContext("123456789012", "us-east-1", "request-1");
    public static final KinesisProtocol PROTOCOL = KinesisProtocol.of(ServiceModel.firehose());
    public static final Instant START = Instant.parse("2026-03-04T05:06:07.123Z");

    public final ManualClock clock;
    public final LogStore store;
    public final Path s3Root;
    public final FirehoseEngine engine;

    public FirehoseHarness(Path dir) {
        this(dir, new InMemoryLogStore(), new ManualClock(START.toEpochMilli()));
    }

    public FirehoseHarness(Path dir, LogStore store, ManualClock clock) {
        this(dir, store, clock, new LocalObjectStore(dir.resolve("s3")));
    }

    public FirehoseHarness(Path dir, LogStore store, ManualClock clock, ObjectStore objects) {
        this(dir, store, clock, objects, DestinationOptions.defaults(), null);
    }

    /** An engine whose KinesisStreamAsSource delivery streams read {@code kinesis}. */
    public FirehoseHarness(Path dir, LogStore store, ManualClock clock, StreamSource kinesis) {
        this(dir, store, clock, new LocalObjectStore(dir.resolve("s3")), DestinationOptions.defaults(), kinesis);
    }

    /** With destination options (HTTP endpoint timeout and scheme, Redshift endpoint, backoff). */
    public FirehoseHarness(Path dir, DestinationOptions options) {
        this(dir, new InMemoryLogStore(), new ManualClock(START.toEpochMilli()),
                new LocalObjectStore(dir.resolve("s3")), options, null);
    }

    public FirehoseHarness(Path dir, LogStore store, ManualClock clock, ObjectStore objects,
                           DestinationOptions options) {
        this(dir, store, clock, objects, options, null);
    }

    /** With engine settings of its own (delivery tick, Lambda endpoints). */
    public FirehoseHarness(Path dir, ObjectStore objects, FirehoseConfig config) {
        this(dir, new InMemoryLogStore(), new ManualClock(START.toEpochMilli()), objects, config,
                DestinationOptions.defaults(), null);
    }

    private FirehoseHarness(Path dir, LogStore store, ManualClock clock, ObjectStore objects,
                            DestinationOptions options, StreamSource kinesis) {
        this(dir, store, clock, objects, FirehoseConfig.defaults(), options, kinesis);
    }

    private FirehoseHarness(Path dir, LogStore store, ManualClock clock, ObjectStore objects, FirehoseConfig config,
                            DestinationOptions options, StreamSource kinesis) {
        this.clock = clock;
        this.store = store;
        this.s3Root = dir.resolve("s3");
        this.engine = new FirehoseEngine(store, objects, clock, config, options, kinesis);
    }

    /** Decodes {@code json} for {@code operation}, runs it and returns the response; ApiExceptions propagate. */
    @SuppressWarnings("unchecked")
    public <O> O call(String operation, String json) {
        FirehoseOperations.Entry<?, ?> entry = engine.operations().lookup(operation);
        JsonNode tree = PROTOCOL.decode(operation, WireFormat.JSON, json.getBytes(StandardCharsets.UTF_8));
        Object request = PROTOCOL.bind(tree, entry.requestType());
        try {
            return (O) run(entry, request);
        } catch (CompletionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw e;
        }
    }

    private static <I, O> O run(FirehoseOperations.Entry<I, O> entry, Object request) {
        FirehoseOperation<I, O> operation = entry.operation();
        return operation.execute(entry.requestType().cast(request), CONTEXT).toCompletableFuture().join();
    }

    /** The encoded JSON of a response, as the server would send it. */
    public static String json(Object response) {
        return new String(PROTOCOL.encodeResponse(response, WireFormat.JSON), StandardCharsets.UTF_8);
    }

    /** A minimal create request body for an S3 stream with the given extended-configuration members. */
    public static String createJson(String name, String extraS3Members) {
        return "{\"DeliveryStreamName\":\"" + name + "\",\"ExtendedS3DestinationConfiguration\":{"
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"" + (extraS3Members.isEmpty() ? "" : "," + extraS3Members)
                + "}}";
    }

    public void create(String name, String extraS3Members) {
        call("CreateDeliveryStream", createJson(name, extraS3Members));
    }

    public void put(String name, String text) {
        String base64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        call("PutRecord", "{\"DeliveryStreamName\":\"" + name + "\",\"Record\":{\"Data\":\"" + base64 + "\"}}");
    }

    /** Every delivered object, as paths relative to the bucket directory of {@code my-bucket}, sorted. */
    public List<Path> objects() {
        Path bucket = s3Root.resolve("my-bucket");
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).map(bucket::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String content(Path object) {
        try {
            return Files.readString(s3Root.resolve("my-bucket").resolve(object));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
