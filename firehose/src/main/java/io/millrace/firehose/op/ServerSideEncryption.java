package io.millrace.firehose.op;

import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamEncryption;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import io.millrace.protocol.error.FirehoseError;

/**
 * Checks shared by CreateDeliveryStream and Start/StopDeliveryStreamEncryption: key type and ARN agree, the key ring
 * has the key, and no change is in progress. Stateless.
 */
final class ServerSideEncryption {

    private ServerSideEncryption() {
    }

    /**
     * The encryption {@code input} asks for, enabled from {@code sinceMs}; InvalidArgument for a key type and ARN
     * that do not go together, InvalidKMSResource when the key ring cannot supply the key.
     */
    static DeliveryStreamEncryption enable(DeliveryStreamRegistry registry,
                                           DeliveryStreamEncryptionConfigurationInput input, long sinceMs) {
        String keyType = input == null || input.keyType() == null
                ? DeliveryStreamEncryption.AWS_OWNED_CMK : input.keyType();
        String keyArn = input == null ? null : input.keyARN();
        if (DeliveryStreamEncryption.CUSTOMER_MANAGED_CMK.equals(keyType) && keyArn == null) {
            // [UNVERIFIED] AWS's text.
            throw FirehoseError.INVALID_ARGUMENT.exception("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
        }
        if (DeliveryStreamEncryption.AWS_OWNED_CMK.equals(keyType) && keyArn != null) {
            // [UNVERIFIED] AWS's text.
            throw FirehoseError.INVALID_ARGUMENT.exception("KeyARN must not be specified when KeyType is AWS_OWNED_CMK.");
        }
        DeliveryStreamEncryption next = new DeliveryStreamEncryption(keyType, keyArn, true, sinceMs);
        if (!registry.keyRing().provision(next.keyId())) {
            // [UNVERIFIED] AWS's text; with --keyring only the keys it lists exist.
            throw FirehoseError.INVALID_KMS_RESOURCE.exception("KMS key %s was not found.", next.keyId());
        }
        return next;
    }

    /** ResourceInUse while an earlier Start or Stop is still ENABLING or DISABLING [UNVERIFIED text]. */
    static void requireSettled(DeliveryStream stream, long nowMs) {
        if (stream.encryption().isChanging(nowMs)) {
            throw FirehoseError.RESOURCE_IN_USE.exception("Firehose %s is %s; retry when the change completes.",
                    stream.metadata().name(), stream.encryption().status(nowMs));
        }
    }
}
