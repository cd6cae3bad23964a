package io.millrace.streams.op;

import java.util.concurrent.CompletionStage;

/**
 * One Kinesis operation. Implementations throw {@link io.millrace.protocol.error.ApiException} (directly or through
 * the returned stage) and nothing else. A {@code null} response means the operation has no output shape, and the
 * server answers 200 with an empty body.
 *
 * @param <I> the request record, bound from the validated request body
 * @param <O> the response record
 */
public interface Operation<I, O> {

    CompletionStage<O> execute(I request, RequestContext context);
}
