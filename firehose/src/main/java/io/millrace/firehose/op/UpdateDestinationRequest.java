package io.millrace.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;

/** Input of UpdateDestination; updates for destinations Millrace does not support are kept to be refused. */
public record UpdateDestinationRequest(String deliveryStreamName, String currentDeliveryStreamVersionId,
                                       String destinationId, S3DestinationUpdate s3DestinationUpdate,
                                       ExtendedS3DestinationUpdate extendedS3DestinationUpdate,
                                       JsonNode redshiftDestinationUpdate, JsonNode elasticsearchDestinationUpdate,
                                       JsonNode amazonopensearchserviceDestinationUpdate,
                                       JsonNode splunkDestinationUpdate, JsonNode httpEndpointDestinationUpdate,
                                       JsonNode amazonOpenSearchServerlessDestinationUpdate,
                                       JsonNode snowflakeDestinationUpdate, JsonNode icebergDestinationUpdate) {
}
