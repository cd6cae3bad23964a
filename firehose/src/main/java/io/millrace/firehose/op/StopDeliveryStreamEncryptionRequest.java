package io.millrace.firehose.op;

/** Input of StopDeliveryStreamEncryption. */
public record StopDeliveryStreamEncryptionRequest(String deliveryStreamName) {
}
