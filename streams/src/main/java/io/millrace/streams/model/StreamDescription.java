package io.millrace.streams.model;

import java.time.Instant;
import java.util.List;

/** Model shape {@code StreamDescription} (DescribeStream). */
public record StreamDescription(String streamName, String streamARN, StreamStatus streamStatus,
        StreamModeDetails streamModeDetails,
        List<Shard> shards, Boolean hasMoreShards, Integer retentionPeriodHours, Instant streamCreationTimestamp,
        List<EnhancedMetrics> enhancedMonitoring, EncryptionType encryptionType, String keyId) {
}
