package io.millrace.firehose.op;

/** Wire shape {@code DeliveryStreamEncryptionConfiguration}, reduced to its status (always DISABLED so far). */
public record EncryptionStatus(String status) {
    static final EncryptionStatus DISABLED = new EncryptionStatus("DISABLED");
}
