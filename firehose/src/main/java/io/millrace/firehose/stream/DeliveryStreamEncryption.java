package io.millrace.firehose.stream;

/**
 * A delivery stream's server-side encryption, persisted beside its metadata. A change takes effect at
 * {@code sinceMs}: until then Describe reports ENABLING (or DISABLING). Records are encrypted at rest from ENABLED on
 * and no longer from the moment encryption is stopped.
 *
 * @param keyType AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK; null when encryption was never enabled
 * @param keyArn  the customer managed key's ARN, else null
 * @param enabled whether encryption is (being) enabled, as opposed to (being) disabled
 * @param sinceMs when the last change completes
 */
public record DeliveryStreamEncryption(String keyType, String keyArn, boolean enabled, long sinceMs) {
    public static final String AWS_OWNED_CMK = "AWS_OWNED_CMK";
    public static final String CUSTOMER_MANAGED_CMK = "CUSTOMER_MANAGED_CMK";
    /** The key ring id that stands for the AWS owned key of Firehose. */
    public static final String AWS_OWNED_KEY_ID = "alias/aws/firehose";
    public static final DeliveryStreamEncryption DISABLED = new DeliveryStreamEncryption(null, null, false, 0);

    /** ENABLING, ENABLED, DISABLING or DISABLED at {@code nowMs}. */
    public String status(long nowMs) {
        boolean done = nowMs >= sinceMs;
        if (enabled) {
            return done ? "ENABLED" : "ENABLING";
        }
        return done ? "DISABLED" : "DISABLING";
    }

    /** Whether a change is still in progress at {@code nowMs}. */
    public boolean isChanging(long nowMs) {
        return nowMs < sinceMs;
    }

    /** The key ring id of the key: the customer's key ARN, or {@link #AWS_OWNED_KEY_ID}. */
    public String keyId() {
        return CUSTOMER_MANAGED_CMK.equals(keyType) ? keyArn : AWS_OWNED_KEY_ID;
    }

    /** The key records put at {@code nowMs} are encrypted at rest with, or null. */
    public String keyIdAt(long nowMs) {
        return enabled && nowMs >= sinceMs ? keyId() : null;
    }
}
