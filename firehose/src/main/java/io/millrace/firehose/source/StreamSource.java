package io.millrace.firehose.source;

import java.util.Optional;

/**
 * The SPI through which a {@code KinesisStreamAsSource} delivery stream reads its Kinesis data stream (and an
 * {@code MSKAsSource} one its Kafka topic, when {@link #readsKafkaTopics()}). Firehose does
 * not depend on the streams engine: the server implements this over it. Records are named by their sequence numbers,
 * so a reader's position survives restarts and means the same thing to both sides.
 *
 * <p>Implementations must be thread-safe; Firehose calls them from its ticks thread.
 */
public interface StreamSource {

    /** Whether a stream with this ARN exists now (in any status), for CreateDeliveryStream's check. */
    boolean exists(String streamArn);

    /**
     * Whether this source also reads Kafka topics, named by {@link MskSourceSettings#sourceId} ({@code MSKAsSource});
     * false when no Kafka cluster is configured.
     */
    default boolean readsKafkaTopics() {
        return false;
    }

    /**
     * Whether topics of the MSK cluster {@code clusterArn} can be read: it is mapped to a Kafka cluster, or a
     * default cluster plays every ARN. By default, whether this source reads Kafka topics at all.
     */
    default boolean readsKafkaCluster(String clusterArn) {
        return readsKafkaTopics();
    }

    /**
     * Every shard of the stream that may still hold records, with its lineage, or empty when the stream does not
     * exist or cannot be read yet (for example while it is CREATING).
     */
    Optional<SourceStream> describe(String streamArn);

    /**
     * Records of one shard in order: those after {@code afterSequenceNumber}, or, when it is {@code null}, the first
     * that arrived at or after {@code startMs}; positions that retention has trimmed away continue at the oldest
     * record still kept. At most {@code maxRecords} records and about {@code maxBytes} bytes (at least one record
     * when any is there).
     */
    ShardRead read(String streamArn, String shardId, String afterSequenceNumber, long startMs, int maxRecords,
                   long maxBytes);
}
