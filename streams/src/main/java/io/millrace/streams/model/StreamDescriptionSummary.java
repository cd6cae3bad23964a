package io.millrace.streams.model;

import java.time.Instant;
import java.util.List;

/** Model shape {@code StreamDescriptionSummary}. {@code StreamId} is deliberately absent (see reference 1.6). */
public record StreamDescriptionSummary(String streamName, String streamARN, StreamStatus streamStatus,
        StreamModeDetails streamModeDetails, Integer retentionPeriodHours, Instant streamCreationTimestamp,
        List<EnhancedMetrics> enhancedMonitoring, EncryptionType encryptionType, String keyId, Integer openShardCount,
        Integer consumerCount, Integer maxRecordSizeInKiB, RecordDistributionStrategy recordDistributionStrategy,
        WarmThroughputObject warmThroughput, Integer channelCount) {
}
