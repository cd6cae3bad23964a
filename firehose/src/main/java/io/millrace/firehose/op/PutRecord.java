package io.millrace.firehose.op;

import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamRegistry;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecord.html">PutRecord</a>: one record
 * (up to 1,000 KiB, checked by the model) into the stream's durable buffer; answered once it is on disk.
 */
final class PutRecord implements FirehoseOperation<PutRecordRequest, PutRecordResponse> {
    private final Puts puts;

    PutRecord(DeliveryStreamRegistry registry, Clock clock, long maxBufferedBytes) {
        this.puts = new Puts(registry, clock, maxBufferedBytes);
    }

    @Override
    public CompletionStage<PutRecordResponse> execute(PutRecordRequest request, FirehoseContext context) {
        try {
            DeliveryStream stream = puts.stream(context, request.deliveryStreamName());
            byte[] data = request.record().data();
            if (puts.isFull(stream, data.length)) {
                throw Puts.slowDown();
            }
            String keyId = puts.keyFor(stream);
            return puts.append(stream, List.of(data), keyId)
                    .thenApply(ids -> new PutRecordResponse(ids.get(0), keyId != null));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
