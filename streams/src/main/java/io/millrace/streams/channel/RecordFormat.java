package io.millrace.streams.channel;

import java.io.ByteArrayOutputStream;

/**
 * How a channel lays records out in a delivered object: JSON and STRING records one per line (a newline is added
 * after each), BYTE_ARRAY records concatenated unchanged. GSR_JSON exists only for S3 Tables, which Millrace does not
 * serve. Stateless.
 */
enum RecordFormat {
    JSON(true), STRING(true), BYTE_ARRAY(false);

    private final boolean newlineDelimited;

    RecordFormat(boolean newlineDelimited) {
        this.newlineDelimited = newlineDelimited;
    }

    static RecordFormat of(ChannelMetadata channel) {
        return valueOf(channel.recordConfiguration().recordFormatType());
    }

    void write(byte[] data, ByteArrayOutputStream out) {
        out.writeBytes(data);
        if (newlineDelimited) {
            out.write('\n');
        }
    }
}
