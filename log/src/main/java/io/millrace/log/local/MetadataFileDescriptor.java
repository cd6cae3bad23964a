package io.millrace.log.local;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Layout of one metadata file ({@code dataDir/meta/<escaped key>.meta}), little endian: a 16-byte header, then
 * the value. The file is always replaced by an atomic rename, so the CRC guards against media faults, not
 * against torn writes.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Magic ("MLRM")                         |  0
 *  +-------------------------------+-------------------------------+
 *  |        Format Version         |           Reserved            |  4
 *  +-------------------------------+-------------------------------+
 *  |                         Value Length                          |  8
 *  +---------------------------------------------------------------+
 *  |                       CRC32C of Value                         | 12
 *  +---------------------------------------------------------------+
 *  |                          Value ...                           ... 16
 * </pre>
 *
 * Thread safety: constants and pure functions only.
 */
final class MetadataFileDescriptor {
    static final int MAGIC = 0x4D524C4D; // "MLRM" read as a little-endian int
    static final short FORMAT_VERSION = 1;
    static final int HEADER_LENGTH = 16;

    private MetadataFileDescriptor() {
    }

    static ByteBuffer encode(byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(value);
        ByteBuffer file = ByteBuffer.allocate(HEADER_LENGTH + value.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(MAGIC).putShort(FORMAT_VERSION).putShort((short) 0).putInt(value.length)
                .putInt((int) crc.getValue()).put(value);
        return file.flip();
    }

    /** The value stored in {@code file}, or null if the file is not an intact version-1 metadata file. */
    static byte[] decode(byte[] file) {
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < HEADER_LENGTH || buffer.getInt(0) != MAGIC || buffer.getShort(4) != FORMAT_VERSION
                || buffer.getInt(8) != file.length - HEADER_LENGTH) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(file, HEADER_LENGTH, file.length - HEADER_LENGTH);
        if ((int) crc.getValue() != buffer.getInt(12)) {
            return null;
        }
        byte[] value = new byte[file.length - HEADER_LENGTH];
        System.arraycopy(file, HEADER_LENGTH, value, 0, value.length);
        return value;
    }
}
