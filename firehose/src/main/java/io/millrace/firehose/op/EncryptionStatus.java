package io.millrace.firehose.op;

import io.millrace.firehose.stream.DeliveryStreamEncryption;

/**
 * Wire shape {@code DeliveryStreamEncryptionConfiguration}. The key is shown while encryption is enabled or being
 * disabled; once DISABLED only the status is [UNVERIFIED].
 */
public record EncryptionStatus(String keyARN, String keyType, String status) {
    static final EncryptionStatus DISABLED = new EncryptionStatus(null, null, "DISABLED");

    static EncryptionStatus of(DeliveryStreamEncryption encryption, long nowMs) {
        String status = encryption.status(nowMs);
        if (encryption.keyType() == null || status.equals("DISABLED")) {
            return DISABLED;
        }
        return new EncryptionStatus(encryption.keyArn(), encryption.keyType(), status);
    }
}
