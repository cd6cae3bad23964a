package io.millrace.protocol.eventstream;

/**
 * Layout of one event-stream message (reference §4.2). All integers are big endian; both CRCs are CRC-32 (the
 * IEEE 802.3 polynomial of {@link java.util.zip.CRC32}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Total Message Length                      |  prelude
 *  |                     Headers Section Length                    |
 *  |                  Prelude CRC (of the 8 bytes above)           |
 *  +---------------------------------------------------------------+
 *  | Name Len (8) |  Name (UTF-8) ...  | Type (8) | Value ...      ...  headers, repeated
 *  +---------------------------------------------------------------+
 *  |                          Payload ...                         ...
 *  +---------------------------------------------------------------+
 *  |           Message CRC (of every byte before it)               |
 *  +---------------------------------------------------------------+
 * </pre>
 * A string header (type 7) is a 2-byte length and UTF-8 bytes; Kinesis uses no other type. Not instantiable.
 */
public final class EventStreamDescriptor {
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    public static final int TOTAL_LENGTH_OFFSET = 0;
    public static final int HEADERS_LENGTH_OFFSET = 4;
    public static final int PRELUDE_CRC_OFFSET = 8;
    public static final int PRELUDE_LENGTH = 12;
    public static final int MESSAGE_CRC_LENGTH = 4;
    /** A message with no headers and no payload. */
    public static final int MIN_MESSAGE_LENGTH = PRELUDE_LENGTH + MESSAGE_CRC_LENGTH;

    /** The limits the AWS event-stream libraries enforce; a larger message would be refused by clients. */
    public static final int MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;
    public static final int MAX_HEADERS_LENGTH = 128 * 1024;
    public static final int MAX_HEADER_NAME_BYTES = 255;
    public static final int MAX_HEADER_VALUE_BYTES = 0xFFFF;

    public static final byte TYPE_BOOL_TRUE = 0;
    public static final byte TYPE_BOOL_FALSE = 1;
    public static final byte TYPE_BYTE = 2;
    public static final byte TYPE_SHORT = 3;
    public static final byte TYPE_INT = 4;
    public static final byte TYPE_LONG = 5;
    public static final byte TYPE_BYTES = 6;
    public static final byte TYPE_STRING = 7;
    public static final byte TYPE_TIMESTAMP = 8;
    public static final byte TYPE_UUID = 9;

    /** Offset of the message CRC in a message of {@code totalLength} bytes. */
    public static int messageCrcOffset(int totalLength) {
        return totalLength - MESSAGE_CRC_LENGTH;
    }

    /** Length of the payload of a message of {@code totalLength} bytes with {@code headersLength} header bytes. */
    public static int payloadLength(int totalLength, int headersLength) {
        return totalLength - PRELUDE_LENGTH - headersLength - MESSAGE_CRC_LENGTH;
    }

    private EventStreamDescriptor() {
    }
}
