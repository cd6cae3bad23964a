package io.millrace.streams.op;

import io.millrace.log.StorageException;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where storage faults become {@code InternalFailure} (a missing encryption key:
 * {@code KMSNotFoundException}): wraps every operation of the table and maps a
 * {@link StorageException}, thrown or completing the returned stage, to an {@link ApiException}. Each distinct
 * fault is logged the first time and then counted, so a failing disk does not flood the log. Thread-safe.
 */
public final class StorageFaultBoundary<I, O> implements Operation<I, O> {
    private static final Logger LOG = LoggerFactory.getLogger(StorageFaultBoundary.class);
    private static final int MAX_DISTINCT = 1_000;
    private static final ConcurrentHashMap<String, LongAdder> SEEN = new ConcurrentHashMap<>();

    private final Operation<I, O> delegate;

    private StorageFaultBoundary(Operation<I, O> delegate) {
        this.delegate = delegate;
    }

    public static <I, O> Operation<I, O> wrap(Operation<I, O> operation) {
        return new StorageFaultBoundary<>(operation);
    }

    @Override
    public CompletionStage<O> execute(I request, RequestContext context) {
        CompletionStage<O> stage;
        try {
            stage = delegate.execute(request, context);
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(internalFailure(e));
        }
        CompletableFuture<O> result = new CompletableFuture<>();
        stage.whenComplete((response, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null) {
                result.complete(response);
            } else {
                result.completeExceptionally(cause instanceof StorageException e ? internalFailure(e) : cause);
            }
        });
        return result;
    }

    private static ApiException internalFailure(StorageException e) {
        String signature = e.kind() + ": " + e.getMessage();
        // Bounded: past MAX_DISTINCT signatures, new kinds of faults are logged each time rather than remembered.
        LongAdder count = SEEN.size() < MAX_DISTINCT
                ? SEEN.computeIfAbsent(signature, k -> new LongAdder()) : SEEN.getOrDefault(signature, new LongAdder());
        count.increment();
        if (count.sum() == 1) {
            LOG.error("Storage fault (later identical faults are only counted): {}", signature, e);
        }
        if (e.kind() == StorageException.Kind.KEY_UNAVAILABLE) {
            // Data encrypted under a key the key ring no longer has is KMS's failure at AWS, not the server's.
            // [UNVERIFIED] AWS's text.
            return KinesisError.KMS_NOT_FOUND.exception("The KMS key used to encrypt this stream's data was not "
                    + "found.");
        }
        return KinesisError.INTERNAL_FAILURE.exception("Internal Service Failure");
    }
}
