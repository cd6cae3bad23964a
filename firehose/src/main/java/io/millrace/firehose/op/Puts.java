package io.millrace.firehose.op;

import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import io.millrace.log.AppendResult;
import io.millrace.log.StorageException;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;
import io.millrace.protocol.error.KinesisError;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What PutRecord and PutRecordBatch share: the stream lookup, the buffer cap, the durable append and record ids.
 * A put is answered only after its records are as durable as the store promises, so an acknowledged record survives
 * a crash and is then delivered at least once. Thread-safe.
 */
final class Puts {
    /** [UNVERIFIED] AWS's throttling text. */
    static final String SLOW_DOWN = "Slow down.";
    private static final int RECORD_ID_BYTES = 42;

    private final DeliveryStreamRegistry registry;
    private final Clock clock;
    private final long maxBufferedBytes;

    Puts(DeliveryStreamRegistry registry, Clock clock, long maxBufferedBytes) {
        this.registry = registry;
        this.clock = clock;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /** The stream, which must take direct puts: a stream reading a source refuses them, as in AWS. */
    DeliveryStream stream(FirehoseContext context, String name) {
        DeliveryStream stream = registry.require(new DeliveryStreamKey(context.accountId(), context.region(), name));
        String type = stream.metadata().deliveryStreamType();
        if (!CreateDeliveryStream.DIRECT_PUT.equals(type)) {
            // [UNVERIFIED] the wording AWS is reported to use.
            throw FirehoseError.INVALID_ARGUMENT.exception("This operation is not permitted on " + type
                    + " delivery stream type.");
        }
        return stream;
    }

    /** Whether {@code bytes} more would push the stream's undelivered bytes past the cap (back-pressure). */
    boolean isFull(DeliveryStream stream, long bytes) {
        return stream.buffer().pendingBytes() + bytes > maxBufferedBytes;
    }

    /** The key records put now are encrypted at rest with, or null (also: whether the put reports Encrypted). */
    String keyFor(DeliveryStream stream) {
        return stream.encryption().keyIdAt(clock.millis());
    }

    /** Appends and completes with the records' ids once they are durable; storage faults fail the stage. */
    CompletionStage<List<String>> append(DeliveryStream stream, List<byte[]> records) {
        return append(stream, records, keyFor(stream));
    }

    /** As {@link #append(DeliveryStream, List)}, encrypting with {@code keyId} unless it is null. */
    CompletionStage<List<String>> append(DeliveryStream stream, List<byte[]> records, String keyId) {
        AppendResult result;
        try {
            result = stream.buffer().append(records, clock.millis(), keyId);
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(storageFault());
        }
        return result.durable().handle((ignored, failure) -> {
            if (failure != null) {
                throw storageFault();
            }
            return records.stream().map(r -> newRecordId()).toList();
        });
    }

    /** A storage fault is the server's failure, as Kinesis reports it: InternalFailure, which SDKs retry. */
    static ApiException storageFault() {
        return KinesisError.INTERNAL_FAILURE.withoutMessage();
    }

    static ApiException slowDown() {
        return FirehoseError.SERVICE_UNAVAILABLE.exception(SLOW_DOWN);
    }

    /** Opaque and unique; AWS's ids are long base64-looking strings [format UNVERIFIED]. */
    static String newRecordId() {
        byte[] bytes = new byte[RECORD_ID_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
