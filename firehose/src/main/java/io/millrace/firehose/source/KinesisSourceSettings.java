package io.millrace.firehose.source;

/**
 * The stored {@code KinesisStreamSourceConfiguration} of a delivery stream, with the time from which it reads
 * ({@code DeliveryStartTimestamp}: its creation; records already in the stream then are not delivered, as in AWS).
 */
public record KinesisSourceSettings(String kinesisStreamARN, String roleARN, long deliveryStartMs) {
}
