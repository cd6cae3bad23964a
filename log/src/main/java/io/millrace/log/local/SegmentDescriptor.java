package io.millrace.log.local;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Layout of the file header at the start of every segment file ({@code <20-digit base position>.log}),
 * little endian, 32 bytes, followed by record batches laid out as in {@link BatchDescriptor}.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic ("MLRCSEG1")                        |  0
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |        Format Version         |           Reserved            |  8
 *  +-------------------------------+-------------------------------+
 *  |                    Base Position (64)                         | 12
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        Previous Arrival Ms (64): the log's lastArrivalMs      | 20
 *  |        when the segment was created, -1 for none              |
 *  +---------------------------------------------------------------+
 *  |                          Reserved                             | 28
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Design note: Previous Arrival Ms lets recovery restore {@code lastArrivalMs} exactly even when the newest
 * segment holds no batch yet (the log crashed right after a roll, or older segments were trimmed).
 * Thread safety: constants and pure functions only.
 */
final class SegmentDescriptor {
    static final long MAGIC = 0x3147455343524C4DL; // "MLRCSEG1" read as a little-endian long
    static final short FORMAT_VERSION = 1;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 8;
    static final int BASE_POSITION_OFFSET = 12;
    static final int PREVIOUS_ARRIVAL_MS_OFFSET = 20;
    static final int HEADER_LENGTH = 32;
    static final String FILE_SUFFIX = ".log";

    private SegmentDescriptor() {
    }

    /** The file name of the segment whose first record has {@code basePosition}. */
    static String fileName(long basePosition) {
        return String.format("%020d", basePosition) + FILE_SUFFIX;
    }

    /** The base position encoded in a segment file name, or -1 if the name is not a segment's. */
    static long parseFileName(String name) {
        if (name.length() != 20 + FILE_SUFFIX.length() || !name.endsWith(FILE_SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(name.substring(0, 20));
    }

    static ByteBuffer encodeHeader(long basePosition, long previousArrivalMs) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(MAGIC_OFFSET, MAGIC);
        header.putShort(VERSION_OFFSET, FORMAT_VERSION);
        header.putLong(BASE_POSITION_OFFSET, basePosition);
        header.putLong(PREVIOUS_ARRIVAL_MS_OFFSET, previousArrivalMs);
        return header;
    }

    /** Whether {@code header} (positioned at its start, little endian) is a version-1 header for {@code base}. */
    static boolean isValidHeader(ByteBuffer header, long basePosition) {
        return header.getLong(MAGIC_OFFSET) == MAGIC
                && header.getShort(VERSION_OFFSET) == FORMAT_VERSION
                && header.getLong(BASE_POSITION_OFFSET) == basePosition;
    }
}
