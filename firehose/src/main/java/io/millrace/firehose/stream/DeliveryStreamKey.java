package io.millrace.firehose.stream;

/** Delivery streams are namespaced by account and region, like AWS. */
public record DeliveryStreamKey(String accountId, String region, String name) {
}
