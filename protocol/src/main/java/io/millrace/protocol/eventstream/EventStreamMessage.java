package io.millrace.protocol.eventstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event-stream message: string headers in their wire order and an opaque payload. Immutable (the payload is
 * copied in and out). Header names and values must fit the format's length fields.
 */
public record EventStreamMessage(Map<String, String> headers, byte[] payload) {
    public static final String MESSAGE_TYPE = ":message-type";
    public static final String EVENT_TYPE = ":event-type";
    public static final String EXCEPTION_TYPE = ":exception-type";
    public static final String ERROR_CODE = ":error-code";
    public static final String ERROR_MESSAGE = ":error-message";
    public static final String CONTENT_TYPE = ":content-type";

    public EventStreamMessage {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            int nameBytes = header.getKey().getBytes(StandardCharsets.UTF_8).length;
            if (nameBytes == 0 || nameBytes > EventStreamDescriptor.MAX_HEADER_NAME_BYTES) {
                throw new IllegalArgumentException("header name: " + nameBytes + " bytes (expected: 1-255)");
            }
            int valueBytes = header.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (valueBytes > EventStreamDescriptor.MAX_HEADER_VALUE_BYTES) {
                throw new IllegalArgumentException("header value: " + valueBytes + " bytes (expected: <= 65535)");
            }
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        payload = payload.clone();
    }

    /** An {@code event} message of {@code eventType} (Kinesis: {@code initial-response}, SubscribeToShardEvent). */
    public static EventStreamMessage event(String eventType, String contentType, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EVENT_TYPE, eventType);
        headers.put(CONTENT_TYPE, contentType);
        headers.put(MESSAGE_TYPE, "event");
        return new EventStreamMessage(headers, payload);
    }

    /** A modelled {@code exception} message, e.g. {@code ResourceInUseException} with {@code {"message":…}}. */
    public static EventStreamMessage exception(String exceptionType, String contentType, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EXCEPTION_TYPE, exceptionType);
        headers.put(CONTENT_TYPE, contentType);
        headers.put(MESSAGE_TYPE, "exception");
        return new EventStreamMessage(headers, payload);
    }

    /** An unmodelled {@code error} message: code and text in headers, no payload. */
    public static EventStreamMessage error(String code, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ERROR_CODE, code);
        headers.put(ERROR_MESSAGE, message);
        headers.put(MESSAGE_TYPE, "error");
        return new EventStreamMessage(headers, new byte[0]);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The value of a header, or {@code null} when absent. */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventStreamMessage that && headers.equals(that.headers)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "EventStreamMessage[headers=" + headers + ", payload=" + payload.length + " bytes]";
    }
}
