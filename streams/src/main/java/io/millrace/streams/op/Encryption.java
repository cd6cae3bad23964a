package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;

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

    /** {@code KMS} for a record that arrived while encryption was in effect, {@code null} (omitted) otherwise. */
    static EncryptionType ofRecord(StreamMetadata stream, long arrivalMs) {
        return stream.settings().encryptsAt(arrivalMs) ? EncryptionType.KMS : null;
    }
}
