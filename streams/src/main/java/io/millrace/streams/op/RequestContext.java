package io.millrace.streams.op;

import java.util.concurrent.Executor;

/**
 * Who is calling and where: the account and region every stream is namespaced by. The server derives them from
 * the SigV4 credential scope of the request (or the configured defaults).
 *
 * @param connectionExecutor runs tasks on the thread that serves the caller's connection (an event loop), for
 *                           short work that never blocks and ends in writing to that connection, so the write
 *                           needs no hand-off between threads; {@code null} when there is no such thread
 */
public record RequestContext(String accountId, String region, String requestId, Executor connectionExecutor) {

    /** A call with no connection thread of its own (tests, in-process callers). */
    public RequestContext(String accountId, String region, String requestId) {
        this(accountId, region, requestId, null);
    }
}
