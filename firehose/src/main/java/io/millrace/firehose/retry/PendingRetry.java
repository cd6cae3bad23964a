package io.millrace.firehose.retry;

/**
 * The retry state of the batch at the head of one stream's buffer: its request id (the same on every attempt), when
 * its first attempt failed, how many attempts were made, when the next may start, and the last failure.
 * {@code exhausted} means no attempt is left and only writing the error output remains.
 */
record PendingRetry(String requestId, long firstFailureMs, int attempts, long nextAttemptMs, String errorCode,
                    String lastError, boolean exhausted) {
}
