package io.millrace.log;

import java.util.concurrent.CompletableFuture;

/**
 * Outcome of {@link ShardLog#append}: a future that completes, once the batch is durable, with where its records
 * landed (positions and arrival times), or exceptionally with a {@link StorageException} if it can never be.
 * Positions and arrival times come with durability because a remote log (Kafka) learns them only from the
 * broker's acknowledgement, and several writers may share one log.
 */
public record AppendResult(CompletableFuture<AppendedBatch> durable) {

    /**
     * For a log that assigns the contiguous positions from {@code firstPosition} and one arrival time before the
     * write: {@link #durable()} completes with them when {@code written} does.
     */
    public AppendResult(long firstPosition, long arrivalMs, CompletableFuture<Void> written) {
        this(written.thenApply(done -> AppendedBatch.contiguous(firstPosition, arrivalMs)));
    }
}
