package io.millrace.streams.op;

import io.millrace.protocol.error.ApiException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An operation whose answer is ready when {@link #call} returns: everything but the durable writes. */
public interface SyncOperation<I, O> extends Operation<I, O> {

    O call(I request, RequestContext context);

    @Override
    default CompletionStage<O> execute(I request, RequestContext context) {
        try {
            return CompletableFuture.completedFuture(call(request, context));
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
