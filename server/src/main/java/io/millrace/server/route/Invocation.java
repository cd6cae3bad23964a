package io.millrace.server.route;

import io.millrace.streams.op.Operation;
import io.millrace.streams.op.OperationTable;
import io.millrace.streams.op.RequestContext;

import java.util.concurrent.CompletionStage;

/** Calls a table entry's operation with a request already bound to the entry's request type. */
final class Invocation {
    private Invocation() {
    }

    static CompletionStage<?> invoke(OperationTable.Entry<?, ?> entry, Object request, RequestContext context) {
        return call(entry, request, context);
    }

    private static <I, O> CompletionStage<O> call(OperationTable.Entry<I, O> entry, Object request,
                                                  RequestContext context) {
        Operation<I, O> operation = entry.operation();
        return operation.execute(entry.requestType().cast(request), context);
    }
}
