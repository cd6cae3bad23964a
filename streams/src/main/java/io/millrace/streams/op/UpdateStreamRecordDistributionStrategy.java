package io.millrace.streams.op;

import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateStreamRecordDistributionStrategy.html">
 * UpdateStreamRecordDistributionStrategy</a> (reference 9.3): switches how an ACTIVE or UPDATING stream places
 * records, at once and for records that arrive afterwards only; stored records keep their shards. AUTO needs an
 * ON_DEMAND stream. Thread-safe.
 */
public final class UpdateStreamRecordDistributionStrategy
        implements SyncOperation<UpdateStreamRecordDistributionStrategyRequest, Void> {
    private final StreamRegistry streams;

    UpdateStreamRecordDistributionStrategy(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public Void call(UpdateStreamRecordDistributionStrategyRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(null, request.streamARN(), context.accountId(), context.region());
        RecordDistributionStrategy strategy = request.recordDistributionStrategy();
        streams.update(key, metadata -> {
            StreamErrors.checkChangeable(metadata);
            if (strategy == RecordDistributionStrategy.AUTO && metadata.mode() != StreamMode.ON_DEMAND) {
                throw CreateStream.autoNeedsOnDemand();
            }
            return metadata.withDistributionStrategy(strategy);
        });
        return null;
    }
}
