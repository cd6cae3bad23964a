package io.millrace.firehose.op;

/**
 * Wire shape {@code DestinationDescription}. A stream created with the deprecated S3 configuration is described with
 * both the S3 and the extended S3 description, as AWS is commonly observed to do [UNVERIFIED]. An HTTP endpoint or
 * Redshift stream has only its own description, which nests its S3 configuration.
 */
public record DestinationDescription(String destinationId, S3DestinationDescription s3DestinationDescription,
                                     ExtendedS3DestinationDescription extendedS3DestinationDescription,
                                     HttpEndpointDestinationDescription httpEndpointDestinationDescription,
                                     RedshiftDestinationDescription redshiftDestinationDescription) {
}
