package io.millrace.protocol.codec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test-only request and response records following the binding convention of {@link KinesisProtocol}. */
final class WireRecords {
    private WireRecords() {
    }

    record PutRecordsRequestEntry(byte[] data, String explicitHashKey, String partitionKey) {
    }

    record PutRecordsRequest(List<PutRecordsRequestEntry> records, String streamName, String streamARN,
                             Boolean dryRun) {
    }

    enum ShardIteratorType { AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP }

    record GetShardIteratorRequest(String streamName, String shardId, ShardIteratorType shardIteratorType,
                                   String startingSequenceNumber, Instant timestamp, String streamARN) {
    }

    enum StreamMode { PROVISIONED, ON_DEMAND }

    record StreamModeDetails(StreamMode streamMode) {
    }

    record CreateStreamRequest(String streamName, Integer shardCount, StreamModeDetails streamModeDetails,
                               Map<String, String> tags) {
    }

    record Record(String sequenceNumber, Instant approximateArrivalTimestamp, byte[] data, String partitionKey,
                  String encryptionType) {
    }

    record ChildShard(String shardId, List<String> parentShards) {
    }

    record GetRecordsResponse(List<Record> records, String nextShardIterator, Long millisBehindLatest,
                              List<ChildShard> childShards) {
    }
}
