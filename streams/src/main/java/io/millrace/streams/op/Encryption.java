package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.stream.StreamKey;
import io.millrace.log.StoredRecord;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

/** Checks and wire values shared by Start/StopStreamEncryption and the operations reporting encryption. Stateless. */
final class Encryption {

    private Encryption() {
    }

    /** Both encryption operations take only KMS. */
    static void requireKms(EncryptionType type, StreamKey key) {
        if (type != EncryptionType.KMS) {
            // [UNVERIFIED] AWS's text for EncryptionType NONE on Start/StopStreamEncryption.
            throw KinesisError.INVALID_ARGUMENT.exception("EncryptionType %s is not valid for stream %s under "
                    + "account %s. The only supported encryption type is KMS.", type, key.name(), key.accountId());
        }
    }

    /**
     * The KMS key id records appended at {@code nowMs} are encrypted at rest with, or {@code null} while the
     * stream's encryption is not in effect (stopped, or StartStreamEncryption still UPDATING).
     */
    static String keyAt(StreamMetadata stream, long nowMs) {
        return stream.settings().encryptsAt(nowMs) ? stream.settings().keyId() : null;
    }

    /** {@code KMS} for a record stored encrypted, {@code null} (omitted) otherwise. */
    static EncryptionType ofStored(StoredRecord record) {
        return record.isEncrypted() ? EncryptionType.KMS : null;
    }

    /**
     * Makes {@code keyId} usable for the stream's data; KMSNotFoundException when the key ring has no such key (a
     * fixed key ring, {@code --keyring}; without one any key id gets a generated key).
     */
    static void requireKey(StreamRegistry streams, String keyId) {
        if (!streams.keyRing().provision(keyId)) {
            // [UNVERIFIED] AWS's text for an unknown KMS key on StartStreamEncryption.
            throw KinesisError.KMS_NOT_FOUND.exception("Key '%s' does not exist", keyId);
        }
    }

    /** {@code KMS} for a record that arrived while encryption was in effect, {@code null} (omitted) otherwise. */
    static EncryptionType ofRecord(StreamMetadata stream, long arrivalMs) {
        return stream.settings().encryptsAt(arrivalMs) ? EncryptionType.KMS : null;
    }
}
