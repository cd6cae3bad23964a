package io.millrace.log;

/**
 * A record as handed to {@link ShardLog#append}. {@code partitionKey} is kept verbatim; {@code data} is not
 * copied, so callers must not modify it afterwards.
 */
public record LogRecord(String partitionKey, byte[] data) {

    /**
     * The bytes a record counts for against Kinesis's size limits: its data plus its partition key in UTF-8,
     * counted without encoding the key (this runs for every record put and read).
     */
    public static long sizeInBytes(byte[] data, String partitionKey) {
        return data.length + (long) utf8Length(partitionKey);
    }

    /** UTF-8 length exactly as {@link String#getBytes} would produce it (lone surrogates become '?'). */
    public static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length += 1;
            } else {
                length += 3;
            }
        }
        return length;
    }

}
