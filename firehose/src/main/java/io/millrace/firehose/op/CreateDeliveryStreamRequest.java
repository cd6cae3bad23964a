package io.millrace.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.firehose.model.Tag;

import java.util.List;

/**
 * Input of CreateDeliveryStream. Sources and destinations Millrace does not support yet are kept as trees so that
 * they can be refused by name.
 */
public record CreateDeliveryStreamRequest(String deliveryStreamName, String deliveryStreamType,
                                          DirectPutSourceConfiguration directPutSourceConfiguration,
                                          JsonNode kinesisStreamSourceConfiguration,
                                          JsonNode mSKSourceConfiguration, JsonNode databaseSourceConfiguration,
                                          JsonNode deliveryStreamEncryptionConfigurationInput,
                                          S3DestinationConfiguration s3DestinationConfiguration,
                                          ExtendedS3DestinationConfiguration extendedS3DestinationConfiguration,
                                          JsonNode redshiftDestinationConfiguration,
                                          JsonNode elasticsearchDestinationConfiguration,
                                          JsonNode amazonopensearchserviceDestinationConfiguration,
                                          JsonNode splunkDestinationConfiguration,
                                          JsonNode httpEndpointDestinationConfiguration,
                                          JsonNode amazonOpenSearchServerlessDestinationConfiguration,
                                          JsonNode snowflakeDestinationConfiguration,
                                          JsonNode icebergDestinationConfiguration, List<Tag> tags) {
}
