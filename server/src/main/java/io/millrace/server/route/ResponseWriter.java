package io.millrace.server.route;

import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.protocol.codec.WireFormat;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.eventstream.EventStreamDescriptor;
import io.millrace.server.http.ApiResponse;
import io.millrace.server.http.ChunkedBodyOutputStream;
import io.netty.buffer.ByteBufAllocator;

import java.io.IOException;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;

/** Turns operation results and {@link ApiException}s into HTTP answers with the headers AWS sends on every one. */
final class ResponseWriter {
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    static final String EXTENDED_REQUEST_ID_HEADER = "x-amz-id-2";
    static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    static final String CONTENT_TYPE_HEADER = "Content-Type";

    private ResponseWriter() {
    }

    /** The body goes straight into pooled transport memory: GetRecords answers reach 10 MiB. */
    static ApiResponse success(KinesisProtocol protocol, Object response, WireFormat format, String requestId) {
        ChunkedBodyOutputStream out = new ChunkedBodyOutputStream(ByteBufAllocator.DEFAULT);
        try {
            protocol.encodeResponse(response, format, out);
        } catch (IOException | RuntimeException e) {
            out.discard();
            throw new IllegalStateException("cannot encode " + response.getClass().getName(), e);
        }
        return ApiResponse.buffered(200, Map.of(
                CONTENT_TYPE_HEADER, format.contentType(),
                REQUEST_ID_HEADER, requestId,
                EXTENDED_REQUEST_ID_HEADER, extendedRequestId()), out.body());
    }

    /** A 200 whose body is a stream of event-stream frames. */
    static ApiResponse eventStream(Flow.Publisher<byte[]> frames, String requestId) {
        return ApiResponse.streaming(200, Map.of(
                CONTENT_TYPE_HEADER, EventStreamDescriptor.CONTENT_TYPE,
                REQUEST_ID_HEADER, requestId,
                EXTENDED_REQUEST_ID_HEADER, extendedRequestId()), frames);
    }

    static ApiResponse error(KinesisProtocol protocol, ApiException error, WireFormat format, String requestId) {
        return new ApiResponse(error.error().httpStatus(), Map.of(
                CONTENT_TYPE_HEADER, format.contentType(),
                REQUEST_ID_HEADER, requestId,
                EXTENDED_REQUEST_ID_HEADER, extendedRequestId(),
                ERROR_TYPE_HEADER, error.error().type()), protocol.encodeError(error, format));
    }

    /** AWS sends base64 of 64-80 random bytes; clients only surface it, so a cheap random suffices. */
    private static String extendedRequestId() {
        byte[] bytes = new byte[72];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
