package io.millrace.streams.op;

import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateMaxRecordSize.html">
 * UpdateMaxRecordSize</a>: sets the largest record (data plus partition key) an ACTIVE stream accepts, from the next
 * put on. The model's range check (1024–10240 KiB) has already run. Thread-safe.
 */
public final class UpdateMaxRecordSize implements SyncOperation<UpdateMaxRecordSizeRequest, Void> {
    private final StreamRegistry streams;

    UpdateMaxRecordSize(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public Void call(UpdateMaxRecordSizeRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(null, request.streamARN(), context.accountId(), context.region());
        streams.update(key, metadata -> StreamUpdates.requireActive(metadata)
                .withMaxRecordSizeKiB(request.maxRecordSizeInKiB()));
        return null;
    }
}
