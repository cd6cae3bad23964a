package io.millrace.protocol.codec;

import java.util.Locale;

/** The two body encodings Kinesis speaks. Responses always use the request's format. */
public enum WireFormat {
    JSON("application/x-amz-json-1.1"),
    CBOR("application/x-amz-cbor-1.1");

    private final String contentType;

    WireFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * The format named by a request's Content-Type, ignoring parameters after {@code ;} and surrounding blanks,
     * or {@code null} when the type is not one Kinesis accepts.
     */
    public static WireFormat fromContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String bare = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        for (WireFormat format : values()) {
            if (format.contentType.equals(bare)) {
                return format;
            }
        }
        return null;
    }
}
