package io.millrace.firehose.op;

/** Wire shape {@code DeliveryStreamEncryptionConfigurationInput}: the key for server-side encryption. */
public record DeliveryStreamEncryptionConfigurationInput(String keyARN, String keyType) {
}
