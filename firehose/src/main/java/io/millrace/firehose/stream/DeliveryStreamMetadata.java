package io.millrace.firehose.stream;

import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.source.KinesisSourceSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything persisted about one delivery stream, as JSON in the metadata store. {@code logKey} names its buffer log
 * and is unique per creation, so a re-created stream of the same name never sees the old one's records.
 * {@code versionId} starts at 1 and grows by one per successful UpdateDestination. Tags keep insertion order.
 * {@code kinesisSource} is set exactly for {@code KinesisStreamAsSource} streams.
 */
public record DeliveryStreamMetadata(String accountId, String region, String name, String logKey,
                                     String deliveryStreamType, long versionId, long createTimestampMs,
                                     long lastUpdateTimestampMs, Integer throughputHintInMBs,
                                     S3Settings destination, Map<String, String> tags,
                                     KinesisSourceSettings kinesisSource) {

    public static final String DESTINATION_ID = "destinationId-000000000001";

    public DeliveryStreamMetadata {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A DirectPut stream (no source to read). */
    public DeliveryStreamMetadata(String accountId, String region, String name, String logKey,
                                  String deliveryStreamType, long versionId, long createTimestampMs,
                                  long lastUpdateTimestampMs, Integer throughputHintInMBs, S3Settings destination,
                                  Map<String, String> tags) {
        this(accountId, region, name, logKey, deliveryStreamType, versionId, createTimestampMs, lastUpdateTimestampMs,
                throughputHintInMBs, destination, tags, null);
    }

    public DeliveryStreamKey key() {
        return new DeliveryStreamKey(accountId, region, name);
    }

    public String arn() {
        return "arn:aws:firehose:" + region + ":" + accountId + ":deliverystream/" + name;
    }

    /** The next version: a new destination configuration, the version id bumped. */
    public DeliveryStreamMetadata withDestination(S3Settings settings, long nowMs) {
        return new DeliveryStreamMetadata(accountId, region, name, logKey, deliveryStreamType, versionId + 1,
                createTimestampMs, nowMs, throughputHintInMBs, settings, tags, kinesisSource);
    }

    public DeliveryStreamMetadata withTags(Map<String, String> newTags) {
        return new DeliveryStreamMetadata(accountId, region, name, logKey, deliveryStreamType, versionId,
                createTimestampMs, lastUpdateTimestampMs, throughputHintInMBs, destination, newTags, kinesisSource);
    }
}
