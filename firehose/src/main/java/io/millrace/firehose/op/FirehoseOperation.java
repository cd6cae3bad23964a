package io.millrace.firehose.op;

import java.util.concurrent.CompletionStage;

/**
 * One Firehose operation. Implementations throw {@link io.millrace.protocol.error.ApiException} (directly or through
 * the returned stage) and nothing else. Operations without output return an empty record, which encodes as
 * {@code {}} as Firehose answers.
 *
 * @param <I> the request record, bound from the validated request body
 * @param <O> the response record
 */
public interface FirehoseOperation<I, O> {

    CompletionStage<O> execute(I request, FirehoseContext context);
}
