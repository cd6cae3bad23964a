package io.millrace.firehose.op;

import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.model.Tag;
import io.millrace.firehose.stream.DeliveryStreamMetadata;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import io.millrace.protocol.error.FirehoseError;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html">
 * CreateDeliveryStream</a>: a DirectPut stream delivering to S3 (plain or extended configuration), to an HTTP
 * endpoint or to Redshift (loaded into PostgreSQL). The stream is
 * {@code ACTIVE} as soon as this returns: there is nothing to provision, so Millrace skips AWS's {@code CREATING}
 * phase. Other sources and destinations are refused by name until they are implemented.
 */
final class CreateDeliveryStream implements SyncFirehoseOperation<CreateDeliveryStreamRequest,
        CreateDeliveryStreamResponse> {
    static final String DIRECT_PUT = "DirectPut";
    private static final String NOT_SUPPORTED_YET = " is not supported by this version of Millrace yet; only "
            + "DirectPut delivery streams are.";

    private final DeliveryStreamRegistry registry;
    private final Clock clock;

    CreateDeliveryStream(DeliveryStreamRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public CreateDeliveryStreamResponse call(CreateDeliveryStreamRequest request, FirehoseContext context) {
        String type = requireDirectPut(request);
        if (request.deliveryStreamEncryptionConfigurationInput() != null) {
            throw FirehoseError.INVALID_ARGUMENT.exception(
                    "Server-side encryption of delivery streams is not supported by this version of Millrace.");
        }
        S3Settings destination = destination(request);
        long nowMs = clock.millis();
        Integer throughputHint = request.directPutSourceConfiguration() == null ? null
                : request.directPutSourceConfiguration().throughputHintInMBs();
        String logKey = "firehose-" + request.deliveryStreamName() + "-" + UUID.randomUUID();
        DeliveryStreamMetadata metadata = new DeliveryStreamMetadata(context.accountId(), context.region(),
                request.deliveryStreamName(), logKey, type, 1, nowMs, nowMs, throughputHint, destination,
                tags(request));
        return new CreateDeliveryStreamResponse(registry.create(otherDestination(metadata, request)).metadata().arn());
    }

    /** The HTTP endpoint or Redshift destination, if that is what was configured, with its S3 configuration. */
    private static DeliveryStreamMetadata otherDestination(DeliveryStreamMetadata metadata,
                                                           CreateDeliveryStreamRequest request) {
        if (request.httpEndpointDestinationConfiguration() != null) {
            return metadata.withHttpEndpoint(
                    OtherDestinationRules.httpEndpoint(request.httpEndpointDestinationConfiguration()),
                    metadata.destination());
        }
        if (request.redshiftDestinationConfiguration() != null) {
            return metadata.withRedshift(OtherDestinationRules.redshift(request.redshiftDestinationConfiguration(),
                    metadata.destination()), metadata.destination());
        }
        return metadata;
    }

    private static String requireDirectPut(CreateDeliveryStreamRequest request) {
        String type = request.deliveryStreamType() == null ? DIRECT_PUT : request.deliveryStreamType();
        if (!DIRECT_PUT.equals(type)) {
            throw FirehoseError.INVALID_ARGUMENT.exception("DeliveryStreamType " + type + NOT_SUPPORTED_YET);
        }
        if (request.kinesisStreamSourceConfiguration() != null) {
            throw FirehoseError.INVALID_ARGUMENT.exception("KinesisStreamSourceConfiguration" + NOT_SUPPORTED_YET);
        }
        if (request.mSKSourceConfiguration() != null) {
            throw FirehoseError.INVALID_ARGUMENT.exception("MSKSourceConfiguration" + NOT_SUPPORTED_YET);
        }
        if (request.databaseSourceConfiguration() != null) {
            throw FirehoseError.INVALID_ARGUMENT.exception("DatabaseSourceConfiguration" + NOT_SUPPORTED_YET);
        }
        return type;
    }

    private static S3Settings destination(CreateDeliveryStreamRequest request) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("S3DestinationConfiguration", request.s3DestinationConfiguration());
        given.put("ExtendedS3DestinationConfiguration", request.extendedS3DestinationConfiguration());
        given.put("RedshiftDestinationConfiguration", request.redshiftDestinationConfiguration());
        given.put("ElasticsearchDestinationConfiguration", request.elasticsearchDestinationConfiguration());
        given.put("AmazonopensearchserviceDestinationConfiguration",
                request.amazonopensearchserviceDestinationConfiguration());
        given.put("SplunkDestinationConfiguration", request.splunkDestinationConfiguration());
        given.put("HttpEndpointDestinationConfiguration", request.httpEndpointDestinationConfiguration());
        given.put("AmazonOpenSearchServerlessDestinationConfiguration",
                request.amazonOpenSearchServerlessDestinationConfiguration());
        given.put("SnowflakeDestinationConfiguration", request.snowflakeDestinationConfiguration());
        given.put("IcebergDestinationConfiguration", request.icebergDestinationConfiguration());
        given.values().removeIf(java.util.Objects::isNull);
        if (given.size() != 1) {
            // [UNVERIFIED] wording as commonly reported for AWS.
            throw FirehoseError.INVALID_ARGUMENT.exception(
                    "Exactly one destination configuration is supported for a Firehose");
        }
        if (request.extendedS3DestinationConfiguration() != null) {
            return S3Rules.settings(request.extendedS3DestinationConfiguration(), true);
        }
        if (request.s3DestinationConfiguration() != null) {
            return S3Rules.settings(request.s3DestinationConfiguration().asExtended(), false);
        }
        if (request.httpEndpointDestinationConfiguration() != null) {
            return OtherDestinationRules.s3Configuration(request.httpEndpointDestinationConfiguration());
        }
        if (request.redshiftDestinationConfiguration() != null) {
            return OtherDestinationRules.s3Configuration(request.redshiftDestinationConfiguration());
        }
        throw FirehoseError.INVALID_ARGUMENT.exception(given.keySet().iterator().next()
                + " is not supported by this version of Millrace yet; supported destinations are "
                + "ExtendedS3DestinationConfiguration, S3DestinationConfiguration, "
                + "HttpEndpointDestinationConfiguration and RedshiftDestinationConfiguration.");
    }

    private static Map<String, String> tags(CreateDeliveryStreamRequest request) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.tags() != null) {
            for (Tag tag : request.tags()) {
                tags.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return tags;
    }
}
