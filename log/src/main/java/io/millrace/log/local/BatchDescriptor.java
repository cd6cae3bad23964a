package io.millrace.log.local;

import java.nio.ByteBuffer;

/**
 * Layout of one record batch in a segment file, little endian. One {@code append} writes exactly one batch.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |              Batch Length (whole batch, this field included)  |  0
 *  +---------------------------------------------------------------+
 *  |              CRC32C of bytes [8, Batch Length)                 |  4
 *  +---------------+---------------+-------------------------------+
 *  | Format Version|     Flags     |           Reserved            |  8
 *  +---------------+---------------+-------------------------------+
 *  |                         Record Count                          | 12
 *  +---------------------------------------------------------------+
 *  |                      Base Position (64)                       | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Arrival Timestamp Ms (64)                   | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  Records: Record Count times                                 ...  32
 *  |    Partition Key Length (32) | Partition Key (UTF-8)          |
 *  |    Data Length (32)          | Data                           |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Version 2 adds one flag, {@link #FLAG_ENCRYPTED} (bit 0): the records are then AES-256-GCM ciphertext behind
 * a 32-byte encryption header, and the batch ends with the 16-byte GCM tag. The fixed header stays in the clear,
 * so positions, arrival times, indexes and recovery never need a key.
 * <pre>
 *  +---------------------------------------------------------------+
 *  |        Fixed header as above (version 2, flags 0x01)          |  0
 *  +---------------------------------------------------------------+
 *  |                        Key Ref (64)                           | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Key Version                            | 40
 *  +---------------------------------------------------------------+
 *  |                        Reserved                               | 44
 *  +---------------------------------------------------------------+
 *  |                        Salt (128)                             | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  Ciphertext of the records, laid out as in version 1         ... 64
 *  +---------------------------------------------------------------+
 *  |                        GCM Tag (128)                         ... length - 16
 *  +---------------------------------------------------------------+
 * </pre>
 * The CRC still covers every stored byte after itself (ciphertext included), so recovery and {@code log verify}
 * check encrypted batches without a key; the GCM tag authenticates bytes [8, 64) as associated data, so a batch
 * cannot be moved to another position or key. See {@code BatchCipher} for the keys. Writers use the lowest version
 * that describes a batch: plaintext batches stay version 1, readable by older builds.
 *
 * <p>Every record of a batch shares the batch's arrival time; record {@code i} has position
 * {@code Base Position + i}. Batches are not padded: they are read with positional reads into heap buffers,
 * never through a mapping, so alignment would buy nothing. Flags are 0 in version 1; other bits are reserved
 * (compression). Thread safety: constants and pure functions only.
 */
final class BatchDescriptor {
    static final byte FORMAT_VERSION = 1;
    /** The version of encrypted batches; plaintext batches keep {@link #FORMAT_VERSION}. */
    static final byte ENCRYPTED_FORMAT_VERSION = 2;
    static final byte FLAG_ENCRYPTED = 0x01;
    static final int KEY_REF_OFFSET = 32;
    static final int KEY_VERSION_OFFSET = 40;
    static final int SALT_OFFSET = 48;
    static final int SALT_LENGTH = io.millrace.log.crypto.OneTimeKeyCipher.SALT_LENGTH;
    /** Fixed header plus encryption header: where an encrypted batch's ciphertext starts. */
    static final int ENCRYPTED_HEADER_LENGTH = 64;
    static final int TAG_LENGTH = io.millrace.log.crypto.OneTimeKeyCipher.TAG_LENGTH;
    static final int LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = 4;
    static final int VERSION_OFFSET = 8;
    static final int FLAGS_OFFSET = 9;
    static final int RECORD_COUNT_OFFSET = 12;
    static final int BASE_POSITION_OFFSET = 16;
    static final int ARRIVAL_MS_OFFSET = 24;
    static final int HEADER_LENGTH = 32;
    /** The CRC covers everything after the CRC field itself. */
    static final int CRC_COVERAGE_OFFSET = 8;
    /** Length prefixes of one record: partition key length and data length. */
    static final int RECORD_OVERHEAD = 8;
    /** Upper bound of a batch's length; anything larger in a file header is corruption. */
    static final int MAX_BATCH_LENGTH = Integer.MAX_VALUE - 64;

    private BatchDescriptor() {
    }

    /** Whether a batch header's length, count, version and flags are plausible for a batch of {@code batchLength}. */
    static boolean isSane(int batchLength, int recordCount, byte version, byte flags) {
        int overhead = isEncrypted(version, flags) ? ENCRYPTED_HEADER_LENGTH + TAG_LENGTH : HEADER_LENGTH;
        boolean knownFormat = (version == FORMAT_VERSION && flags == 0)
                || (version == ENCRYPTED_FORMAT_VERSION && flags == FLAG_ENCRYPTED);
        return knownFormat
                && batchLength >= overhead + RECORD_OVERHEAD
                && batchLength <= MAX_BATCH_LENGTH
                && recordCount > 0
                && (long) recordCount * RECORD_OVERHEAD <= batchLength - overhead;
    }

    /** Whether a batch with this version and these flags holds ciphertext. */
    static boolean isEncrypted(byte version, byte flags) {
        return version == ENCRYPTED_FORMAT_VERSION && (flags & FLAG_ENCRYPTED) != 0;
    }

    /** {@link #isSane(int, int, byte, byte)} for the header at the start of {@code header}. */
    static boolean isSane(ByteBuffer header) {
        return isSane(header.getInt(LENGTH_OFFSET), header.getInt(RECORD_COUNT_OFFSET), header.get(VERSION_OFFSET),
                header.get(FLAGS_OFFSET));
    }

    /** Whether the batch whose header starts {@code header} is encrypted. */
    static boolean isEncrypted(ByteBuffer header) {
        return isEncrypted(header.get(VERSION_OFFSET), header.get(FLAGS_OFFSET));
    }
}
