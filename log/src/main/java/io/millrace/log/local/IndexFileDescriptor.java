package io.millrace.log.local;

/**
 * Layout of a segment's persisted sparse index ({@code <20-digit base position>.index}), little endian: a 56-byte
 * header followed by fixed-size entries, one per indexed batch.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic ("MLRCIDX1")                        |  0
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |        Format Version         |           Reserved            |  8
 *  +-------------------------------+-------------------------------+
 *  |                         Entry Count                           | 12
 *  +---------------------------------------------------------------+
 *  |                  Segment Base Position (64)                   | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |         Segment Bytes (64): the segment length covered        | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |       End Position (64): position after the last record       | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        Last Arrival Ms (64): of the last covered batch        | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        CRC32C of every byte of the file but this field        | 48
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            | 52
 *  +---------------------------------------------------------------+
 *  |  Entries: Entry Count times, 16 bytes each                   ...  56
 *  |    Relative Position (32): batch base position - segment base |
 *  |    Relative Offset (32): batch file offset in the segment     |
 *  |    Arrival Ms (64): the batch's arrival time                  |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Design note: one file serves as both the offset index and the time index. Arrival times never go backwards
 * within a log, so the entries sorted by position are also sorted by time, and a separate {@code .timeindex}
 * would repeat them. The file is a checkpoint of what recovery would otherwise rebuild by scanning: it is written
 * when a segment is sealed by a roll and, for the newest segment, on a clean close, always after the segment's
 * bytes it covers were forced. It is trusted only when its magic, version, base position and CRC32C are right
 * and Segment Bytes does not exceed the segment file's length. Because segments are append-only, the covered
 * prefix never changes afterwards: a sealed segment must match its length exactly, and the newest segment is
 * verified batch by batch only past Segment Bytes (that tail exists only after an unclean shutdown). An index
 * that is not trusted is deleted and rebuilt, never repaired. Thread safety: constants and pure functions only.
 */
final class IndexFileDescriptor {
    static final long MAGIC = 0x3158444943524C4DL; // "MLRCIDX1" read as a little-endian long
    static final short FORMAT_VERSION = 1;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 8;
    static final int ENTRY_COUNT_OFFSET = 12;
    static final int BASE_POSITION_OFFSET = 16;
    static final int SEGMENT_BYTES_OFFSET = 24;
    static final int END_POSITION_OFFSET = 32;
    static final int LAST_ARRIVAL_MS_OFFSET = 40;
    static final int CRC_OFFSET = 48;
    static final int HEADER_LENGTH = 56;
    static final int ENTRY_LENGTH = 16;
    static final int ENTRY_RELATIVE_POSITION_OFFSET = 0;
    static final int ENTRY_RELATIVE_OFFSET_OFFSET = 4;
    static final int ENTRY_ARRIVAL_MS_OFFSET = 8;
    static final String FILE_SUFFIX = ".index";

    private IndexFileDescriptor() {
    }

    /** The index file name of the segment whose first record has {@code basePosition}. */
    static String fileName(long basePosition) {
        return String.format("%020d", basePosition) + FILE_SUFFIX;
    }
}
