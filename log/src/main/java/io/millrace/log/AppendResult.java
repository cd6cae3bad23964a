package io.millrace.log;

import java.util.concurrent.CompletableFuture;

/**
 * Outcome of {@link ShardLog#append}: the position of the batch's first record, the arrival time given to every
 * record of the batch, and a future that completes when the batch is durable (exceptionally with a
 * {@link StorageException} if it can never be).
 */
public record AppendResult(long firstPosition, long arrivalMs, CompletableFuture<Void> durable) {
}
