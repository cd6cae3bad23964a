/**
 * Delivery streams: {@link io.millrace.firehose.stream.DeliveryStreamRegistry} (persisted metadata, lookup) and
 * {@link io.millrace.firehose.stream.DeliveryStream} (buffer plus delivery).
 */
package io.millrace.firehose.stream;
