package io.millrace.log;

import java.util.concurrent.CompletableFuture;

/**
 * Outcome of {@link ShardLog#append}: a future that completes, once the batch is durable, with where its records
 * landed (positions and arrival times), or exceptionally with a {@link StorageException} if it can never be.
 * Positions and arrival times come with durability because a remote log (Kafka) learns them only from the
 * broker's acknowledgement, and several writers may share one log.
 *
 * <p>A log that assigns positions when it accepts the batch (local, in-memory) also says so in {@link #assigned()},
 * so that callers can prepare their answers (sequence numbers) on their own thread while the batch is being made
 * durable, instead of on the thread that completes durability (the local log's group committer, which forces
 * every shard's writes).
 *
 * @param assigned where the records will land, known at append time; {@code null} until durability says
 */
public record AppendResult(CompletableFuture<AppendedBatch> durable, AppendedBatch assigned) {

    /** For a log that learns positions only when the batch is durable. */
    public AppendResult(CompletableFuture<AppendedBatch> durable) {
        this(durable, null);
    }

    /**
     * For a log that assigns the contiguous positions from {@code firstPosition} and one arrival time before the
     * write: {@link #durable()} completes with them when {@code written} does.
     */
    public AppendResult(long firstPosition, long arrivalMs, CompletableFuture<Void> written) {
        this(AppendedBatch.contiguous(firstPosition, arrivalMs), written);
    }

    private AppendResult(AppendedBatch assigned, CompletableFuture<Void> written) {
        this(written.thenApply(done -> assigned), assigned);
    }
}
