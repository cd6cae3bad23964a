package io.millrace.firehose.op;

import io.millrace.protocol.error.ApiException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An operation whose answer is ready when {@link #call} returns: everything but the durable puts. */
interface SyncFirehoseOperation<I, O> extends FirehoseOperation<I, O> {

    O call(I request, FirehoseContext context);

    @Override
    default CompletionStage<O> execute(I request, FirehoseContext context) {
        try {
            return CompletableFuture.completedFuture(call(request, context));
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
