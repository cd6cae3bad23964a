package io.millrace.streams.op;

import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.StreamModeDetails;

import java.util.Map;

/** Input of CreateStream. */
public record CreateStreamRequest(String streamName, Integer shardCount, StreamModeDetails streamModeDetails,
        Map<String, String> tags, Integer warmThroughputMiBps, Integer maxRecordSizeInKiB,
        RecordDistributionStrategy recordDistributionStrategy) {
}
