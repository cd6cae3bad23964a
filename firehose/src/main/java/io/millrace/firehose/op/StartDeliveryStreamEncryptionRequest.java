package io.millrace.firehose.op;

/** Input of StartDeliveryStreamEncryption; without a configuration the AWS owned key is used. */
public record StartDeliveryStreamEncryptionRequest(String deliveryStreamName,
        DeliveryStreamEncryptionConfigurationInput deliveryStreamEncryptionConfigurationInput) {
}
