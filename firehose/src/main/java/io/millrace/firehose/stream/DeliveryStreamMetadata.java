package io.millrace.firehose.stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.millrace.firehose.buffer.FlushPolicy;
import io.millrace.firehose.destination.http.HttpEndpointSettings;
import io.millrace.firehose.destination.redshift.RedshiftSettings;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.source.KinesisSourceSettings;
import io.millrace.firehose.source.MskSourceSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything persisted about one delivery stream, as JSON in the metadata store. {@code logKey} names its buffer log
 * and is unique per creation, so a re-created stream of the same name never sees the old one's records.
 * {@code versionId} starts at 1 and grows by one per successful UpdateDestination. Tags keep insertion order.
 * {@code kinesisSource} is set exactly for {@code KinesisStreamAsSource} streams, {@code mskSource} exactly for
 * {@code MSKAsSource} streams.
 *
 * <p>{@code destination} is the S3 configuration of every stream: the destination itself for S3 streams, the backup
 * (error-output) bucket of an HTTP endpoint stream, the staging bucket of a Redshift stream. At most one of
 * {@code httpEndpoint} and {@code redshift} is set, and then records go there instead of to S3.
 */
public record DeliveryStreamMetadata(String accountId, String region, String name, String logKey,
                                     String deliveryStreamType, long versionId, long createTimestampMs,
                                     long lastUpdateTimestampMs, Integer throughputHintInMBs,
                                     S3Settings destination, Map<String, String> tags,
                                     KinesisSourceSettings kinesisSource, HttpEndpointSettings httpEndpoint,
                                     RedshiftSettings redshift, MskSourceSettings mskSource) {

    public static final String DESTINATION_ID = "destinationId-000000000001";

    @JsonCreator
    public DeliveryStreamMetadata {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A DirectPut stream to S3. */
    public DeliveryStreamMetadata(String accountId, String region, String name, String logKey,
                                  String deliveryStreamType, long versionId, long createTimestampMs,
                                  long lastUpdateTimestampMs, Integer throughputHintInMBs, S3Settings destination,
                                  Map<String, String> tags) {
        this(accountId, region, name, logKey, deliveryStreamType, versionId, createTimestampMs, lastUpdateTimestampMs,
                throughputHintInMBs, destination, tags, null, null, null, null);
    }

    /** This stream delivering to an HTTP endpoint, with {@code backup} as its S3 configuration. */
    public DeliveryStreamMetadata withHttpEndpoint(HttpEndpointSettings http, S3Settings backup) {
        return new DeliveryStreamMetadata(accountId, region, name, logKey, deliveryStreamType, versionId,
                createTimestampMs, lastUpdateTimestampMs, throughputHintInMBs, backup, tags, kinesisSource, http, null,
                mskSource);
    }

    /** This stream delivering to Redshift (PostgreSQL), with {@code staging} as its S3 configuration. */
    public DeliveryStreamMetadata withRedshift(RedshiftSettings settings, S3Settings staging) {
        return new DeliveryStreamMetadata(accountId, region, name, logKey, deliveryStreamType, versionId,
                createTimestampMs, lastUpdateTimestampMs, throughputHintInMBs, staging, tags, kinesisSource, null,
                settings, mskSource);
    }

    /** When buffered records are due: the destination's own hints (an HTTP endpoint has its own), else S3's. */
    public FlushPolicy flushPolicy() {
        if (httpEndpoint != null) {
            return FlushPolicy.ofHints(httpEndpoint.sizeInMBs(), httpEndpoint.intervalInSeconds());
        }
        return FlushPolicy.ofHints(destination.sizeInMBs(), destination.intervalInSeconds());
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
                createTimestampMs, nowMs, throughputHintInMBs, settings, tags, kinesisSource, null, null,
                mskSource);
    }

    /**
     * The next version after an UpdateDestination: {@code s3} as the S3 configuration and at most one of
     * {@code http} and {@code redshift} as the destination (neither: S3 itself), the version id bumped.
     */
    public DeliveryStreamMetadata withUpdatedDestination(S3Settings s3, HttpEndpointSettings http,
                                                         RedshiftSettings redshiftSettings, long nowMs) {
        if (http != null && redshiftSettings != null) {
            throw new IllegalArgumentException("a stream has one destination, not an HTTP endpoint and Redshift");
        }
        return new DeliveryStreamMetadata(accountId, region, name, logKey, deliveryStreamType, versionId + 1,
                createTimestampMs, nowMs, throughputHintInMBs, s3, tags, kinesisSource, http, redshiftSettings,
                mskSource);
    }

    public DeliveryStreamMetadata withTags(Map<String, String> newTags) {
        return new DeliveryStreamMetadata(accountId, region, name, logKey, deliveryStreamType, versionId,
                createTimestampMs, lastUpdateTimestampMs, throughputHintInMBs, destination, newTags, kinesisSource,
                httpEndpoint, redshift, mskSource);
    }
}
