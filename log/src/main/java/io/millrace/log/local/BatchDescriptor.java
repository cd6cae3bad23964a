package io.millrace.log.local;

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
 * <p>Every record of a batch shares the batch's arrival time; record {@code i} has position
 * {@code Base Position + i}. Batches are not padded: they are read with positional reads into heap buffers,
 * never through a mapping, so alignment would buy nothing. Flags are 0 in version 1 and reserved for
 * compression. Thread safety: constants and pure functions only.
 */
final class BatchDescriptor {
    static final byte FORMAT_VERSION = 1;
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

    /** Whether a batch header's length and count fields are plausible for a batch of {@code batchLength}. */
    static boolean isSane(int batchLength, int recordCount, byte version) {
        return batchLength >= HEADER_LENGTH + RECORD_OVERHEAD
                && batchLength <= MAX_BATCH_LENGTH
                && recordCount > 0
                && (long) recordCount * RECORD_OVERHEAD <= batchLength - HEADER_LENGTH
                && version == FORMAT_VERSION;
    }
}
